/**
 * Frontmatter schema of a lesson (src/content/lessons/<locale>/<slug>.mdx).
 * The locale, the slug and the lesson's position (chapter, section, order) come from the file path,
 * not from the frontmatter (src/navigation/lessons.ts, lessonPosition).
 */
import { z } from 'astro/zod';
import { BUILTIN_PROFILES } from '../sandbox/profiles/builtin.ts';
import { isValidPattern } from './check-pattern.ts';

/** A sandbox node name as the simulator and the real driver know it: node1, node2 ... */
export const nodeNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'node names are lowercase letters, digits and dashes, e.g. "node1"');

/**
 * One hidden command a broken lab runs on its fresh sandbox before the learner sees it (a missing
 * MASQUERADE rule, `ip_forward=0`). Output is never shown; the commands are not in shell history.
 */
export const setupStepSchema = z.strictObject({
  run: z.string().trim().min(1),
  /** The node it runs on; the lesson's first node by default. */
  node: nodeNameSchema.optional(),
});

/** What the lesson's sandbox needs: which nodes exist and an optional prepared scenario. */
export const sandboxSchema = z.strictObject({
  nodes: z
    .array(nodeNameSchema)
    .min(1)
    .refine((nodes) => new Set(nodes).size === nodes.length, 'node names must be unique')
    .default(['node1']),
  // Both drivers refuse an unknown profile when the terminal opens; say so at build time instead.
  profile: z
    .string()
    .refine((name) => BUILTIN_PROFILES.has(name), {
      message: `not a built-in host profile (known: ${[...BUILTIN_PROFILES.keys()].join(', ')})`,
    })
    .optional(),
  /**
   * Hidden commands run once on the lesson's fresh sandbox (a broken lab's starting point). A lesson
   * with a setup gets a sandbox of its own (src/sandbox/profiles/lab-profile.ts): Reset breaks it again.
   */
  setup: z.array(setupStepSchema).min(1, 'leave `setup` out rather than empty').optional(),
});

/** An exercise id: kebab-case, unique within the lesson, the same in every language. */
export const exerciseIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'exercise ids are kebab-case, e.g. "ping-by-name"');

const patternSchema = z.string().min(1).refine(isValidPattern, 'not a valid JavaScript regular expression');

/**
 * One check of an exercise: a command run hidden on the node's host shell (`sh -c`), and what its
 * exit status and output must be. `hint` says, in the lesson's language, what is wrong when it fails.
 */
export const checkSchema = z.strictObject({
  run: z.string().trim().min(1),
  /** Expected exit status. */
  exit: z.number().int().min(0).max(255).default(0),
  /** A regular expression (JavaScript syntax, `m` flag) the output must match. */
  match: patternSchema.optional(),
  /** A regular expression the output must not match. */
  notMatch: patternSchema.optional(),
  hint: z.string().trim().min(1),
});

/** A task with checks and a solution; placed in the text with `<Exercise id="…">`. */
export const exerciseSchema = z.strictObject({
  id: exerciseIdSchema,
  /** Node the checks run on; the lesson's first node by default. */
  node: nodeNameSchema.optional(),
  /** All must pass, checked in order. */
  checks: z.array(checkSchema).min(1, 'an exercise needs at least one check'),
  /** Commands typed at the host prompt of a fresh sandbox, in order, that make every check pass. */
  solution: z.array(z.string().trim().min(1)).min(1, 'an exercise needs a solution'),
});

/** A key that must stay out of the frontmatter: the lesson's position comes from its file name. */
const positionKey = z.undefined({ error: 'the position comes from the file name ("1-2-some-words.mdx" is chapter 1, section 1.2); remove this key' }).optional();

export const lessonSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1),
    /** Estimated time to work through the lesson, in minutes. */
    minutes: z.number().int().positive().max(240),
    sandbox: sandboxSchema.default({ nodes: ['node1'] }),
    draft: z.boolean().default(false),
    /** The lesson's exercises, in the order they appear in the text. */
    exercises: z.array(exerciseSchema).default([]),
    /** The position is the file name's ("1-2-….mdx" is chapter 1, section 1.2): never stated twice. */
    chapter: positionKey,
    section: positionKey,
    order: positionKey,
  })
  .superRefine((data, ctx) => {
    data.sandbox.setup?.forEach((step, i) => {
      if (step.node !== undefined && !data.sandbox.nodes.includes(step.node)) {
        ctx.addIssue({ code: 'custom', message: `setup step ${i + 1} runs on node "${step.node}", which is not in sandbox.nodes`, path: ['sandbox', 'setup', i, 'node'] });
      }
    });
    const seen = new Set<string>();
    data.exercises.forEach((exercise, i) => {
      if (seen.has(exercise.id)) {
        ctx.addIssue({ code: 'custom', message: `exercise id "${exercise.id}" is used twice`, path: ['exercises', i, 'id'] });
      }
      seen.add(exercise.id);
      if (exercise.node !== undefined && !data.sandbox.nodes.includes(exercise.node)) {
        ctx.addIssue({
          code: 'custom',
          message: `exercise "${exercise.id}" runs on node "${exercise.node}", which is not in sandbox.nodes`,
          path: ['exercises', i, 'node'],
        });
      }
    });
  })
  // The position keys exist only to be refused: validated data has none, so code cannot read one.
  .transform(({ chapter, section, order, ...data }) => data);

/** Frontmatter as written by an author (defaults not yet applied). */
export type LessonFrontmatterInput = z.input<typeof lessonSchema>;
/** Frontmatter after validation, defaults applied. */
export type LessonFrontmatter = z.output<typeof lessonSchema>;
/** An exercise after validation. */
export type Exercise = z.output<typeof exerciseSchema>;
/** A setup step after validation. */
export type SetupStep = z.output<typeof setupStepSchema>;
/** A check after validation (`exit` filled in). */
export type ExerciseCheck = z.output<typeof checkSchema>;
