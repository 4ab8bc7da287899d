/**
 * Running a real class: co-teachers invited by email, students the instructor removed (kept out of that
 * class for good), and per-lesson activity (started, last seen, the check that fails) for the dashboard.
 */
import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema before and after, not the current types.
type AnyDb = Kysely<any>;

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

  await db.schema
    .createTable('lesson_activity')
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('lesson_slug', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('failing_check', 'text')
    .addPrimaryKeyConstraint('lesson_activity_pk', ['student_id', 'lesson_slug'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['lesson_activity', 'class_removals', 'class_teachers']) await db.schema.dropTable(table).execute();
}
