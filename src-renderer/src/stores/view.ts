// View state: language, theme and current screen. Language and theme are user preferences
// persisted in localStorage (per machine); the screen always starts on the dashboard. Main is
// told the language too (App.tsx): its menu, dialogs and Chromium's locale follow it.
import { create } from 'zustand';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../src-shared/domain/language';
import { SCREENS, type ScreenId } from '../../../src-shared/ipc/screens';

export type { Language };
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
  /**
   * The desktop app runs Chromium in another language than the chosen one (it takes the choice
   * at start-up): the date fields' calendar popup follows the choice after a restart.
   */
  restartNeeded: boolean;
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  setScreen(screen: ScreenId): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  language: readPref<Language>(LANGUAGE_KEY, LANGUAGES, DEFAULT_LANGUAGE),
  theme: readPref<Theme>(THEME_KEY, ['light', 'dark'], 'light'),
  screen: SCREENS[0],
  navigated: false,
  navigation: 0,
  restartNeeded: false,
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
