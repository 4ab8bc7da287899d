/**
 * The strings a browser script needs, in the page's locale only, serialised for a data attribute.
 * The script reads them back with client-strings.ts; the tables themselves never reach the browser.
 */
import { htmlLang, type Locale } from './locales.ts';
import type { Message } from './message.ts';
import { message, type UiKey } from './translate.ts';

/** What a data-vl-strings attribute holds. */
export interface PageStrings {
  /** BCP 47 tag for plural rules and dates. */
  lang: string;
  messages: Partial<Record<UiKey, Message>>;
}

/** JSON for `data-vl-strings`: `keys` of `locale`, nothing else. */
export function pageStrings(locale: Locale, keys: readonly UiKey[]): string {
  const messages: Partial<Record<UiKey, Message>> = {};
  for (const key of keys) messages[key] = message(locale, key);
  const strings: PageStrings = { lang: htmlLang(locale), messages };
  return JSON.stringify(strings);
}
