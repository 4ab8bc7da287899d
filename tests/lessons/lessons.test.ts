/**
 * Every lesson in both languages, run in the simulator:
 *  - every `<Command>` of the text, typed in order in one fresh sandbox, runs without an error
 *    (unless it is marked `expectError`, and then it must fail);
 *  - every exercise fails on a fresh sandbox and passes after its solution; the `<Command>`s in the
 *    exercise's text run without an error after the solution;
 *  - zh and en have the same lessons, exercise ids, checks and solutions;
 *  - every lesson has at least one exercise, placed in the text with `<Exercise id="…">`.
 * A lesson that teaches a command the simulator cannot run yet fails here, so content and
 * simulator move together. Run: `npx vitest run --project unit tests/lessons`.
 */
import { describe, expect, it } from 'vitest';
import type { Exercise } from '../../src/schemas/lesson.ts';
import { LOCALES, readLessons, type LessonCommand, type LessonSource } from './lesson-source.ts';
import { describeRun, freshSandbox, runChecks, typeLines, unexpectedError, type TypedLine } from './sim-runner.ts';

const TIMEOUT_MS = 120_000;
const lessons: Record<string, LessonSource[]> = Object.fromEntries(LOCALES.map((locale) => [locale, readLessons(locale)]));

/** Problems with typed lines: `where` names each line for the message. */
function commandProblems(records: readonly TypedLine[], commands: readonly { expectError: boolean; where: string }[]): string[] {
  const problems: string[] = [];
  commands.forEach((command, i) => {
    const record = records[i];
    if (!record) {
      problems.push(`${command.where}: never ran (the shell session ended before it)`);
      return;
    }
    const error = unexpectedError(record.output);
    if (command.expectError) {
      if (error === undefined && record.exit === 0) problems.push(`${command.where}: marked expectError but succeeded\n${describeRun(record)}`);
    } else if (error !== undefined) {
      problems.push(`${command.where}: output shows /${error}/\n${describeRun(record)}`);
    } else if (record.exit !== 0) {
      problems.push(`${command.where}: exit status ${record.exit} (mark it expectError if the lesson shows a failure)\n${describeRun(record)}`);
    }
  });
  return problems;
}

function toLines(lesson: LessonSource, commands: readonly LessonCommand[]) {
  const node = lesson.data.sandbox.nodes[0]!;
  return commands.map((command) => ({ cmd: command.cmd, node: command.node ?? node }));
}

function where(lesson: LessonSource, command: LessonCommand): string {
  return `${lesson.file}:${command.line} <Command cmd="${command.cmd}"${command.node ? ` node="${command.node}"` : ''}>`;
}

/** Run one exercise: checks on a fresh sandbox, the solution, the checks again, then its text's commands. */
async function exerciseProblems(lesson: LessonSource, exercise: Exercise): Promise<string[]> {
  const node = exercise.node ?? lesson.data.sandbox.nodes[0]!;
  const label = `${lesson.file} exercise "${exercise.id}"`;
  const sandbox = await freshSandbox(lesson.data.sandbox);
  const problems: string[] = [];
  try {
    const before = await runChecks(sandbox, exercise, node);
    if (before.every((outcome) => outcome.failure === undefined)) {
      problems.push(`${label}: every check already passes on a fresh sandbox\n${before.map((o) => describeRun({ cmd: o.check.run, ...o })).join('\n')}`);
    }
    const solution = await typeLines(
      sandbox,
      exercise.solution.map((cmd) => ({ cmd, node })),
    );
    problems.push(
      ...commandProblems(
        solution,
        exercise.solution.map((cmd) => ({ expectError: false, where: `${label} solution "${cmd}"` })),
      ),
    );
    const after = await runChecks(sandbox, exercise, node);
    for (const outcome of after) {
      if (outcome.failure !== undefined) {
        problems.push(`${label}: check fails after the solution: ${outcome.failure}\n${describeRun({ cmd: outcome.check.run, ...outcome })}`);
      }
    }
    const inText = lesson.commands.filter((command) => command.exercise === exercise.id);
    const records = await typeLines(sandbox, toLines(lesson, inText));
    problems.push(
      ...commandProblems(
        records,
        inText.map((command) => ({ expectError: command.expectError, where: `${where(lesson, command)} (after the solution)` })),
      ),
    );
  } finally {
    await sandbox.close();
  }
  return problems;
}

for (const locale of LOCALES) {
  describe(`${locale} lessons`, () => {
    for (const lesson of lessons[locale] ?? []) {
      describe(lesson.slug, () => {
        it('runs every command of the text in the simulator', { timeout: TIMEOUT_MS }, async () => {
          const commands = lesson.commands.filter((command) => command.exercise === undefined);
          const sandbox = await freshSandbox(lesson.data.sandbox);
          try {
            const records = await typeLines(sandbox, toLines(lesson, commands));
            const problems = commandProblems(
              records,
              commands.map((command) => ({ expectError: command.expectError, where: where(lesson, command) })),
            );
            expect(problems.join('\n\n')).toBe('');
          } finally {
            await sandbox.close();
          }
        });

        it('has at least one exercise, each placed once with <Exercise id>', () => {
          const ids = lesson.data.exercises.map((exercise) => exercise.id);
          expect(ids.length, `${lesson.file} has no exercises in its frontmatter`).toBeGreaterThan(0);
          expect(lesson.exerciseTags, `${lesson.file}: <Exercise id> elements in the text`).toEqual(ids);
        });

        for (const exercise of lesson.data.exercises) {
          it(`exercise ${exercise.id}: fails on a fresh sandbox and passes after its solution`, { timeout: TIMEOUT_MS }, async () => {
            expect((await exerciseProblems(lesson, exercise)).join('\n\n')).toBe('');
          });
        }
      });
    }
  });
}

const bySlug = (locale: string) => new Map((lessons[locale] ?? []).map((lesson) => [lesson.slug, lesson]));
const zh = bySlug('zh');

for (const locale of LOCALES.filter((other) => other !== 'zh')) {
  describe(`zh and ${locale}`, () => {
    const translated = bySlug(locale);

    it('have the same lessons', () => {
      expect([...translated.keys()].sort()).toEqual([...zh.keys()].sort());
    });

    /** What must be identical between languages: everything an exercise runs, not its hints. */
    const runnable = (exercise: Exercise) => ({
      id: exercise.id,
      node: exercise.node,
      checks: exercise.checks.map(({ run, exit, match, notMatch }) => ({ run, exit, match, notMatch })),
      solution: exercise.solution,
    });

    for (const [slug, zhLesson] of zh) {
      it(`${slug}: same exercise ids, checks and solutions`, () => {
        const translatedLesson = translated.get(slug);
        if (!translatedLesson) return; // reported by "have the same lessons"
        expect(translatedLesson.data.exercises.map(runnable)).toEqual(zhLesson.data.exercises.map(runnable));
        expect(translatedLesson.exerciseTags).toEqual(zhLesson.exerciseTags);
      });

      it(`${slug}: the same predictions and quiz questions, with the same answers`, () => {
        const translatedLesson = translated.get(slug);
        if (!translatedLesson) return;
        expect(translatedLesson.questions).toEqual(zhLesson.questions);
        for (const question of zhLesson.questions) expect(question.answer).toBeLessThan(question.options);
      });
    }
  });
}
