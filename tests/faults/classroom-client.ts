/**
 * A scripted classroom over the HTTP API, as browsers would drive it: an instructor with a class, and
 * students who join it and report progress. Each student comes from its own X-Forwarded-For address
 * (the server runs with TRUST_PROXY=1), as a class's own devices would, so the per-address join limit
 * applies per student. Used by tests/faults and bench/classroom-writes.ts.
 */
import { readCatalogFromFiles } from '../../src/classroom/lesson-files.ts';

export interface Student {
  index: number;
  cookie: string;
  address: string;
}

/** An exercise of the course: progress for anything else is refused (400). */
export interface ExerciseRef {
  lessonSlug: string;
  exerciseId: string;
}

/** One acknowledged or failed progress write. */
export interface Write extends ExerciseRef {
  student: number;
  status: number;
  ms: number;
}

/** A lesson slug that exists in the catalog. */
export const LESSON = '1-1-veth-and-docker0';

/** Every exercise of the course, from the lesson files (the server checks ids against the same catalog). */
const EXERCISES: readonly ExerciseRef[] = (await readCatalogFromFiles()).lessons.flatMap((lesson) => lesson.exercises.map((exerciseId) => ({ lessonSlug: lesson.slug, exerciseId })));

/** The course's `n`th exercise, going round: writers cycle through real exercises. */
export function exerciseAt(n: number): ExerciseRef {
  return EXERCISES[n % EXERCISES.length] as ExerciseRef;
}

function headers(base: string, address: string, cookie?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    origin: base,
    'x-forwarded-for': address,
    ...(cookie ? { cookie } : {}),
  };
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]!)
    .join('; ');
}

/** Sign up an instructor, create a class, and return its join code. */
export async function createClass(base: string, tag: string): Promise<string> {
  const address = '10.250.0.1';
  const signUp = await fetch(`${base}/api/classroom/instructor/sign-up`, {
    method: 'POST',
    headers: headers(base, address),
    body: JSON.stringify({ email: `teacher-${tag}@example.test`, password: 'correct horse battery staple', name: 'Teacher' }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const created = await fetch(`${base}/api/classroom/classes`, {
    method: 'POST',
    headers: headers(base, address, cookieOf(signUp)),
    body: JSON.stringify({ name: `Class ${tag}` }),
  });
  if (created.status !== 201) throw new Error(`create class: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { class: { joinCode: string } }).class.joinCode;
}

/** `count` students join the class, `parallel` at a time. */
export async function joinStudents(base: string, code: string, count: number, parallel = 25): Promise<Student[]> {
  const students: Student[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next++;
        const address = `10.${100 + Math.floor(index / 65_000)}.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
        const response = await fetch(`${base}/api/classroom/join`, {
          method: 'POST',
          headers: headers(base, address),
          body: JSON.stringify({ code, displayName: `Student ${index}` }),
        });
        if (!response.ok) throw new Error(`join #${index}: ${response.status} ${await response.text()}`);
        students.push({ index, cookie: cookieOf(response), address });
      }
    }),
  );
  return students.sort((a, b) => a.index - b.index);
}

/** Report one exercise done (self-reported: stored, never counted as done); resolves with the status (0 when the connection failed). */
export async function writeProgress(base: string, student: Student, { lessonSlug, exerciseId }: ExerciseRef): Promise<Write> {
  const started = performance.now();
  let status = 0;
  try {
    const response = await fetch(`${base}/api/classroom/progress`, {
      method: 'POST',
      headers: headers(base, student.address, student.cookie),
      body: JSON.stringify({ items: [{ lessonSlug, exerciseId, doneAt: new Date().toISOString() }] }),
    });
    status = response.status;
    await response.arrayBuffer();
  } catch {
    status = 0;
  }
  return { student: student.index, lessonSlug, exerciseId, status, ms: performance.now() - started };
}
