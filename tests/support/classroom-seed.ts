/**
 * A class as a real one looks after a few weeks, written straight into a classroom database (before the
 * server opens it): an instructor with a session, N students (two of them called "Alice"), every given
 * lesson assigned (the first chapter overdue), server-verified progress that varies from student to
 * student (dated in the past, so written as rows: the service would stamp them now), some of it late,
 * check runs of the next lesson for every third student, and one student stuck on a failing check.
 * Used by the dashboard's browser test and bench/dashboard.ts.
 */
import { signUpInstructor } from '../../src/classroom/accounts.ts';
import { replaceAssignments, type Assignment } from '../../src/classroom/assignments.ts';
import { ownedClass } from '../../src/classroom/authorization.ts';
import { createClass } from '../../src/classroom/classes.ts';
import type { Classroom } from '../../src/classroom/context.ts';
import { enrol } from '../../src/classroom/enrolments.ts';
import { COOKIE_NAMES } from '../../src/classroom/http/cookies.ts';
import { recordCheckRun } from '../../src/classroom/progress.ts';
import { createSession } from '../../src/classroom/sessions.ts';
import { createStudent } from '../../src/classroom/students.ts';

export interface SeedLesson {
  slug: string;
  chapter: number;
  /** The exercise ids of the lesson (the catalog's, from its MDX). */
  exercises: readonly string[];
}

export interface SeededClass {
  classId: string;
  /** The instructor's session cookie, to put in a browser. */
  cookie: { name: string; value: string };
  /** The stuck student: their name, and the exercise whose first check fails for them. */
  stuck: { name: string; lessonSlug: string; exerciseId: string };
}

const DAY = 86_400_000;

/** Seed a class of `students` over `lessons` (in course order); the first chapter was due two days ago. */
export async function seedClass(cx: Classroom, lessons: readonly SeedLesson[], students: number, tag = 'seed'): Promise<SeededClass> {
  const now = cx.now().getTime();
  const instructor = await signUpInstructor(cx, { email: `${tag}-teacher@example.test`, password: 'a long enough password', name: 'Teacher' });
  const classRow = await ownedClass(cx, instructor.id, (await createClass(cx, instructor.id, { name: `Docker networking (${students})` })).id);
  const chapters = [...new Set(lessons.map((lesson) => lesson.chapter))];
  const firstChapter = chapters[0];
  const assignments: Assignment[] = chapters.map((chapter) => ({
    kind: 'chapter',
    target: String(chapter),
    dueAt: chapter === firstChapter ? new Date(now - 2 * DAY).toISOString() : new Date(now + 14 * DAY).toISOString(),
  }));
  await replaceAssignments(cx, classRow.id, assignments);

  const stuckIndex = 3;
  let stuck: SeededClass['stuck'] | undefined;
  for (let i = 0; i < students; i++) {
    const name = i === 1 || i === 2 ? 'Alice' : `Student ${String(i + 1).padStart(3, '0')}`;
    const student = await createStudent(cx, { displayName: name });
    await enrol(cx, student.id, classRow);
    // Student i has done the first `finished` lessons; even ones did chapter one on time, odd ones late.
    const finished = (i * 7) % (lessons.length + 1);
    const rows = lessons.slice(0, finished).flatMap((lesson, n) => {
      const onTime = lesson.chapter !== firstChapter || i % 2 === 0;
      const doneAt = new Date(onTime ? now - 3 * DAY + n * 60_000 : now - DAY + n * 60_000).toISOString();
      return lesson.exercises.map((exerciseId) => ({
        student_id: student.id,
        lesson_slug: lesson.slug,
        exercise_id: exerciseId,
        done_at: doneAt,
        recorded_at: doneAt,
        verification: 'server' as const,
      }));
    });
    if (rows.length > 0) await cx.db.insertInto('progress').values(rows).execute();
    // Every third student has tried the next lesson's first exercise; student 4's first check still fails.
    const next = lessons[finished];
    const exerciseId = next?.exercises[0];
    if (next !== undefined && exerciseId !== undefined && i % 3 === 0) {
      await recordCheckRun(cx, student.id, { lessonSlug: next.slug, exerciseId }, i === stuckIndex ? 0 : null);
      if (i === stuckIndex) stuck = { name, lessonSlug: next.slug, exerciseId };
    }
  }
  if (!stuck) throw new Error('seedClass: the stuck student needs at least 4 students and an unfinished lesson with exercises');
  const session = await createSession(cx, 'instructor', instructor.id);
  return { classId: classRow.id, cookie: { name: COOKIE_NAMES.instructor, value: session.token }, stuck };
}
