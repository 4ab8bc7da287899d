/**
 * Row types of the classroom database, shared by SQLite and PostgreSQL.
 * Times are ISO 8601 UTC strings ("2026-11-29T13:00:00.000Z") in both databases: they sort as text and
 * come back from both drivers as the same JavaScript strings, so no query depends on the dialect.
 */
import type { Insertable, Selectable } from 'kysely';

export interface InstructorsTable {
  id: string;
  /** Lowercased; unique. */
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface StudentsTable {
  id: string;
  display_name: string;
  /** Optional, lowercased, unique when present: with a password it lets the student come back elsewhere. */
  email: string | null;
  password_hash: string | null;
  created_at: string;
}

/** A signed-in browser: exactly one of instructor_id and student_id is set. Only the token's hash is stored. */
export interface SessionsTable {
  token_hash: string;
  instructor_id: string | null;
  student_id: string | null;
  created_at: string;
  expires_at: string;
  refreshed_at: string;
}

export interface ClassesTable {
  id: string;
  instructor_id: string;
  name: string;
  /** Short code a student types ("K7MX2QPA", shown as K7MX-2QPA). */
  join_code: string;
  /** Long unguessable token in the join link. */
  join_token: string;
  created_at: string;
  archived_at: string | null;
}

export interface EnrolmentsTable {
  class_id: string;
  student_id: string;
  joined_at: string;
}

export interface AssignmentsTable {
  id: string;
  class_id: string;
  /** "chapter" (target is the chapter number as text) or "lesson" (target is the lesson slug). */
  kind: 'chapter' | 'lesson';
  target: string;
  due_at: string | null;
  created_at: string;
}

/** One completed exercise of one student; the primary key makes reporting idempotent. */
export interface ProgressTable {
  student_id: string;
  lesson_slug: string;
  exercise_id: string;
  /** When the learner completed it (browser clock, clamped to the server's). */
  done_at: string;
  /** When the server first heard of it. */
  recorded_at: string;
  /** How the server knows: it ran the checks itself, or replayed a browser's journal, or only the browser says so. */
  verification: Verification;
}

/** How a completion is known; only `server` and `replay` count as done (see progress-model.ts). */
export type Verification = 'server' | 'replay' | 'self-reported';

/** The last time the server ran an exercise's checks for a student, and what failed. */
export interface ExerciseChecksTable {
  student_id: string;
  lesson_slug: string;
  exercise_id: string;
  /** Index of the first failing check in the exercise's `checks`; null when all passed. */
  failing_check: number | null;
  first_checked_at: string;
  checked_at: string;
}

/** A co-teacher invitation: the instructor signed in with `email` manages the class like its owner. */
export interface ClassTeachersTable {
  class_id: string;
  /** Lowercased. */
  email: string;
  invited_by: string | null;
  invited_at: string;
}

/** A student the instructor removed from a class: their id may not join it again. */
export interface ClassRemovalsTable {
  class_id: string;
  student_id: string;
  removed_at: string;
}

/** A simulator session's journal, kept so another process can rebuild the sandbox (src/sandbox/persistence/). */
export interface SandboxJournalsTable {
  /** SHA-256 (hex) of the session id: the id itself is the learner's secret. */
  session_hash: string;
  /** The server process serving the session; only it writes the row. */
  holder: string;
  /** Host profile, '' for the default. */
  profile: string;
  created_at: string;
  expires_at: string;
  updated_at: string;
  /** Journal and screens as JSON (src/sandbox/persistence/journal-codec.ts). */
  journal: string;
}

/** Which server process holds a Docker-driver sandbox host (src/sandbox/docker/host-claims.ts); times in ms since the epoch. */
export interface SandboxHostsTable {
  /** The engine's `vethlab.sandbox` label. */
  sandbox_id: string;
  owner: string;
  holder: string;
  profile: string;
  /** SHA-256 (hex) of the session id; null while the host waits in a pool. */
  session_hash: string | null;
  created_at: number;
  expires_at: number;
  heartbeat_at: number;
}

/** A rate limit's token bucket for one key, shared by every replica (src/classroom/rate-store.ts). */
export interface RateBucketsTable {
  /** The limit's name and its key ("signIn:a@b.example|203.0.113.9"). */
  bucket: string;
  tokens: number;
  /** Milliseconds since the epoch when `tokens` was computed. */
  refilled_at: number;
  /** 1 when the last take found a token, else 0. */
  taken: number;
}

/** Kysely's map of the classroom schema. */
export interface Database {
  instructors: InstructorsTable;
  students: StudentsTable;
  sessions: SessionsTable;
  classes: ClassesTable;
  enrolments: EnrolmentsTable;
  assignments: AssignmentsTable;
  progress: ProgressTable;
  exercise_checks: ExerciseChecksTable;
  class_teachers: ClassTeachersTable;
  class_removals: ClassRemovalsTable;
  sandbox_journals: SandboxJournalsTable;
  sandbox_hosts: SandboxHostsTable;
  rate_buckets: RateBucketsTable;
}

export type Instructor = Selectable<InstructorsTable>;
export type Student = Selectable<StudentsTable>;
export type ClassRow = Selectable<ClassesTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type ProgressRow = Selectable<ProgressTable>;
export type NewProgress = Insertable<ProgressTable>;
