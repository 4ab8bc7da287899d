/**
 * The classroom's UI strings: the `classroom` area of the locale tables (src/i18n/locales/), for
 * rendering on the server. Browser scripts read theirs from the page (classroom/client/strings.ts).
 */
import type { Locale } from '../../i18n/locales.ts';
import { translator, type AreaKey, type Translator } from '../../i18n/translate.ts';
import { LOCALE_REGISTRY } from '../../i18n/locales.ts';

export type ClassroomKey = AreaKey<'classroom'>;

/** The translator for one locale; `{name}` placeholders are filled from vars (plain text, never HTML). */
export function classroomStrings(locale: Locale): Translator<'classroom'> {
  return translator(locale, 'classroom');
}

/** Every key of a locale (for the test that all locales are complete). */
export function classroomKeys(locale: Locale): string[] {
  return [...LOCALE_REGISTRY.area(locale, 'classroom').keys()];
}
