/**
 * The course structure as the classroom needs it: lessons by slug, in reading order, with their
 * chapter and known exercise ids. Built from the `lessons` content collection by the Astro glue
 * (astro/catalog.ts), from plain records in tests. Slugs carry no locale: a lesson done in English
 * counts for the same lesson in Chinese.
 */
import type { SetupStep } from '../sandbox/setup.ts';

/** One check of an exercise as the server runs it (src/schemas/lesson.ts `checkSchema`, defaults applied). */
export interface CatalogCheck {
  run: string;
  exit: number;
  match?: string | undefined;
  notMatch?: string | undefined;
  /** In the catalog's locale. */
  hint: string;
}

/** An exercise's definition from the lesson frontmatter: where its checks run and what they are. */
export interface CatalogExercise {
  id: string;
  /** The node the checks run on (the lesson's first node unless the exercise names one). */
  node: string;
  checks: readonly CatalogCheck[];
}

export interface CatalogLesson {
  slug: string;
  chapter: number;
  /** "4.2" */
  section: string;
  title: string;
  /** Exercise ids the lesson contains, when known; empty means "not known", not "none". */
  exercises: readonly string[];
  /**
   * The exercises' definitions (checks) from the frontmatter, which the server runs to verify a
   * completion. Absent when not known (small test catalogs): nothing of the lesson can be verified.
   */
  definitions?: readonly CatalogExercise[];
  /**
   * The profile of the lesson's sandbox: frontmatter `sandbox.profile` (undefined is the default), or
   * a broken lab's own (`lab.<slug>`, src/sandbox/profiles/lab-profile.ts).
   */
  profile?: string | undefined;
  /** A broken lab's setup (frontmatter `sandbox.setup`): a verified journal must start with it. */
  setup?: readonly SetupStep[];
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

/** The definition of `exerciseId` in `lessonSlug`, when the catalog knows the lesson and its checks. */
export function findExercise(catalog: Catalog, lessonSlug: string, exerciseId: string): CatalogExercise | undefined {
  return catalog.bySlug.get(lessonSlug)?.definitions?.find((exercise) => exercise.id === exerciseId);
}
