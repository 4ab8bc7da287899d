/**
 * A class as a real one looks after a few weeks, written straight into a classroom database through the
 * service layer (before the server opens it): an instructor with a session, N students (two of them
 * called "Alice"), every given lesson assigned (the first chapter overdue), progress that varies from
 * student to student, some of it late, and one student stuck on a failing check. Used by the dashboard's
 * browser test and bench/dashboard.ts.
 */
import { recordActivity } from '../../src/classroom/activity.ts';
import { signUpInstructor } from '../../src/classroom/accounts.ts';
import { replaceAssignments, type Assignment } from '../../src/classroom/assignments.ts';
import { ownedClass } from '../../src/classroom/authorization.ts';
import { createClass } from '../../src/classroom/classes.ts';
import type { Classroom } from '../../src/classroom/context.ts';
import { enrol } from '../../src/classroom/enrolments.ts';
import { COOKIE_NAMES } from '../../src/classroom/http/cookies.ts';
import { recordProgress, type ProgressItem } from '../../src/classroom/progress.ts';
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
  /** The stuck student: their name, the lesson and the failing check the dashboard must name. */
  stuck: { name: string; lessonSlug: string; check: string };
}

/** The check text the stuck student fails. */
export const STUCK_CHECK = 'web answers on port 80 from the other container';

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
    const items: ProgressItem[] = [];
    lessons.slice(0, finished).forEach((lesson, n) => {
      const onTime = lesson.chapter !== firstChapter || i % 2 === 0;
      const doneAt = new Date(onTime ? now - 3 * DAY + n * 60_000 : now - DAY + n * 60_000).toISOString();
      const ids = lesson.exercises.length > 0 ? lesson.exercises : ['done'];
      for (const exerciseId of ids) items.push({ lessonSlug: lesson.slug, exerciseId, doneAt });
    });
    if (items.length > 0) await recordProgress(cx, student.id, items);
    const next = lessons[finished];
    if (next !== undefined && i % 3 === 0) {
      const failing = i === stuckIndex ? STUCK_CHECK : null;
      await recordActivity(cx, student.id, next.slug, failing);
      if (failing) stuck = { name, lessonSlug: next.slug, check: failing };
    }
  }
  if (!stuck) throw new Error('seedClass: the stuck student needs at least 4 students and an unfinished lesson');
  const session = await createSession(cx, 'instructor', instructor.id);
  return { classId: classRow.id, cookie: { name: COOKIE_NAMES.instructor, value: session.token }, stuck };
}
