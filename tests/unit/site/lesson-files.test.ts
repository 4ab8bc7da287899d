import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '../../../src/navigation/lessons.ts';
import { LOCALES } from '../../../src/i18n/locales.ts';

const root = join(import.meta.dirname, '../../../src/content/lessons');

/** Slugs (file names without .mdx) of one locale folder, sub-folders included. */
function slugs(locale: string): string[] {
  return readdirSync(join(root, locale), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => basename(file, '.mdx'))
    .sort();
}

describe('lesson files', () => {
  const locales = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it('sit in a folder per locale of src/i18n/locales', () => {
    expect(locales.sort()).toEqual([...LOCALES].sort());
  });

  it('name every lesson by the slug rule', () => {
    for (const slug of locales.flatMap(slugs)) expect(slug).toMatch(SLUG_PATTERN);
  });

  it('have the same slugs in every language, so the language switch keeps the place', () => {
    expect(slugs('en')).toEqual(slugs('zh'));
    for (const locale of locales) expect(slugs(locale), locale).toEqual(slugs('zh'));
  });
});
