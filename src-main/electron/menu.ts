// The native menu, in French. Pure template builder (type-only electron import) so its
// shortcuts can be tested; the glue calls Menu.buildFromTemplate on it.
import type { MenuItemConstructorOptions } from 'electron';
import { SCREENS, type ScreenId } from '../../src-shared/ipc/screens';

export const SCREEN_LABELS_FR: Record<ScreenId, string> = {
  dashboard: 'Tableau de bord',
  consolidation: 'Consolidation',
  simulator: 'Simulateur',
  analyses: 'Analyses',
  reports: 'Rapports',
  sync: 'Synchronisation',
  import: 'Import',
  settings: 'Paramètres',
};

export interface MenuActions {
  /** Development build: reload and DevTools entries. Production has neither (no Ctrl+R). */
  dev: boolean;
  isMac: boolean;
  navigate(screen: ScreenId): void;
  about(): void;
  quit(): void;
}

export function menuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const screens: MenuItemConstructorOptions[] = SCREENS.map((screen, i) => ({
    label: SCREEN_LABELS_FR[screen],
    // Ctrl+1…8 follow the order of the navigation bar.
    accelerator: `CmdOrCtrl+${i + 1}`,
    click: () => a.navigate(screen),
  }));
  const devItems: MenuItemConstructorOptions[] = a.dev
    ? [
        { type: 'separator' },
        { label: 'Recharger', role: 'reload', accelerator: 'CmdOrCtrl+R' },
        {
          label: 'Outils de développement',
          role: 'toggleDevTools',
          accelerator: 'CmdOrCtrl+Shift+I',
        },
      ]
    : [];
  return [
    // macOS expects the application menu first (About, Hide, Quit…).
    ...(a.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'Fichier',
      submenu: [{ label: 'Quitter', accelerator: 'CmdOrCtrl+Q', click: () => a.quit() }],
    },
    {
      label: 'Édition',
      // Needed on macOS for copy/paste shortcuts in inputs; harmless elsewhere.
      submenu: [
        { label: 'Annuler', role: 'undo' },
        { label: 'Rétablir', role: 'redo' },
        { type: 'separator' },
        { label: 'Couper', role: 'cut' },
        { label: 'Copier', role: 'copy' },
        { label: 'Coller', role: 'paste' },
        { label: 'Tout sélectionner', role: 'selectAll' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        ...screens,
        { type: 'separator' },
        { label: 'Zoom avant', role: 'zoomIn' },
        { label: 'Zoom arrière', role: 'zoomOut' },
        { label: 'Taille réelle', role: 'resetZoom' },
        { label: 'Plein écran', role: 'togglefullscreen' },
        ...devItems,
      ],
    },
    {
      label: 'Aide',
      submenu: [{ label: 'À propos d’EPM Retail', click: () => a.about() }],
    },
  ];
}
