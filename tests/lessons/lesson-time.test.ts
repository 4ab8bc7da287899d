/**
 * The time shown for a lesson is the estimate from its content (lesson-time.ts): the frontmatter's
 * `minutes` equals it in every language, so a lesson that grows shows it.
 * Run: `npx vitest run --project unit tests/lessons/lesson-time.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { lessonMinutes } from './course-report.ts';
import { LOCALES, readLessons } from './lesson-source.ts';
import { estimatedMinutes } from './lesson-time.ts';

describe('estimated time', () => {
  for (const lesson of readLessons('zh')) {
    it(`${lesson.slug}: minutes in the frontmatter of every language are the content's estimate`, () => {
      const estimate = lessonMinutes(lesson.slug);
      for (const locale of LOCALES) {
        const translated = readLessons(locale).find((l) => l.slug === lesson.slug);
        expect(translated?.data.minutes, `${translated?.file}: set minutes: ${estimate}`).toBe(estimate);
      }
    });
  }

  it('grows with the content and never says less than 5 minutes', () => {
    const empty = { reading: 0, outputs: 0, commands: 0, questions: 0, exercises: 0 };
    expect(estimatedMinutes(empty)).toBe(5);
    expect(estimatedMinutes({ ...empty, reading: 11 * 60 })).toBe(15);
    expect(estimatedMinutes({ ...empty, commands: 20 * 30, exercises: 300 })).toBe(15);
  });
});
