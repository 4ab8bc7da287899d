/** The course's locales: zh-CN at the site root, English under /en/. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'zh';

/** BCP 47 tag for the html lang attribute and hreflang links. */
export const HTML_LANG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

/** Name of each locale written in that locale, for the language switch. */
export const LOCALE_NAME: Record<Locale, string> = { zh: '中文', en: 'English' };

/** Whether a string is one of our locale codes. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale of a page from Astro.currentLocale (undefined or unknown falls back to the default). */
export function toLocale(value: string | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The other locale (the course has exactly two). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}
