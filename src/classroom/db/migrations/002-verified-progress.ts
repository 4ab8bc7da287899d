/**
 * Server-verified completions (issue #14): each progress row says how the server knows it
 * (`verification`), and `exercise_checks` keeps the last result of the server running an exercise's
 * checks for a student, so the dashboard can say who started a lesson and which check is failing.
 * Rows from before this migration were reported by browsers: they become self-reported.
 */
import { sql, type Kysely } from 'kysely';

// Migrations take an untyped Kysely: they describe the schema before and after, not the current types.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('progress')
    .addColumn('verification', 'text', (c) => c.notNull().defaultTo('self-reported'))
    .execute();

  await db.schema
    .createTable('exercise_checks')
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('lesson_slug', 'text', (c) => c.notNull())
    .addColumn('exercise_id', 'text', (c) => c.notNull())
    .addColumn('failing_check', 'integer')
    .addColumn('first_checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exercise_checks_pk', ['student_id', 'lesson_slug', 'exercise_id'])
    .addCheckConstraint('exercise_checks_failing', sql`failing_check IS NULL OR failing_check >= 0`)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('exercise_checks').execute();
  await db.schema.alterTable('progress').dropColumn('verification').execute();
}
