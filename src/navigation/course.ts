/**
 * The course as Astro's content layer sees it: lesson entries turned into navigation records.
 * The only navigation module that touches astro:content; the ordering rules live in lessons.ts.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { chapterCount, courseLessons, groupByChapter, lessonRef, slugProblems, type ChapterGroup, type LessonRef } from './lessons.ts';

export type LessonEntry = CollectionEntry<'lessons'>;

/** Navigation record of a lesson entry. */
export function toLessonRef(entry: LessonEntry): LessonRef {
  return lessonRef(entry.id, entry.data);
}

interface LoadedCourse {
  entries: Map<string, LessonEntry>;
  refs: LessonRef[];
}

let loaded: Promise<LoadedCourse> | undefined;

/** All lessons of all locales, checked once per build for slug mistakes. */
function loadCourse(): Promise<LoadedCourse> {
  loaded ??= getCollection('lessons').then((list) => {
    const refs = list.map(toLessonRef);
    const problems = slugProblems(refs);
    if (problems.length > 0) throw new Error(`Lesson slugs:\n  ${problems.join('\n  ')}`);
    const entries = new Map(list.map((entry, i) => [`${refs[i]?.locale}/${refs[i]?.slug}`, entry] as const));
    return { entries, refs };
  });
  return loaded;
}

/** Drafts are visible in `astro dev` only. */
const includeDrafts = import.meta.env.DEV;

/** What a page of one locale needs: lessons in order, chapters, and which lessons each locale has. */
export interface Course {
  locale: Locale;
  ordered: LessonRef[];
  chapters: ChapterGroup[];
  /** The published slugs of every locale, for the language switch. */
  slugsByLocale: ReadonlyMap<Locale, ReadonlySet<string>>;
}

/** The course in one locale; its chapters are 1 up to the highest chapter of any locale's lessons. */
export async function getCourse(locale: Locale): Promise<Course> {
  const { refs } = await loadCourse();
  const ordered = courseLessons(refs, locale, { includeDrafts });
  const slugsByLocale = new Map(LOCALES.map((other) => [other, new Set(courseLessons(refs, other, { includeDrafts }).map((lesson) => lesson.slug))] as const));
  return { locale, ordered, chapters: groupByChapter(ordered, chapterCount(refs)), slugsByLocale };
}

/** The lesson entry of a locale and slug (getStaticPaths of the lesson route). */
export async function lessonEntries(locale: Locale): Promise<Array<{ slug: string; entry: LessonEntry }>> {
  const { entries } = await loadCourse();
  const { ordered } = await getCourse(locale);
  return ordered.map((ref) => {
    const entry = entries.get(`${locale}/${ref.slug}`);
    if (!entry) throw new Error(`no entry for ${locale}/${ref.slug}`);
    return { slug: ref.slug, entry };
  });
}
