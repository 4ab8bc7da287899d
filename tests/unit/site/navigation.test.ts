import { describe, expect, it } from 'vitest';
import {
  compareSections,
  courseLessons,
  chapterCount,
  groupByChapter,
  lessonPosition,
  lessonRef,
  neighbours,
  parseLessonId,
  slugProblems,
  totalMinutes,
  type LessonRef,
} from '../../../src/navigation/lessons.ts';
import { alternateUrl, homeUrl, lessonUrl, parsePath } from '../../../src/navigation/urls.ts';

function lesson(partial: Partial<LessonRef> & Pick<LessonRef, 'slug' | 'section'>): LessonRef {
  const chapter = Number(partial.section.split('.')[0]);
  return { locale: 'zh', title: partial.slug, chapter, order: 0, minutes: 10, draft: false, ...partial };
}

const all: LessonRef[] = [
  lesson({ slug: '1-10-later', section: '1.10' }),
  lesson({ slug: '2-1-networks', section: '2.1', minutes: 8 }),
  lesson({ slug: '1-2-connect', section: '1.2', minutes: 15 }),
  lesson({ slug: '1-1-veth', section: '1.1', minutes: 12 }),
  lesson({ slug: '1-3-draft', section: '1.3', draft: true }),
  lesson({ slug: '1-1-veth', section: '1.1', locale: 'en' }),
];

describe('lesson order', () => {
  it('compares sections numerically, so 1.10 comes after 1.2', () => {
    expect(compareSections('1.2', '1.10')).toBeLessThan(0);
    expect(compareSections('2.1', '1.10')).toBeGreaterThan(0);
  });

  it('lists one locale in reading order without drafts', () => {
    expect(courseLessons(all, 'zh').map((l) => l.slug)).toEqual(['1-1-veth', '1-2-connect', '1-10-later', '2-1-networks']);
  });

  it('includes drafts when asked', () => {
    expect(courseLessons(all, 'zh', { includeDrafts: true }).map((l) => l.slug)).toContain('1-3-draft');
  });

  it('lets order win over the section number', () => {
    const ordered = courseLessons([lesson({ slug: '1-1-a', section: '1.1', order: 2 }), lesson({ slug: '1-2-b', section: '1.2', order: 1 })], 'zh');
    expect(ordered.map((l) => l.slug)).toEqual(['1-2-b', '1-1-a']);
  });
});

describe('chapters and neighbours', () => {
  const ordered = courseLessons(all, 'zh');

  it('groups every chapter, empty ones included, with total minutes', () => {
    const groups = groupByChapter(ordered, 5);
    expect(groups.map((g) => g.lessons.length)).toEqual([3, 1, 0, 0, 0]);
    expect(groups[0]?.minutes).toBe(37);
    expect(totalMinutes(ordered)).toBe(45);
  });

  it('links previous and next across a chapter boundary', () => {
    const { prev, next } = neighbours(ordered, '1-10-later');
    expect(prev?.slug).toBe('1-2-connect');
    expect(next?.slug).toBe('2-1-networks');
  });

  it('has no previous for the first lesson and no next for the last', () => {
    expect(neighbours(ordered, '1-1-veth').prev).toBeUndefined();
    expect(neighbours(ordered, '2-1-networks').next).toBeUndefined();
  });
});

describe('lesson ids and slugs', () => {
  it('takes the locale from the folder and the slug from the file name', () => {
    expect(parseLessonId('zh/1-1-veth-and-docker0')).toEqual({ locale: 'zh', slug: '1-1-veth-and-docker0' });
    expect(parseLessonId('en/chapter-1/1-2-x')).toEqual({ locale: 'en', slug: '1-2-x' });
  });

  it('rejects a lesson outside a locale folder', () => {
    expect(() => parseLessonId('fr/1-1-x')).toThrow(/zh\|en/);
    expect(() => parseLessonId('1-1-x')).toThrow();
  });

  it('reports slugs that break the naming rule', () => {
    expect(slugProblems(all.filter((l) => l.locale === 'zh'))).toEqual([]);
    expect(slugProblems([lesson({ slug: 'Intro', section: '1.1' })])[0]).toMatch(/must look like/);
    expect(slugProblems([lesson({ slug: '1-2-x', section: '1.1' })])[0]).toMatch(/start with its section/);
    expect(slugProblems([lesson({ slug: '1-1-x', section: '1.1' }), lesson({ slug: '1-1-x', section: '1.1' })])).toEqual(['zh/1-1-x: duplicate slug']);
  });
});

describe('lesson position', () => {
  it('comes from the slug: chapter, section and order', () => {
    expect(lessonPosition('4-2-by-name')).toEqual({ chapter: 4, section: '4.2', order: 2 });
    expect(lessonPosition('1-10-later')).toEqual({ chapter: 1, section: '1.10', order: 10 });
  });

  it.each(['0-1-x', '1-0-x', '1-1', 'x-1-y', 'intro', '1.2-x'])('is not in the slug "%s"', (slug) => {
    expect(lessonPosition(slug)).toBeUndefined();
  });

  it('is derived once for a content entry, with the facts from its frontmatter', () => {
    expect(lessonRef('en/chapter-4/4-2-by-name', { title: 'By name', minutes: 15, draft: false })).toEqual({
      locale: 'en',
      slug: '4-2-by-name',
      chapter: 4,
      section: '4.2',
      order: 2,
      title: 'By name',
      minutes: 15,
      draft: false,
    });
    expect(() => lessonRef('zh/intro', { title: 'x', minutes: 1, draft: false })).toThrow(/file name must look like/);
  });

  it('gives the chapter count: the highest chapter of any locale', () => {
    expect(chapterCount(all)).toBe(2);
    expect(chapterCount([...all, lesson({ slug: '7-1-later', section: '7.1', locale: 'en' })])).toBe(7);
    expect(chapterCount([])).toBe(0);
  });
});

describe('urls', () => {
  it('puts zh at the root and English under /en/', () => {
    expect(homeUrl('zh')).toBe('/');
    expect(homeUrl('en')).toBe('/en/');
    expect(lessonUrl('zh', '1-1-veth')).toBe('/lessons/1-1-veth/');
    expect(lessonUrl('en', '1-1-veth')).toBe('/en/lessons/1-1-veth/');
  });

  it('parses a path back into locale and slug', () => {
    expect(parsePath('/lessons/1-1-veth/')).toEqual({ locale: 'zh', slug: '1-1-veth' });
    expect(parsePath('/en/lessons/1-1-veth/')).toEqual({ locale: 'en', slug: '1-1-veth' });
    expect(parsePath('/en/')).toEqual({ locale: 'en', slug: undefined });
    expect(parsePath('/')).toEqual({ locale: 'zh', slug: undefined });
  });

  it('switches language on the same lesson', () => {
    const en = new Set(['1-1-veth']);
    expect(alternateUrl('/lessons/1-1-veth/', 'en', en)).toBe('/en/lessons/1-1-veth/');
    expect(alternateUrl('/en/lessons/1-1-veth/', 'zh', new Set(['1-1-veth']))).toBe('/lessons/1-1-veth/');
  });

  it('falls back to the other home page when the lesson is not translated', () => {
    expect(alternateUrl('/lessons/1-2-connect/', 'en', new Set(['1-1-veth']))).toBe('/en/');
    expect(alternateUrl('/', 'en', new Set())).toBe('/en/');
  });
});
