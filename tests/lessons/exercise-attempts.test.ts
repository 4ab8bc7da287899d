/**
 * Every exercise against the learner's other answers (the table in exercise-attempts.ts), in the
 * simulator, starting from where the learner stands when reaching the exercise: a fresh sandbox in
 * which the lesson's commands above the `<Exercise>` have run.
 *  - doing nothing more must not pass (the lesson's own commands are not the answer);
 *  - each wrong attempt must leave at least one check failing;
 *  - each alternative right attempt must run without errors and pass every check.
 * The checks are identical in every locale (lessons.test.ts compares them), so zh's are used.
 * Run: `npx vitest run --project unit tests/lessons/exercise-attempts.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../src/schemas/lesson.ts';
import { ATTEMPTS, type AttemptLine } from './exercise-attempts.ts';
import { readLessons, type LessonSource } from './lesson-source.ts';
import { describeRun, freshSandbox, runChecks, typeLines, unexpectedError, type CheckOutcome } from './sim-runner.ts';

const TIMEOUT_MS = 120_000;
const lessons = readLessons('zh');

/** What the learner has typed before reaching the exercise: the lesson's commands above its tag. */
function lessonSoFar(lesson: LessonSource, exercise: Exercise) {
  const tagLine = lesson.exerciseLines.get(exercise.id) ?? Number.POSITIVE_INFINITY;
  const firstNode = lesson.data.sandbox.nodes[0]!;
  return lesson.commands.filter((command) => command.exercise === undefined && command.line < tagLine).map((command) => ({ cmd: command.cmd, node: command.node ?? firstNode }));
}

function attemptLines(lines: readonly AttemptLine[], node: string) {
  return lines.map((line) => (typeof line === 'string' ? { cmd: line, node } : line));
}

/** The checks' outcomes after the lesson so far and then `attempt`, with the attempt's typed lines. */
async function tryAttempt(lesson: LessonSource, exercise: Exercise, attempt: readonly AttemptLine[]) {
  const node = exercise.node ?? lesson.data.sandbox.nodes[0]!;
  const sandbox = await freshSandbox(lesson.data.sandbox);
  try {
    await typeLines(sandbox, lessonSoFar(lesson, exercise));
    const typed = await typeLines(sandbox, attemptLines(attempt, node));
    const outcomes = await runChecks(sandbox, exercise, node);
    return { typed, outcomes };
  } finally {
    await sandbox.close();
  }
}

function report(outcomes: readonly CheckOutcome[]): string {
  return outcomes.map((o) => `${o.failure === undefined ? 'passed' : `FAILED (${o.failure})`}\n${describeRun({ cmd: o.check.run, ...o })}`).join('\n');
}

describe('exercise attempts', () => {
  for (const lesson of lessons) {
    for (const exercise of lesson.data.exercises) {
      const key = `${lesson.slug}#${exercise.id}`;
      const attempts = ATTEMPTS[key];

      describe(key, () => {
        it('has at least two wrong attempts and one alternative right one', () => {
          expect(attempts?.wrong.length ?? 0, `${key}: wrong attempts in tests/lessons/exercise-attempts.ts`).toBeGreaterThanOrEqual(2);
          expect(attempts?.right.length ?? 0, `${key}: right attempts in tests/lessons/exercise-attempts.ts`).toBeGreaterThanOrEqual(1);
        });

        it("is not passed by the lesson's own commands alone", { timeout: TIMEOUT_MS }, async () => {
          const { outcomes } = await tryAttempt(lesson, exercise, []);
          expect(
            outcomes.some((o) => o.failure !== undefined),
            `${key} passes with nothing done after the lesson\n${report(outcomes)}`,
          ).toBe(true);
        });

        for (const wrong of attempts?.wrong ?? []) {
          it(`rejects: ${wrong.why}`, { timeout: TIMEOUT_MS }, async () => {
            const { outcomes } = await tryAttempt(lesson, exercise, wrong.lines);
            expect(
              outcomes.some((o) => o.failure !== undefined),
              `${key} passes a wrong attempt: ${wrong.why}\n${report(outcomes)}`,
            ).toBe(true);
          });
        }

        for (const right of attempts?.right ?? []) {
          it(`accepts: ${right.why}`, { timeout: TIMEOUT_MS }, async () => {
            const { typed, outcomes } = await tryAttempt(lesson, exercise, right.lines);
            const errors = typed.filter((line) => unexpectedError(line.output) !== undefined || line.exit !== 0).map(describeRun);
            expect(errors.join('\n'), `${key}: a line of the right attempt "${right.why}" failed`).toBe('');
            expect(report(outcomes.filter((o) => o.failure !== undefined)), `${key} rejects a right attempt: ${right.why}`).toBe('');
          });
        }
      });
    }
  }

  it('names only exercises that exist', () => {
    const known = new Set(lessons.flatMap((lesson) => lesson.data.exercises.map((exercise) => `${lesson.slug}#${exercise.id}`)));
    expect(Object.keys(ATTEMPTS).filter((key) => !known.has(key))).toEqual([]);
  });
});
