/**
 * The classroom's catalog from the site's `lessons` content collection. The only classroom module
 * that imports astro:content; everything else takes a Catalog.
 */
import { getCollection } from 'astro:content';
import { createCatalog, exerciseIdsInBody, type Catalog } from '../catalog.ts';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locales.ts';
import { compareLessons, courseLessons, lessonRef, type LessonRef } from '../../navigation/lessons.ts';

const cache = new Map<Locale, Promise<Catalog>>();

/** The course in `locale`: every published lesson of any locale, titled in `locale` where translated. */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  let catalog = cache.get(locale);
  if (!catalog) {
    catalog = build(locale);
    cache.set(locale, catalog);
  }
  return catalog;
}

async function build(locale: Locale): Promise<Catalog> {
  const entries = await getCollection('lessons');
  const exercises = new Map<string, string[]>();
  const refs: LessonRef[] = entries.map((entry) => {
    const ref = lessonRef(entry.id, entry.data);
    exercises.set(`${ref.locale}/${ref.slug}`, exerciseIdsInBody(entry.body));
    return ref;
  });
  const bySlug = new Map<string, LessonRef>();
  for (const ref of courseLessons(refs, DEFAULT_LOCALE)) bySlug.set(ref.slug, ref);
  for (const ref of courseLessons(refs, locale)) bySlug.set(ref.slug, ref);
  return createCatalog(
    [...bySlug.values()].sort(compareLessons).map((ref) => ({
      slug: ref.slug,
      chapter: ref.chapter,
      section: ref.section,
      title: ref.title,
      exercises: exercises.get(`${ref.locale}/${ref.slug}`) ?? [],
    })),
  );
}
