/**
 * How long a lesson takes, estimated from its content: reading the prose, reading the outputs,
 * running each command, thinking about each question and doing each exercise. The frontmatter's
 * `minutes` (shown in the lesson header, the sidebar and the course outline) must equal it
 * (lesson-time.test.ts), so the figure follows the content when a lesson grows.
 */
import type { LessonSource } from './lesson-source.ts';

/** Reading speed for technical prose: words (en) or characters (zh) per minute. */
const WORDS_PER_MINUTE = 180;
const HAN_PER_MINUTE = 350;
/** Seconds for one line of command output or a file shown in a code block. */
const SECONDS_PER_OUTPUT_LINE = 2;
/** Typing or pressing Run, and looking at what came back. */
const SECONDS_PER_COMMAND = 30;
/** Reading the options, choosing, reading the explanation. */
const SECONDS_PER_QUESTION = 45;
/** Working out an exercise: a base, and more for each property it checks. */
const SECONDS_PER_EXERCISE = 240;
const SECONDS_PER_CHECK = 60;
/**
 * A broken lab's exercise starts with a diagnosis: commands the learner chooses and reads, none of
 * them in the text (docs/writing-lessons.md: Broken labs).
 */
const SECONDS_PER_LAB_DIAGNOSIS = 300;

/** What the estimate is made of, in seconds, for the report. */
export interface TimeParts {
  reading: number;
  outputs: number;
  commands: number;
  questions: number;
  exercises: number;
}

const FENCE = /^(```|~~~)[^\n]*\n([\s\S]*?)^\1[^\n]*$/gm;
const HAN = /\p{Script=Han}/gu;

/** The parts of `lesson`'s estimate; `text` is the whole file. */
export function timeParts(lesson: LessonSource, text: string): TimeParts {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  let outputLines = 0;
  const prose = body.replace(FENCE, (_block, _fence: string, inner: string) => {
    outputLines += inner.split('\n').filter((line) => line.trim() !== '').length;
    return '';
  });
  // Tags and their attributes are not read as prose (a question's prompt and options are counted by SECONDS_PER_QUESTION).
  const words = prose.replace(/<[^>]*>/g, ' ');
  const han = words.match(HAN)?.length ?? 0;
  const latinWords = words
    .replace(HAN, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const checks = lesson.data.exercises.reduce((sum, exercise) => sum + exercise.checks.length, 0);
  return {
    reading: (han / HAN_PER_MINUTE + latinWords / WORDS_PER_MINUTE) * 60,
    outputs: outputLines * SECONDS_PER_OUTPUT_LINE,
    commands: lesson.commands.length * SECONDS_PER_COMMAND,
    questions: lesson.questions.length * SECONDS_PER_QUESTION,
    exercises: lesson.data.exercises.length * (SECONDS_PER_EXERCISE + (lesson.data.sandbox.setup ? SECONDS_PER_LAB_DIAGNOSIS : 0)) + checks * SECONDS_PER_CHECK,
  };
}

/** Whole minutes, rounded up to the next 5: an estimate, not a promise. */
export function estimatedMinutes(parts: TimeParts): number {
  const seconds = parts.reading + parts.outputs + parts.commands + parts.questions + parts.exercises;
  return Math.max(5, Math.ceil(seconds / 60 / 5) * 5);
}
