// The interface languages, French first. Shared by the renderer (its dictionaries), the IPC
// contract (the language main is told) and the Electron glue (native menu, dialogs,
// notifications and Chromium's own locale, which draws the date picker's calendar).
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

/**
 * The Chromium locale (`--lang`) of each language. It decides what the web platform draws itself,
 * such as a date input's calendar popup (month and weekday names, first day of the week), which
 * otherwise follows the operating system's locale, whatever the language chosen in the app.
 */
export const CHROMIUM_LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
