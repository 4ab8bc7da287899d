/**
 * Ordering and grouping of lessons: sidebar chapters, course outline, previous/next.
 * Works on plain records so it can be unit-tested without Astro's content layer.
 */
import { isLocale, LOCALES, type Locale } from '../i18n/locales.ts';

/** What navigation needs to know about one lesson. */
export interface LessonRef {
  locale: Locale;
  slug: string;
  title: string;
  chapter: number;
  section: string;
  order: number;
  minutes: number;
  draft: boolean;
}

/** A chapter of the course with its lessons in reading order. */
export interface ChapterGroup {
  chapter: number;
  lessons: LessonRef[];
  minutes: number;
}

/** Rule for slugs: lowercase words joined by dashes, starting with the section, e.g. "1-2-host-and-container". */
export const SLUG_PATTERN = /^[1-9]\d*-[1-9]\d*(-[a-z0-9]+)+$/;

/** A lesson's place in the course, read from its slug "<chapter>-<n>-words" and nowhere else. */
export interface LessonPosition {
  chapter: number;
  /** Section number as printed in the course, "<chapter>.<n>". */
  section: string;
  /** Position inside the chapter (n). */
  order: number;
}

/** The position a slug states ("4-2-by-name": chapter 4, section "4.2", order 2); undefined when it breaks SLUG_PATTERN. */
export function lessonPosition(slug: string): LessonPosition | undefined {
  if (!SLUG_PATTERN.test(slug)) return undefined;
  const [chapter = 0, order = 0] = slug.split('-', 2).map(Number);
  return { chapter, section: `${chapter}.${order}`, order };
}

/**
 * Split a content-collection id ("zh/1-1-veth-and-docker0") into locale and slug.
 * The slug is the file name, so lessons may sit in sub-folders without changing their URL.
 */
export function parseLessonId(id: string): { locale: Locale; slug: string } {
  const parts = id.split('/').filter(Boolean);
  const [locale] = parts;
  const slug = parts.at(-1);
  if (parts.length < 2 || !isLocale(locale) || slug === undefined) {
    throw new Error(`lesson "${id}" must live in src/content/lessons/<${LOCALES.join('|')}>/`);
  }
  return { locale, slug };
}

/** What a lesson's frontmatter adds to its position for navigation. */
export interface LessonFacts {
  title: string;
  minutes: number;
  draft: boolean;
}

/** Navigation record of the lesson with content-collection id `id`: the one place a lesson's position is derived. */
export function lessonRef(id: string, { title, minutes, draft }: LessonFacts): LessonRef {
  const { locale, slug } = parseLessonId(id);
  const position = lessonPosition(slug);
  if (!position) throw new Error(`lesson "${id}": the file name must look like "<chapter>-<n>-some-words", e.g. "1-2-host-and-container"`);
  return { locale, slug, ...position, title, minutes, draft };
}

/** Number of chapters: the highest chapter any lesson of any locale is in (chapters in between may be empty). */
export function chapterCount(all: readonly LessonRef[]): number {
  return all.reduce((max, lesson) => Math.max(max, lesson.chapter), 0);
}

/** Compare "1.2" and "1.10" numerically, part by part. */
export function compareSections(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Reading order: chapter, then order, then section number, then slug (stable for ties). */
export function compareLessons(a: LessonRef, b: LessonRef): number {
  return a.chapter - b.chapter || a.order - b.order || compareSections(a.section, b.section) || a.slug.localeCompare(b.slug);
}

/** The published lessons of one locale, in reading order (drafts only when asked, e.g. in dev). */
export function courseLessons(all: readonly LessonRef[], locale: Locale, { includeDrafts = false }: { includeDrafts?: boolean } = {}): LessonRef[] {
  return all.filter((lesson) => lesson.locale === locale && (includeDrafts || !lesson.draft)).sort(compareLessons);
}

/** Group ordered lessons by chapter; every chapter 1..chapterCount appears, even when empty. */
export function groupByChapter(ordered: readonly LessonRef[], chapterCount: number): ChapterGroup[] {
  const groups: ChapterGroup[] = [];
  for (let chapter = 1; chapter <= chapterCount; chapter++) {
    const lessons = ordered.filter((lesson) => lesson.chapter === chapter);
    groups.push({ chapter, lessons, minutes: totalMinutes(lessons) });
  }
  return groups;
}

/** Sum of the estimated times. */
export function totalMinutes(lessons: readonly LessonRef[]): number {
  return lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
}

/** The lessons before and after `slug` in reading order (across chapter boundaries). */
export function neighbours(ordered: readonly LessonRef[], slug: string): { prev: LessonRef | undefined; next: LessonRef | undefined } {
  const index = ordered.findIndex((lesson) => lesson.slug === slug);
  if (index === -1) return { prev: undefined, next: undefined };
  return { prev: ordered[index - 1], next: ordered[index + 1] };
}

/** Slugs that break the naming rule or appear twice in one locale; empty when all is well. */
export function slugProblems(all: readonly LessonRef[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const lesson of all) {
    const key = `${lesson.locale}/${lesson.slug}`;
    if (seen.has(key)) problems.push(`${key}: duplicate slug`);
    seen.add(key);
    if (!SLUG_PATTERN.test(lesson.slug)) problems.push(`${key}: slug must look like "1-2-some-words"`);
    else if (!lesson.slug.startsWith(`${lesson.section.replace('.', '-')}-`)) {
      problems.push(`${key}: slug must start with its section "${lesson.section}"`);
    }
  }
  return problems;
}
