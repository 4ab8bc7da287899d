/**
 * What the differential harness replays on both drivers, each as a replay file (the form of
 * `npm run -s sandbox -- replay FILE`): the lesson walks (every `<Command>` of a lesson's text in
 * order, and each exercise's solution followed by the commands in its text, as tests/lessons runs
 * them), every fidelity scenario, and the learner-variants corpus in tests/differential/corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SetupStep } from '../../src/sandbox/setup.ts';
import { readLessons, type LessonCommand, type LessonSource } from '../lessons/lesson-source.ts';

export const DIFFERENTIAL_DIR = dirname(fileURLToPath(import.meta.url));
const SCENARIOS_DIR = join(DIFFERENTIAL_DIR, '..', 'fidelity', 'scenarios');
const CORPUS_DIR = join(DIFFERENTIAL_DIR, 'corpus');

/** One replay file and the sandbox it needs. */
export interface DifferentialInput {
  /** `lesson/<slug>`, `exercise/<slug>/<id>`, `fidelity/<scenario>` or `corpus/<name>`. */
  name: string;
  /** A built-in host profile; the default when absent. */
  profile?: string;
  /** A broken lab's hidden setup (frontmatter `sandbox.setup`), run on both sides before the first line. */
  setup?: readonly SetupStep[];
  /** The replay file's text. */
  text: string;
}

/** Lines for `commands`, with a `# @node` directive wherever the node changes. */
function replayText(commands: readonly { cmd: string; node: string }[], firstNode: string): string {
  let node = firstNode;
  const lines: string[] = [];
  for (const command of commands) {
    if (command.node !== node) {
      lines.push(`# @node ${command.node}`);
      node = command.node;
    }
    lines.push(command.cmd);
  }
  return `${lines.join('\n')}\n`;
}

function lessonInputs(lesson: LessonSource): DifferentialInput[] {
  const first = lesson.data.sandbox.nodes[0]!;
  const { profile, setup } = lesson.data.sandbox;
  const sandbox = { ...(profile !== undefined ? { profile } : {}), ...(setup !== undefined ? { setup } : {}) };
  const on = (commands: readonly LessonCommand[]) => commands.map((c) => ({ cmd: c.cmd, node: c.node ?? first }));
  const walk = on(lesson.commands.filter((c) => c.exercise === undefined));
  const inputs: DifferentialInput[] = [];
  if (walk.length > 0) inputs.push({ name: `lesson/${lesson.slug}`, ...sandbox, text: replayText(walk, first) });
  for (const exercise of lesson.data.exercises) {
    const node = exercise.node ?? first;
    // A lab's walk ends with its checks, typed: they are what says the lab is fixed, on both drivers.
    const checks = setup !== undefined ? exercise.checks.map((check) => ({ cmd: check.run, node })) : [];
    const lines = [...exercise.solution.map((cmd) => ({ cmd, node })), ...on(lesson.commands.filter((c) => c.exercise === exercise.id)), ...checks];
    inputs.push({ name: `exercise/${lesson.slug}/${exercise.id}`, ...sandbox, text: replayText(lines, first) });
  }
  return inputs;
}

function filesIn(dir: string, prefix: string): DifferentialInput[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      // `# @profile two-nodes` in the file's comments picks the host profile
      const profile = /^#\s*@profile\s+(\S+)\s*$/m.exec(text)?.[1];
      return { name: `${prefix}/${basename(f, '.sh')}`, ...(profile !== undefined ? { profile } : {}), text };
    });
}

/** Every input, lessons first (zh: the default locale; en runs the same exercises). */
export function differentialInputs(): DifferentialInput[] {
  return [...readLessons('zh').flatMap(lessonInputs), ...filesIn(SCENARIOS_DIR, 'fidelity'), ...filesIn(CORPUS_DIR, 'corpus')];
}

/** Where a saved transcript of `input` lives in `dir` (report.ts --save/--from, VETHLAB_DIFF_SAVE). */
export function transcriptFile(dir: string, input: DifferentialInput): string {
  return join(dir, `${input.name.replace(/\//g, '__')}.jsonl`);
}
