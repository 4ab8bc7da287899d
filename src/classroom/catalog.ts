/**
 * The course structure as the classroom needs it: lessons by slug, in reading order, with their
 * chapter and known exercise ids. Built from the `lessons` content collection by the Astro glue
 * (astro/catalog.ts), from plain records in tests. Slugs carry no locale: a lesson done in English
 * counts for the same lesson in Chinese.
 */

export interface CatalogLesson {
  slug: string;
  chapter: number;
  /** "4.2" */
  section: string;
  title: string;
  /** Exercise ids the lesson contains, when known; empty means "not known", not "none". */
  exercises: readonly string[];
}

export interface Catalog {
  /** In reading order. */
  lessons: readonly CatalogLesson[];
  /** Chapter numbers that have lessons, ascending. */
  chapters: readonly number[];
  bySlug: ReadonlyMap<string, CatalogLesson>;
}

/** Index lessons that are already in reading order. */
export function createCatalog(lessons: readonly CatalogLesson[]): Catalog {
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  const chapters = [...new Set(lessons.map((lesson) => lesson.chapter))].sort((a, b) => a - b);
  return { lessons, chapters, bySlug };
}

/** The lessons of one chapter, in order. */
export function chapterLessons(catalog: Catalog, chapter: number): CatalogLesson[] {
  return catalog.lessons.filter((lesson) => lesson.chapter === chapter);
}

/** Exercise ids used by an MDX body: every `<Exercise ... id="...">`. */
export function exerciseIdsInBody(body: string | undefined): string[] {
  if (!body) return [];
  const ids: string[] = [];
  for (const match of body.matchAll(/<Exercise\b[^>]*?\bid=["']([^"']+)["']/g)) {
    const id = match[1] as string;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
