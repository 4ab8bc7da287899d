/** UI strings per locale; the zh file defines the keys, en must have the same ones (tested). */
import zh from './zh.json';
import en from './en.json';
import type { Locale } from './locales.ts';

export type UiKey = keyof typeof zh;

const STRINGS: Record<Locale, Record<UiKey, string>> = { zh, en };

/** Look up a UI string and fill `{name}` placeholders from vars. */
export function t(lang: Locale, key: UiKey, vars: Record<string, string | number> = {}): string {
  const template = STRINGS[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The translator bound to one locale, for components that render many strings. */
export function useTranslations(lang: Locale): (key: UiKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => t(lang, key, vars);
}

/** All keys of one locale's table (for tests). */
export function uiKeys(lang: Locale): string[] {
  return Object.keys(STRINGS[lang]);
}
