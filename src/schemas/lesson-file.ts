/**
 * A lesson file read without Astro: the YAML frontmatter validated by the site's schema, and the MDX
 * body. The sandbox server (which verifies exercises outside the Astro bundle) and the lesson tests
 * read lessons this way; the site itself goes through the content collection.
 */
import { parse as parseYaml } from 'yaml';
import { lessonSchema, type LessonFrontmatter } from './lesson.ts';

export interface LessonFile {
  data: LessonFrontmatter;
  body: string;
  /** Length of the frontmatter block, so callers can map body offsets to file lines. */
  bodyStart: number;
}

/** Split `text` into frontmatter and body and validate the frontmatter; `file` names it in errors. */
export function parseLessonFile(text: string, file: string): LessonFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  const frontmatter = match?.[1];
  if (!match || frontmatter === undefined) throw new Error(`${file}: no frontmatter`);
  const result = lessonSchema.safeParse(parseYaml(frontmatter));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`${file}: invalid frontmatter\n${issues}`);
  }
  return { data: result.data, body: text.slice(match[0].length), bodyStart: match[0].length };
}
