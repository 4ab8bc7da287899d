/** The first classroom schema: instructors, students, sessions, classes, enrolments, assignments, progress. */
import { sql, type Kysely } from 'kysely';

// Migrations take an untyped Kysely: they describe the schema before and after, not the current types.
type AnyDb = Kysely<unknown>;

/** Create every table with its keys, foreign keys (cascading from the owner) and indexes. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('instructors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('students')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('instructor_id', 'text', (c) => c.references('instructors.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.references('students.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sessions_one_subject', sql`(instructor_id IS NULL) <> (student_id IS NULL)`)
    .execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instructor_id', 'text', (c) => c.notNull().references('instructors.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('join_code', 'text', (c) => c.notNull().unique())
    .addColumn('join_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('classes_instructor').on('classes').column('instructor_id').execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrolments_pk', ['class_id', 'student_id'])
    .execute();
  await db.schema.createIndex('enrolments_student').on('enrolments').column('student_id').execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assignments_unique_target', ['class_id', 'kind', 'target'])
    .addCheckConstraint('assignments_kind', sql`kind IN ('chapter', 'lesson')`)
    .execute();

  await db.schema
    .createTable('progress')
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('lesson_slug', 'text', (c) => c.notNull())
    .addColumn('exercise_id', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('progress_pk', ['student_id', 'lesson_slug', 'exercise_id'])
    .execute();
}

/** Drop everything 001 created, children first. */
export async function down(db: AnyDb): Promise<void> {
  for (const table of ['progress', 'assignments', 'enrolments', 'classes', 'sessions', 'students', 'instructors']) {
    await db.schema.dropTable(table).execute();
  }
}
