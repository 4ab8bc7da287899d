/**
 * The course's locales: every src/i18n/locales/<code>.json is one. The default locale (zh-CN) sits
 * at the site root, every other one under /<code>/. Adding a language is adding its table (and its
 * lessons under src/content/lessons/<code>/); no code names the other locales.
 */
import { LOCALE_FILES } from './locale-files.ts';
import { createLocaleRegistry, tablesFromFiles, type LocaleInfo } from './registry.ts';

/** A locale code: the name of a table in src/i18n/locales/ (checked with isLocale at the edges). */
export type Locale = string;

/** The locale at the site root; its table defines the keys every other table must have. */
export const DEFAULT_LOCALE: Locale = 'zh';

/** All tables, validated once when the module loads (a missing key fails the build). */
export const LOCALE_REGISTRY = createLocaleRegistry(tablesFromFiles(LOCALE_FILES), DEFAULT_LOCALE);

/** The locale codes, the default first. */
export const LOCALES: readonly Locale[] = LOCALE_REGISTRY.locales;

/** Whether a string is one of our locale codes. */
export function isLocale(value: unknown): value is Locale {
  return LOCALE_REGISTRY.isLocale(value);
}

/** What the table says about its locale: html lang, name, direction. */
export function localeInfo(locale: Locale): LocaleInfo {
  return LOCALE_REGISTRY.info(locale);
}

/** BCP 47 tag for the html lang attribute and hreflang links. */
export function htmlLang(locale: Locale): string {
  return localeInfo(locale).htmlLang;
}
