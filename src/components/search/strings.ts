/** The search dialog's text: the `search` area of the locale tables, rendered into the element's data. */
import type { Locale } from '../../i18n/locales.ts';
import { areaObject } from '../../i18n/area-object.ts';

export interface SearchStrings {
  button: string;
  label: string;
  placeholder: string;
  close: string;
  empty: string;
  noResults: string;
  /** Shown from the first key until the results come (loading the index can take seconds on a slow link). */
  searching: string;
  unavailable: string;
  results: string;
}

/** The strings for `locale`. */
export function searchStrings(locale: Locale): SearchStrings {
  return areaObject(locale, 'search');
}
