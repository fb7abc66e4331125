// The app's screens, in navigation order, and their names. Shared because the native menu (main
// process) sends "go to screen X" events and the renderer owns the navigation: both must agree on
// the ids, and show the same names.
import type { Language } from '../domain/language';

export const SCREENS = [
  'dashboard',
  'consolidation',
  'simulator',
  'analyses',
  'reports',
  'sync',
  'import',
  'settings',
] as const;
export type ScreenId = (typeof SCREENS)[number];

export function isScreenId(value: unknown): value is ScreenId {
  return typeof value === 'string' && (SCREENS as readonly string[]).includes(value);
}

/** Each screen's name in each interface language: the navigation, the titles and the native menu. */
export const SCREEN_NAMES: Record<Language, Record<ScreenId, string>> = {
  fr: {
    dashboard: 'Tableau de bord',
    consolidation: 'Consolidation',
    simulator: 'Simulateur',
    analyses: 'Analyses',
    reports: 'Rapports',
    sync: 'Synchronisation',
    import: 'Import',
    settings: 'Paramètres',
  },
  en: {
    dashboard: 'Dashboard',
    consolidation: 'Consolidation',
    simulator: 'Simulator',
    analyses: 'Analyses',
    reports: 'Reports',
    sync: 'Synchronisation',
    import: 'Import',
    settings: 'Settings',
  },
};

/** A language's screen names as the renderer's message keys (`screen.<id>`). */
export function screenMessages(language: Language): Record<`screen.${ScreenId}`, string> {
  const names = SCREEN_NAMES[language];
  return Object.fromEntries(SCREENS.map((id) => [`screen.${id}`, names[id]])) as Record<
    `screen.${ScreenId}`,
    string
  >;
}
