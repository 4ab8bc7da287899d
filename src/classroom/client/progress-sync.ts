/**
 * Exercise completion in the browser, and its report to the learner's classes.
 *
 * localStorage `vethlab.progress` = {"<lessonSlug>": {"exercises": {"<exerciseId>": {"doneAt": "<ISO>"}}}}
 * (other fields of a lesson entry, such as the site's `done`, are kept). A completion is written there
 * first, then, when this browser belongs to a class, sent to POST /api/classroom/progress. Reports wait
 * in an outbox (`vethlab.progress.outbox`) until the server has them, so offline work is sent later;
 * the server keys them by (student, lesson, exercise), so sending twice is harmless.
 *
 * Two ways to record a completion: import and call `recordExerciseDone`, or dispatch
 * `document.dispatchEvent(new CustomEvent('vl:exercise-done', {detail: {lessonSlug, exerciseId}}))`
 * on any page that loads this module. Both end with a `vl:progress` event on document.
 */
import { PROGRESS_EVENT, PROGRESS_KEY } from '../../navigation/progress.ts';
import { api } from './api.ts';
import { fetchMe, isInClass } from './me.ts';

export const OUTBOX_KEY = 'vethlab.progress.outbox';
/** The event an exercise may dispatch instead of importing this module. */
export const EXERCISE_DONE_EVENT = 'vl:exercise-done';

export interface ProgressReport {
  lessonSlug: string;
  exerciseId: string;
  doneAt: string;
}

type LessonEntry = { exercises?: Record<string, { doneAt: string }> } & Record<string, unknown>;
type ProgressStore = Record<string, LessonEntry>;

const BATCH = 500;

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    const value: unknown = raw ? JSON.parse(raw) : fallback;
    return typeof value === 'object' && value !== null ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the report still goes to the server below when possible.
  }
}

/** The learner's completions as stored in this browser. */
export function readProgress(): ProgressStore {
  const store = readJson<ProgressStore>(PROGRESS_KEY, {});
  return Array.isArray(store) ? {} : store;
}

/** Every completed exercise in this browser, as reports. */
export function allReports(store: ProgressStore = readProgress()): ProgressReport[] {
  const reports: ProgressReport[] = [];
  for (const [lessonSlug, entry] of Object.entries(store)) {
    const exercises = entry?.exercises;
    if (typeof exercises !== 'object' || exercises === null) continue;
    for (const [exerciseId, done] of Object.entries(exercises)) {
      if (typeof done?.doneAt === 'string') reports.push({ lessonSlug, exerciseId, doneAt: done.doneAt });
    }
  }
  return reports;
}

/** Record that the learner completed `exerciseId` of `lessonSlug`, and report it to their class. */
export async function recordExerciseDone(lessonSlug: string, exerciseId: string, doneAt: Date = new Date()): Promise<void> {
  const store = readProgress();
  const entry: LessonEntry = store[lessonSlug] ?? {};
  const exercises = { ...(entry.exercises ?? {}) };
  // The first completion counts; doing it again later changes nothing.
  const time = exercises[exerciseId]?.doneAt ?? doneAt.toISOString();
  exercises[exerciseId] = { doneAt: time };
  store[lessonSlug] = { ...entry, exercises };
  writeJson(PROGRESS_KEY, store);
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { lessonSlug, exerciseId, doneAt: time } }));

  const outbox = readJson<ProgressReport[]>(OUTBOX_KEY, []);
  if (!outbox.some((r) => r.lessonSlug === lessonSlug && r.exerciseId === exerciseId)) {
    outbox.push({ lessonSlug, exerciseId, doneAt: time });
    writeJson(OUTBOX_KEY, outbox);
  }
  await flushOutbox();
}

async function send(reports: readonly ProgressReport[]): Promise<'sent' | 'retry' | 'dropped'> {
  for (let i = 0; i < reports.length; i += BATCH) {
    const result = await api('POST', '/progress', { items: reports.slice(i, i + BATCH) });
    if (result.ok) continue;
    // Network, rate limit or server trouble: try again later. Anything else (not in a class, a lesson the
    // server does not know) will not get better by retrying; joining a class uploads everything anyway.
    if (result.status === 0 || result.status === 429 || result.status >= 500) return 'retry';
    return 'dropped';
  }
  return 'sent';
}

let queue: Promise<void> = Promise.resolve();

/**
 * Send the outbox if this browser is in a class; keeps it for later when the network fails. Calls run
 * one after another, each sending what the outbox holds when its turn comes, so a completion recorded
 * during a send goes out right after it.
 */
export function flushOutbox(): Promise<void> {
  queue = queue.then(sendOutbox, sendOutbox);
  return queue;
}

async function sendOutbox(): Promise<void> {
  const outbox = readJson<ProgressReport[]>(OUTBOX_KEY, []);
  if (!Array.isArray(outbox) || outbox.length === 0) return;
  if (!(await isInClass())) return;
  const outcome = await send(outbox);
  if (outcome === 'retry') return;
  // Keep what was added while we were sending.
  const sent = new Set(outbox.map((r) => `${r.lessonSlug}\u0000${r.exerciseId}`));
  writeJson(
    OUTBOX_KEY,
    readJson<ProgressReport[]>(OUTBOX_KEY, []).filter((r) => !sent.has(`${r.lessonSlug}\u0000${r.exerciseId}`)),
  );
}

/** Carry-over after joining: send everything done in this browser before; returns how many. */
export async function uploadAll(): Promise<number> {
  const reports = allReports();
  await fetchMe(true);
  if (reports.length === 0) return 0;
  const outcome = await send(reports);
  if (outcome !== 'retry') writeJson(OUTBOX_KEY, []);
  return outcome === 'sent' ? reports.length : 0;
}

/** After signing in on another device: merge the server's completions into this browser. */
export async function restoreFromServer(): Promise<number> {
  const result = await api<{ items: ProgressReport[] }>('GET', '/progress');
  if (!result.ok) return 0;
  const store = readProgress();
  let added = 0;
  for (const item of result.data.items) {
    const entry: LessonEntry = store[item.lessonSlug] ?? {};
    const exercises = { ...(entry.exercises ?? {}) };
    if (exercises[item.exerciseId]) continue;
    exercises[item.exerciseId] = { doneAt: item.doneAt };
    store[item.lessonSlug] = { ...entry, exercises };
    added++;
  }
  if (added > 0) {
    writeJson(PROGRESS_KEY, store);
    document.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { restored: added } }));
  }
  return added;
}

function isDoneDetail(detail: unknown): detail is { lessonSlug: string; exerciseId: string } {
  const d = detail as { lessonSlug?: unknown; exerciseId?: unknown } | null;
  return typeof d?.lessonSlug === 'string' && typeof d.exerciseId === 'string';
}

// Loaded once per page (a module): listen for completions, and send what an earlier page could not.
document.addEventListener(EXERCISE_DONE_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  if (isDoneDetail(detail)) void recordExerciseDone(detail.lessonSlug, detail.exerciseId);
});
window.addEventListener('online', () => void flushOutbox());
void flushOutbox();
