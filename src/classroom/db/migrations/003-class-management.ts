/**
 * Running a real class: co-teachers invited by email, and students the instructor removed (kept out of
 * that class for good).
 */
import type { Kysely } from 'kysely';

// Migrations take an untyped Kysely: they describe the schema before and after, not the current types.
type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  // An invitation is the access: whoever signs in with this email (now or later) co-teaches the class.
  await db.schema
    .createTable('class_teachers')
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text', (c) => c.references('instructors.id').onDelete('set null'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('class_teachers_pk', ['class_id', 'email'])
    .execute();
  await db.schema.createIndex('class_teachers_email').on('class_teachers').column('email').execute();

  await db.schema
    .createTable('class_removals')
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('removed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('class_removals_pk', ['class_id', 'student_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['class_removals', 'class_teachers']) await db.schema.dropTable(table).execute();
}
