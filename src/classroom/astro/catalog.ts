/**
 * The classroom's catalog from the site's `lessons` content collection. The only classroom module
 * that imports astro:content; everything else takes a Catalog.
 */
import { getCollection } from 'astro:content';
import type { Catalog } from '../catalog.ts';
import { catalogFromLessons } from '../lesson-catalog.ts';
import type { Locale } from '../../i18n/locales.ts';

const cache = new Map<Locale, Promise<Catalog>>();

/** The course in `locale`: every published lesson of any locale, titled in `locale` where translated. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  let catalog = cache.get(locale);
  if (!catalog) {
    catalog = getCollection('lessons').then((entries) => catalogFromLessons(entries, locale));
    cache.set(locale, catalog);
  }
  return catalog;
}
