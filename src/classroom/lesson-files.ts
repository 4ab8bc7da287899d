/**
 * The catalog read from src/content/lessons on disk, for code that runs outside the Astro bundle:
 * the sandbox server (src/server/main.ts and the dev integration) verifies exercises with it. The
 * site's routes use the content collection instead (astro/catalog.ts); both go through
 * lesson-catalog.ts, so they agree on lessons, exercises and checks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from './catalog.ts';
import { catalogFromLessons, type LessonEntry } from './lesson-catalog.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';
import { parseLessonFile } from '../schemas/lesson-file.ts';

/** The lessons folder beside this module's source tree (`node src/server/main.ts` runs from source). */
export const LESSONS_DIR = fileURLToPath(new URL('../content/lessons/', import.meta.url));

/** Every lesson under `dir` (`<locale>/<slug>.mdx`), parsed and validated; a broken file is an error. */
export async function readLessonEntries(dir: string = LESSONS_DIR): Promise<LessonEntry[]> {
  const entries: LessonEntry[] = [];
  for (const locale of (await readdir(dir)).sort()) {
    if (!isLocale(locale)) continue;
    for (const name of (await readdir(join(dir, locale))).sort()) {
      if (!name.endsWith('.mdx')) continue;
      const path = join(dir, locale, name);
      const { data, body } = parseLessonFile(await readFile(path, 'utf8'), relative(dir, path));
      entries.push({ id: `${locale}/${name.slice(0, -'.mdx'.length)}`, body, data });
    }
  }
  return entries;
}

/** The catalog from the lesson files in `dir`, in `locale`. */
export async function readCatalogFromFiles(locale: Locale = DEFAULT_LOCALE, dir: string = LESSONS_DIR): Promise<Catalog> {
  return catalogFromLessons(await readLessonEntries(dir), locale);
}
