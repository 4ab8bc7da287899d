/**
 * The sandbox server's link to the classroom: who a terminal's browser is (the classroom session
 * cookie on the WebSocket upgrade), verifying exercises in that terminal's sandbox for a student
 * (ConnectionHooks.check: the catalog's checks, run here, recorded at the server's time), telling the
 * watch hub which student is at which terminal, and who may watch whom.
 */
import type { IncomingMessage } from 'node:http';
import { managedClass, requireEnrolment, requireOpenEnrolment } from '../classroom/authorization.ts';
import { findExercise, type Catalog } from '../classroom/catalog.ts';
import type { Classroom } from '../classroom/context.ts';
import { runExerciseChecks } from '../classroom/exercise-checks.ts';
import { COOKIE_NAMES, parseCookies } from '../classroom/http/cookies.ts';
import { readCatalogFromFiles } from '../classroom/lesson-files.ts';
import { resolveSession, type Role } from '../classroom/sessions.ts';
import { sharedClassroom } from '../classroom/shared.ts';
import { verifyExercise } from '../classroom/verification.ts';
import type { CheckAnswer, CheckSandbox, ConnectionHooks } from '../sandbox/connection/connection-hooks.ts';
import type { Logger } from '../sandbox/logger.ts';
import type { WatchHub } from './watch/watch-hub.ts';

export interface ClassroomLinkOptions {
  hub: WatchHub;
  log: Logger;
  /** The classroom service (the process's shared one by default). */
  classroom?: () => Promise<Classroom>;
  /** The lesson catalog with the exercises' checks (read from the lesson files by default). */
  catalog?: () => Promise<Catalog>;
}

export interface ClassroomLink {
  /** Hooks for the terminal connection opened by `request`. */
  hooksFor(request: IncomingMessage): ConnectionHooks;
  /** Whether `request`'s instructor owns class `classId` and `studentId` is in it. */
  mayWatch(request: IncomingMessage, classId: string, studentId: string): Promise<boolean>;
}

/** The link; see the module comment. */
export function createClassroomLink(options: ClassroomLinkOptions): ClassroomLink {
  const { hub, log } = options;
  const classroom = options.classroom ?? sharedClassroom;
  let catalog: Promise<Catalog> | undefined;
  const loadCatalog = () => {
    catalog ??= (options.catalog ?? (() => readCatalogFromFiles()))().catch((error: unknown) => {
      catalog = undefined;
      throw error;
    });
    return catalog;
  };

  /** The subject of `role`'s session cookie on `request`, or undefined (no cookie, expired, database down). */
  async function subject(request: IncomingMessage, role: Role): Promise<{ cx: Classroom; id: string } | undefined> {
    const token = parseCookies(request.headers.cookie ?? null).get(COOKIE_NAMES[role]);
    if (!token) return undefined;
    try {
      const cx = await classroom();
      const session = await resolveSession(cx, role, token);
      return session ? { cx, id: session.subjectId } : undefined;
    } catch (error) {
      log.warn(`classroom unavailable for a terminal: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  async function check(student: { cx: Classroom; id: string } | undefined, request: { lesson: string; exercise: string }, sandbox: CheckSandbox): Promise<CheckAnswer> {
    const courses = await loadCatalog();
    const exercise = findExercise(courses, request.lesson, request.exercise);
    const lesson = courses.bySlug.get(request.lesson);
    if (!exercise || !lesson) return { verdicts: [], doneAt: null, error: `lesson ${request.lesson} has no exercise "${request.exercise}"` };
    if ((lesson.profile ?? '') !== (sandbox.profile ?? '') || !sandbox.hasNode(exercise.node)) {
      return { verdicts: [], doneAt: null, error: `this terminal's sandbox is not the one lesson ${request.lesson} uses` };
    }
    const run = (command: string, node: string) => sandbox.exec(command, node);
    const item = { lessonSlug: lesson.slug, exerciseId: exercise.id };
    if (student && (await inOpenClass(student))) {
      const result = await verifyExercise(student.cx, courses, student.id, item, 'server', run);
      return result.ok ? { verdicts: result.outcome.verdicts, doneAt: result.doneAt } : { verdicts: [], doneAt: null, error: result.error };
    }
    // Not a student of an open class: the page gets the verdicts; nothing is recorded.
    return { verdicts: (await runExerciseChecks(exercise, run)).verdicts, doneAt: null };
  }

  return {
    hooksFor(request) {
      let student: Promise<{ cx: Classroom; id: string } | undefined> | undefined;
      const who = () => (student ??= subject(request, 'student'));
      return {
        check: async (checkRequest, sandbox) => check(await who(), checkRequest, sandbox),
        attached(terminal, sessionId, node) {
          void who().then((s) => s && hub.attached(s.id, terminal, { sessionId, node }));
        },
        closed(terminal) {
          void who().then((s) => s && hub.closed(s.id, terminal));
        },
      };
    },
    async mayWatch(request, classId, studentId) {
      const instructor = await subject(request, 'instructor');
      if (!instructor) return false;
      try {
        // The owner and co-teachers may watch (authorization.ts).
        await managedClass(instructor.cx, instructor.id, classId);
        await requireEnrolment(instructor.cx, studentId, classId);
        return true;
      } catch {
        return false;
      }
    },
  };
}

async function inOpenClass(student: { cx: Classroom; id: string }): Promise<boolean> {
  try {
    await requireOpenEnrolment(student.cx, student.id);
    return true;
  } catch {
    return false;
  }
}
