/**
 * The course in figures, for reviews and release notes: per chapter, its lessons with their
 * estimated time (and what it is made of), exercises, checks, predictions and quiz questions, and the
 * wrong and right attempts the lesson tests try on every exercise.
 *
 *   npx node tests/lessons/course-report.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTEMPTS } from './exercise-attempts.ts';
import { LOCALES, readLessons, REPO_ROOT, type LessonSource } from './lesson-source.ts';
import { estimatedMinutes, timeParts } from './lesson-time.ts';

/** A lesson's estimate: the slower of its languages. */
export function lessonMinutes(slug: string): number {
  return Math.max(
    ...LOCALES.map((locale) => {
      const lesson = readLessons(locale).find((l) => l.slug === slug);
      return lesson ? estimatedMinutes(timeParts(lesson, readFileSync(join(REPO_ROOT, lesson.file), 'utf8'))) : 0;
    }),
  );
}

function row(lesson: LessonSource): string {
  const parts = timeParts(lesson, readFileSync(join(REPO_ROOT, lesson.file), 'utf8'));
  const attempts = lesson.data.exercises.map((exercise) => ATTEMPTS[`${lesson.slug}#${exercise.id}`]);
  const wrong = attempts.reduce((sum, a) => sum + (a?.wrong.length ?? 0), 0);
  const right = attempts.reduce((sum, a) => sum + (a?.right.length ?? 0), 0);
  const checks = lesson.data.exercises.reduce((sum, exercise) => sum + exercise.checks.length, 0);
  const predictions = lesson.questions.filter((q) => q.predict).length;
  const quiz = lesson.questions.length - predictions;
  const min = (seconds: number) => (seconds / 60).toFixed(1);
  return [
    lesson.slug.padEnd(36),
    `${lessonMinutes(lesson.slug)} min`.padStart(7),
    `(read ${min(parts.reading)}, outputs ${min(parts.outputs)}, commands ${min(parts.commands)}, questions ${min(parts.questions)}, exercises ${min(parts.exercises)})`.padEnd(86),
    `${lesson.data.exercises.length} ex / ${checks} checks / ${wrong} wrong + ${right} right attempts / ${predictions} predict / ${quiz} quiz`,
  ].join(' ');
}

function main(): void {
  const lessons = readLessons('zh');
  const chapters = [...new Set(lessons.map((l) => l.position.chapter))].sort((a, b) => a - b);
  let total = { lessons: 0, exercises: 0, wrong: 0, right: 0, minutes: 0 };
  for (const chapter of chapters) {
    const inChapter = lessons.filter((l) => l.position.chapter === chapter);
    console.log(`Chapter ${chapter}: ${inChapter.length} lessons, ${inChapter.reduce((s, l) => s + l.data.exercises.length, 0)} exercises`);
    for (const lesson of inChapter) {
      console.log(`  ${row(lesson)}`);
      const attempts = lesson.data.exercises.map((exercise) => ATTEMPTS[`${lesson.slug}#${exercise.id}`]);
      total = {
        lessons: total.lessons + 1,
        exercises: total.exercises + lesson.data.exercises.length,
        wrong: total.wrong + attempts.reduce((s, a) => s + (a?.wrong.length ?? 0), 0),
        right: total.right + attempts.reduce((s, a) => s + (a?.right.length ?? 0), 0),
        minutes: total.minutes + lessonMinutes(lesson.slug),
      };
    }
  }
  console.log(
    `Total: ${total.lessons} lessons per locale (${LOCALES.join(', ')}), ${total.exercises} exercises, ${total.wrong} wrong and ${total.right} alternative right attempts tested, about ${total.minutes} minutes.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
