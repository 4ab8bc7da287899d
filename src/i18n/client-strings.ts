/**
 * The browser side of page-strings.ts: a translator over the strings the server put in a
 * data-vl-strings attribute. Imports no table, so a page's scripts carry no other locale's text.
 */
import { formatMessage, type MessageVars } from './message.ts';
import type { PageStrings } from './page-strings.ts';
import type { UiKey } from './registry.ts';

/** Translates the keys the page provided; a key it did not provide shows as itself (a visible bug, not a crash). */
export type PageTranslator = (key: UiKey, vars?: MessageVars) => string;

/** The translator for a data-vl-strings value (undefined or malformed: every key shows as itself). */
export function readPageStrings(json: string | undefined): PageTranslator {
  let strings: PageStrings = { lang: 'und', messages: {} };
  try {
    if (json) strings = JSON.parse(json) as PageStrings;
  } catch {
    // A malformed attribute is a build bug; keys stay readable instead of breaking the page's script.
  }
  return (key, vars = {}) => {
    const found = strings.messages[key];
    return found === undefined ? key : formatMessage(found, vars, strings.lang);
  };
}

/** The translator of the nearest element (itself or an ancestor) with data-vl-strings. */
export function stringsOf(element: Element | null): PageTranslator {
  return readPageStrings(element?.closest<HTMLElement>('[data-vl-strings]')?.dataset.vlStrings);
}
