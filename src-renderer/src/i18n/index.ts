// A deliberately tiny i18n: two dictionaries, a lookup with {placeholders}, and a hook bound to
// the view store's language. French is the default and the fallback.
import { useCallback } from 'react';
import { useViewStore, type Language } from '../stores/view';
import { en } from './en';
import { fr, type MessageKey, type Messages } from './fr';

export const LANGUAGES = ['fr', 'en'] as const;
const dictionaries: Record<Language, Messages> = { fr, en };

export type TranslateParams = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, params?: TranslateParams): string {
  const text = dictionaries[language][key] ?? fr[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export function useT(): Translate {
  const language = useViewStore((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}

export type { MessageKey };
