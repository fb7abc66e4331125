// View state: language, theme and current screen. Language and theme are user preferences
// persisted in localStorage (per machine); the screen always starts on the dashboard.
import { create } from 'zustand';
import { SCREENS, type ScreenId } from '../../../src-shared/ipc/screens';

export type Language = 'fr' | 'en';
export type Theme = 'light' | 'dark';

const LANGUAGE_KEY = 'epm.language';
const THEME_KEY = 'epm.theme';

function readPref<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  } catch {
    // Storage can be unavailable (privacy settings); preferences then last for the session.
    return fallback;
  }
}

function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* see readPref */
  }
}

export interface ViewState {
  language: Language;
  theme: Theme;
  screen: ScreenId;
  /** True once the user changed screen: focus then moves to the new screen's title. */
  navigated: boolean;
  /** Counts screen changes: a screen remounted for fresh data (same count) keeps the focus. */
  navigation: number;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  setScreen(screen: ScreenId): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  language: readPref<Language>(LANGUAGE_KEY, ['fr', 'en'], 'fr'),
  theme: readPref<Theme>(THEME_KEY, ['light', 'dark'], 'light'),
  screen: SCREENS[0],
  navigated: false,
  navigation: 0,
  setLanguage: (language) => {
    writePref(LANGUAGE_KEY, language);
    set({ language });
  },
  setTheme: (theme) => {
    writePref(THEME_KEY, theme);
    set({ theme });
  },
  setScreen: (screen) =>
    set((s) =>
      s.screen === screen ? s : { screen, navigated: true, navigation: s.navigation + 1 },
    ),
}));
