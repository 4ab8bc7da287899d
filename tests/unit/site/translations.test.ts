import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from '../../../src/i18n/locales.ts';
import { createLocaleRegistry, tableProblems } from '../../../src/i18n/registry.ts';
import { chapterTitle, t, translator, uiKeys } from '../../../src/i18n/translate.ts';
import { formatMessage } from '../../../src/i18n/message.ts';
import { lessonPosition } from '../../../src/navigation/lessons.ts';

const localesDir = join(import.meta.dirname, '../../../src/i18n/locales');
const lessonsDir = join(import.meta.dirname, '../../../src/content/lessons');

/** Every table file, parsed, by locale code. */
const tables: Record<string, Record<string, unknown>> = Object.fromEntries(
  readdirSync(localesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [basename(file, '.json'), JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Record<string, unknown>]),
);
const reference = tables[DEFAULT_LOCALE] ?? {};

/** The chapters the lesson files of every locale are in. */
function contentChapters(): number[] {
  const chapters = new Set<number>();
  for (const file of readdirSync(lessonsDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.mdx')) continue;
    const position = lessonPosition(basename(file, '.mdx'));
    if (position) chapters.add(position.chapter);
  }
  return [...chapters].sort((a, b) => a - b);
}

describe('UI strings', () => {
  it('has the same keys in both locales', () => {
    expect(uiKeys('en').sort()).toEqual(uiKeys('zh').sort());
  });

  it('has a title and a blurb for every chapter', () => {
    const last = Math.max(...contentChapters());
    for (let n = 1; n <= last; n++) {
      for (const locale of LOCALES) {
        expect(uiKeys(locale)).toContain(`chapter.${n}.title`);
        expect(uiKeys(locale)).toContain(`chapter.${n}.blurb`);
      }
    }
    expect(chapterTitle('en', 4)).toBe('Container to container');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh', 'lesson.minutes', { n: 12 })).toBe('12 分钟');
    expect(t('en', 'lesson.minutes', { n: 12 })).toBe('12 min');
    expect(t('en', 'lesson.minutes')).toBe('{n} min');
  });
});

describe('locale tables', () => {
  it('registers every file of src/i18n/locales, the default first', () => {
    expect(LOCALES[0]).toBe(DEFAULT_LOCALE);
    expect([...LOCALES].sort()).toEqual(Object.keys(tables).sort());
  });

  it.each(Object.keys(tables))('%s has every key of the default locale, with its placeholders', (code) => {
    expect(tableProblems(code, tables[code], reference)).toEqual([]);
  });

  it('reports a missing key, an extra key, a lost placeholder and a plural form the language lacks', () => {
    const en = structuredClone(tables.en ?? {}) as Record<string, Record<string, unknown>>;
    const site = en.site ?? {};
    delete site['nav.next'];
    site['nav.nextt'] = 'Next';
    site['lesson.minutes'] = 'minutes';
    site['home.totals'] = { one: '{count} lesson, {minutes} min', few: '{count} lessons, {minutes} min', other: '{count} lessons, {minutes} min' };
    expect(tableProblems('en', en, reference)).toEqual([
      'en: site.nav.next is missing',
      "en: site.lesson.minutes: placeholders {} differ from the default locale's {n}",
      'en: site.home.totals: "few" is not a plural category of en (one, other)',
      'en: site.nav.nextt is not a key of the default locale',
    ]);
  });

  it('stops the build with every problem listed when a table is incomplete', () => {
    const broken = { ...tables, en: { ...tables.en, classroom: {} } };
    expect(() => createLocaleRegistry(broken, DEFAULT_LOCALE)).toThrow(/en: classroom\.teach\.title is missing/);
    expect(() => createLocaleRegistry({ en: tables.en }, DEFAULT_LOCALE)).toThrow(/no table for the default locale "zh"/);
  });
});

describe('plurals', () => {
  it('says "1 lesson" but "13 lessons" on the English home', () => {
    const site = translator('en', 'site');
    expect(site('home.totals', { count: 1, minutes: 15 })).toBe('1 lesson, about 15 minutes');
    expect(site('home.totals', { count: 13, minutes: 180 })).toBe('13 lessons, about 180 minutes');
    expect(site('home.chapterTotals', { count: 1, minutes: 20 })).toBe('1 lesson · about 20 min');
    expect(translator('en', 'classroom')('classes.students', { n: 1 })).toBe('1 student');
    expect(translator('en', 'classroom')('classes.students', { n: 0 })).toBe('0 students');
  });

  it('keeps one form where the language has one', () => {
    expect(translator('zh', 'site')('home.totals', { count: 1, minutes: 15 })).toBe('共 1 课，约 15 分钟');
  });

  it("picks forms by the language's CLDR rules", () => {
    const message = { one: '{n} plik', few: '{n} pliki', many: '{n} plików', other: '{n} pliku' };
    expect([1, 2, 5, 22].map((n) => formatMessage(message, { n }, 'pl'))).toEqual(['1 plik', '2 pliki', '5 plików', '22 pliki']);
  });
});
