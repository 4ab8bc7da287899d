/**
 * The lessons as the lesson tests see them, read straight from src/content/lessons: the frontmatter
 * (validated by the site's schema) and, from the MDX body in reading order, every `<Command>` and
 * `<Exercise>`. No Astro involved, so the tests run in plain vitest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonFrontmatter } from '../../src/schemas/lesson.ts';
import { parseLessonFile } from '../../src/schemas/lesson-file.ts';
import { lessonPosition, type LessonPosition } from '../../src/navigation/lessons.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LESSONS_DIR = join(REPO_ROOT, 'src/content/lessons');
/** The locale folders of src/content/lessons, the default (zh) first: what the site builds pages from. */
export const LOCALES: readonly string[] = readdirSync(LESSONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort((a, b) => Number(b === 'zh') - Number(a === 'zh') || a.localeCompare(b));
export type LessonLocale = string;

/** A `<Command>` of the lesson body. */
export interface LessonCommand {
  cmd: string;
  node: string | undefined;
  /** `expectError`: the lesson shows this command failing on purpose. */
  expectError: boolean;
  /** Id of the `<Exercise>` whose body holds this command; undefined in the lesson's own text. */
  exercise: string | undefined;
  /** 1-based line in the MDX file, for failure messages. */
  line: number;
}

/** One lesson file, parsed. */
export interface LessonSource {
  locale: LessonLocale;
  slug: string;
  /** Path relative to the repository, for messages. */
  file: string;
  data: LessonFrontmatter;
  /** Chapter, section and order, from the file name as the site derives them. */
  position: LessonPosition;
  commands: LessonCommand[];
  /** Ids of the `<Exercise id="…">` elements, in body order. */
  exerciseTags: string[];
  /** 1-based line of each `<Exercise id="…">`, by id: what the learner has done when reaching it. */
  exerciseLines: Map<string, number>;
  /** Each `<Question>` in body order: a prediction or a quiz question, its option count and answer. */
  questions: LessonQuestion[];
}

/** What must match between languages in a `<Question>`: the kind, how many options, which is right. */
export interface LessonQuestion {
  predict: boolean;
  options: number;
  answer: number;
}

const QUESTION = /<Question\b([^>]*?)\boptions=\{\[([\s\S]*?)\]\}\s+answer=\{(\d+)\}/g;

/** The `<Question>`s of a body (options are a JSON-like list of double-quoted strings). */
function scanQuestions(body: string): LessonQuestion[] {
  return [...body.matchAll(QUESTION)].map((match) => ({
    predict: /\bpredict\b/.test(match[1]!),
    options: (JSON.parse(`[${match[2]!}]`) as unknown[]).length,
    answer: Number(match[3]),
  }));
}

/** Every .mdx file under `dir`, recursively, sorted. */
function mdxFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...mdxFiles(path));
    else if (entry.name.endsWith('.mdx')) files.push(path);
  }
  return files.sort();
}

/** Read and parse every lesson of `locale` (drafts included: they will be published one day). */
export function readLessons(locale: LessonLocale): LessonSource[] {
  return mdxFiles(join(LESSONS_DIR, locale)).map((path) => parseLesson(readFileSync(path, 'utf8'), locale, relative(REPO_ROOT, path)));
}

/** Split `text` into frontmatter and body, validate the frontmatter, and find the components. */
export function parseLesson(text: string, locale: LessonLocale, file: string): LessonSource {
  const { data, bodyStart } = parseLessonFile(text, file);
  const body = blankCode(text.slice(bodyStart));
  const lineAt = (index: number) => text.slice(0, bodyStart + index).split('\n').length;
  const slug = file
    .split('/')
    .pop()!
    .replace(/\.mdx$/, '');
  const position = lessonPosition(slug);
  if (!position) throw new Error(`${file}: the file name must look like "<chapter>-<n>-some-words.mdx"`);
  const { commands, exerciseTags, exerciseLines } = scanComponents(body, lineAt, file);
  return { locale, slug, file, data, position, commands, exerciseTags, exerciseLines, questions: scanQuestions(body) };
}

/**
 * Replace fenced code blocks, and inline code that shows a tag, by spaces (keeping lines), so that
 * examples such as `<Command>` in the text are not taken for components.
 */
function blankCode(body: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]*<[^`\n]*`/g, blank);
}

const TAG = /<(\/?)(Command|Exercise)\b/g;

function scanComponents(body: string, lineAt: (index: number) => number, file: string) {
  const commands: LessonCommand[] = [];
  const exerciseTags: string[] = [];
  const exerciseLines = new Map<string, number>();
  let openExercise: string | undefined;
  for (const tag of body.matchAll(TAG)) {
    const closing = tag[1] === '/';
    const name = tag[2]!;
    const line = lineAt(tag.index);
    if (closing) {
      if (name === 'Exercise') openExercise = undefined;
      continue;
    }
    const { attributes, selfClosing } = readAttributes(body, tag.index + tag[0].length, `${file}:${line}`);
    if (name === 'Exercise') {
      const id = attributes.get('id');
      if (typeof id !== 'string') throw new Error(`${file}:${line}: <Exercise> needs id="…"`);
      exerciseTags.push(id);
      exerciseLines.set(id, line);
      if (!selfClosing) openExercise = id;
      continue;
    }
    const cmd = attributes.get('cmd');
    if (typeof cmd !== 'string') throw new Error(`${file}:${line}: <Command> needs cmd="…"`);
    const node = attributes.get('node');
    commands.push({
      cmd,
      node: typeof node === 'string' ? node : undefined,
      expectError: attributes.get('expectError') === true,
      exercise: openExercise,
      line,
    });
  }
  return { commands, exerciseTags, exerciseLines };
}

/**
 * JSX attributes from `from` up to the end of the tag: `name="text"`, `name='text'`, `name={true}`,
 * `name={false}`, `name={"text"}` and bare `name` (true). Anything else is an error: a lesson test
 * must not guess what a command is.
 */
function readAttributes(text: string, from: number, where: string): { attributes: Map<string, string | boolean>; selfClosing: boolean } {
  const attributes = new Map<string, string | boolean>();
  const attribute = /\s*(?:(\/?>)|([A-Za-z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(true|false|"[^"]*"|'[^']*')\s*\}))?)/y;
  attribute.lastIndex = from;
  for (;;) {
    const m = attribute.exec(text);
    if (!m) throw new Error(`${where}: cannot read the attributes of this tag`);
    if (m[1]) return { attributes, selfClosing: m[1] === '/>' };
    const name = m[2]!;
    const quoted = m[3] ?? m[4];
    const braced = m[5];
    let value: string | boolean;
    if (quoted !== undefined) value = decodeEntities(quoted);
    else if (braced === 'true' || braced === undefined) value = true;
    else if (braced === 'false') value = false;
    else value = braced.slice(1, -1);
    attributes.set(name, value);
  }
}

/** MDX decodes character references in attribute strings; so do we. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return named[ref.toLowerCase()] ?? whole;
  });
}
