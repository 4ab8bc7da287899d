/**
 * The course as Astro's content layer sees it: lesson entries turned into navigation records.
 * The only navigation module that touches astro:content; the ordering rules live in lessons.ts.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { CHAPTER_COUNT } from '../schemas/lesson.ts';
import { otherLocale, type Locale } from '../i18n/locales.ts';
import {
  courseLessons,
  groupByChapter,
  parseLessonId,
  slugProblems,
  type ChapterGroup,
  type LessonRef,
} from './lessons.ts';

export type LessonEntry = CollectionEntry<'lessons'>;

/** Navigation record of a lesson entry. */
export function toLessonRef(entry: LessonEntry): LessonRef {
  const { locale, slug } = parseLessonId(entry.id);
  const { title, chapter, section, order, minutes, draft } = entry.data;
  return { locale, slug, title, chapter, section, order, minutes, draft };
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
    const entries = new Map(list.map((entry) => [entry.id, entry] as const));
    return { entries, refs };
  });
  return loaded;
}

/** Drafts are visible in `astro dev` only. */
const includeDrafts = import.meta.env.DEV;

/** What a page of one locale needs: lessons in order, chapters, and which lessons the other locale has. */
export interface Course {
  locale: Locale;
  ordered: LessonRef[];
  chapters: ChapterGroup[];
  otherLocaleSlugs: Set<string>;
}

/** The course in one locale. */
export async function getCourse(locale: Locale): Promise<Course> {
  const { refs } = await loadCourse();
  const ordered = courseLessons(refs, locale, { includeDrafts });
  const other = courseLessons(refs, otherLocale(locale), { includeDrafts });
  return {
    locale,
    ordered,
    chapters: groupByChapter(ordered, CHAPTER_COUNT),
    otherLocaleSlugs: new Set(other.map((lesson) => lesson.slug)),
  };
}

/** getStaticPaths for the lesson pages of one locale. */
export async function lessonStaticPaths(locale: Locale) {
  const { entries } = await loadCourse();
  const { ordered } = await getCourse(locale);
  return ordered.map((ref) => {
    const entry = entries.get(`${locale}/${ref.slug}`) ?? [...entries.values()].find((e) => {
      const parsed = parseLessonId(e.id);
      return parsed.locale === locale && parsed.slug === ref.slug;
    });
    if (!entry) throw new Error(`no entry for ${locale}/${ref.slug}`);
    return { params: { slug: ref.slug }, props: { entry } };
  });
}
