/**
 * Looking up UI strings on the server (pages, components' frontmatter). Browser scripts never import
 * this module: they get their locale's strings from the page (page-strings.ts, client-strings.ts).
 */
import { LOCALE_REGISTRY, htmlLang, type Locale } from './locales.ts';
import { formatMessage, type Message, type MessageVars } from './message.ts';
import type { Area, AreaKey, UiKey } from './registry.ts';

export type { Area, AreaKey, UiKey } from './registry.ts';

/** A key of the site's own strings (header, navigation, home, lesson page). */
export type SiteKey = AreaKey<'site'>;

/** Translates the keys of one area in one locale. */
export type Translator<A extends Area> = (key: AreaKey<A>, vars?: MessageVars) => string;

/** The message behind a key, unformatted (plural forms and placeholders intact). */
export function message(locale: Locale, key: UiKey): Message {
  const dot = key.indexOf('.');
  const found = LOCALE_REGISTRY.area(locale, key.slice(0, dot)).get(key.slice(dot + 1));
  if (found === undefined) throw new Error(`no string ${key} in locale ${locale}`);
  return found;
}

/** The translator for one area of one locale; `{name}` placeholders are filled from vars (plain text, never HTML). */
export function translator<A extends Area>(locale: Locale, area: A): Translator<A> {
  const messages = LOCALE_REGISTRY.area(locale, area);
  const lang = htmlLang(locale);
  return (key, vars = {}) => {
    const found = messages.get(key);
    if (found === undefined) throw new Error(`no string ${area}.${key} in locale ${locale}`);
    return formatMessage(found, vars, lang);
  };
}

/** Look up a site string and fill `{name}` placeholders from vars. */
export function t(lang: Locale, key: SiteKey, vars: MessageVars = {}): string {
  return translator(lang, 'site')(key, vars);
}

/** The site translator bound to one locale, for components that render many strings. */
export function useTranslations(lang: Locale): Translator<'site'> {
  return translator(lang, 'site');
}

/** All site keys of one locale's table (for tests). */
export function uiKeys(lang: Locale): string[] {
  return [...LOCALE_REGISTRY.area(lang, 'site').keys()];
}

/** The title of a chapter; every chapter of the content needs `chapter.<n>.title` in every table (tested). */
export function chapterTitle(lang: Locale, chapter: number): string {
  return translator(lang, 'site')(`chapter.${chapter}.title` as SiteKey);
}

/** The one-line description of a chapter on the course home. */
export function chapterBlurb(lang: Locale, chapter: number): string {
  return translator(lang, 'site')(`chapter.${chapter}.blurb` as SiteKey);
}
