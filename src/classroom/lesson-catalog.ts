/**
 * The classroom's catalog built from lesson entries (frontmatter plus MDX body), wherever they come
 * from: Astro's `lessons` collection in the site (astro/catalog.ts) or the files on disk in the
 * sandbox server process (lesson-files.ts). One builder, so both see the same exercises and checks.
 */
import { createCatalog, exerciseIdsInBody, type Catalog, type CatalogExercise } from './catalog.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { compareLessons, courseLessons, lessonRef, type LessonRef } from '../navigation/lessons.ts';
import type { LessonFrontmatter } from '../schemas/lesson.ts';
import { lessonProfile } from '../sandbox/profiles/lab-profile.ts';
import type { SetupStep } from '../sandbox/setup.ts';

/** A lesson as a content collection holds it: id `<locale>/<slug>`, validated frontmatter, MDX body. */
export interface LessonEntry {
  id: string;
  body?: string | undefined;
  data: LessonFrontmatter;
}

/** The course in `locale`: every published lesson of any locale, titled in `locale` where translated. */
export function catalogFromLessons(entries: readonly LessonEntry[], locale: Locale): Catalog {
  const byKey = new Map<string, LessonEntry>();
  const refs: LessonRef[] = entries.map((entry) => {
    const ref = lessonRef(entry.id, entry.data);
    byKey.set(`${ref.locale}/${ref.slug}`, entry);
    return ref;
  });
  const bySlug = new Map<string, LessonRef>();
  for (const ref of courseLessons(refs, DEFAULT_LOCALE)) bySlug.set(ref.slug, ref);
  for (const ref of courseLessons(refs, locale)) bySlug.set(ref.slug, ref);
  return createCatalog(
    [...bySlug.values()].sort(compareLessons).map((ref) => {
      const entry = byKey.get(`${ref.locale}/${ref.slug}`);
      return {
        slug: ref.slug,
        chapter: ref.chapter,
        section: ref.section,
        title: ref.title,
        exercises: exerciseIdsInBody(entry?.body),
        definitions: entry ? exerciseDefinitions(entry.data) : [],
        // A lab's own profile (lab-profile.ts): its checks run only in a sandbox that started broken.
        profile: entry ? lessonProfile(ref.slug, entry.data.sandbox) : undefined,
        ...(entry?.data.sandbox.setup ? { setup: resolvedSetup(entry.data) } : {}),
      };
    }),
  );
}

/** The frontmatter's exercises with each one's node resolved (the lesson's first node by default). */
export function exerciseDefinitions(data: LessonFrontmatter): CatalogExercise[] {
  const firstNode = data.sandbox.nodes[0] ?? 'node1';
  return data.exercises.map((exercise) => ({
    id: exercise.id,
    node: exercise.node ?? firstNode,
    checks: exercise.checks.map(({ run, exit, match, notMatch, hint }) => ({ run, exit, match, notMatch, hint })),
  }));
}

/** Each broken lab's setup by slug (the default locale's file; the lesson tests keep every language's the same). */
export function labSetupsOf(entries: readonly LessonEntry[]): Map<string, readonly SetupStep[]> {
  const setups = new Map<string, readonly SetupStep[]>();
  for (const entry of entries) {
    const ref = lessonRef(entry.id, entry.data);
    const setup = entry.data.sandbox.setup;
    if (setup && (ref.locale === DEFAULT_LOCALE || !setups.has(ref.slug))) setups.set(ref.slug, setup);
  }
  return setups;
}

/** A lab's setup with each step's node resolved (the lesson's first node by default). */
function resolvedSetup(data: LessonFrontmatter): SetupStep[] {
  const firstNode = data.sandbox.nodes[0] ?? 'node1';
  return (data.sandbox.setup ?? []).map((step) => ({ run: step.run, node: step.node ?? firstNode }));
}
