/**
 * What a class must do: whole chapters or single lessons, each with an optional due date. Stored as
 * assigned (a chapter stays a chapter, so lessons added to it later are assigned too) and expanded to
 * lessons against the catalog when read.
 */
import { nowIso, type Classroom } from './context.ts';
import { chapterLessons, type Catalog, type CatalogLesson } from './catalog.ts';
import { ClassroomError } from './errors.ts';
import { newId } from './ids.ts';
import * as input from './input.ts';

export interface Assignment {
  kind: 'chapter' | 'lesson';
  /** The chapter number as text, or the lesson slug. */
  target: string;
  dueAt: string | null;
}

/** A lesson a class must do, with the due date that applies to it. */
export interface AssignedLesson extends CatalogLesson {
  dueAt: string | null;
}

const MAX_ASSIGNMENTS = 200;

/** Validate an editor's list against the catalog: known chapters and lessons, each at most once. */
export function parseAssignments(value: unknown, catalog: Catalog): Assignment[] {
  if (!Array.isArray(value) || value.length > MAX_ASSIGNMENTS) {
    throw new ClassroomError('bad-request', `assignments must be a list of at most ${MAX_ASSIGNMENTS}`, { field: 'assignments' });
  }
  const seen = new Set<string>();
  return value.map((item, index) => {
    const fields = input.record(item);
    const field = `assignments[${index}]`;
    let target: string;
    if (fields.kind === 'chapter') {
      const chapter = Number(fields.target);
      if (!catalog.chapters.includes(chapter)) throw new ClassroomError('bad-request', `${field}: no chapter ${String(fields.target)}`, { field });
      target = String(chapter);
    } else if (fields.kind === 'lesson') {
      if (typeof fields.target !== 'string' || !catalog.bySlug.has(fields.target)) {
        throw new ClassroomError('bad-request', `${field}: no such lesson`, { field });
      }
      target = fields.target;
    } else {
      throw new ClassroomError('bad-request', `${field}: kind must be "chapter" or "lesson"`, { field });
    }
    const key = `${fields.kind}:${target}`;
    if (seen.has(key)) throw new ClassroomError('bad-request', `${field}: assigned twice`, { field });
    seen.add(key);
    return { kind: fields.kind, target, dueAt: input.optionalTime(fields.dueAt, `${field}.dueAt`) };
  });
}

/** Replace a class's assignments with `assignments` in one transaction. */
export async function replaceAssignments(cx: Classroom, classId: string, assignments: readonly Assignment[]): Promise<void> {
  const createdAt = nowIso(cx);
  await cx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('assignments').where('class_id', '=', classId).execute();
    if (assignments.length === 0) return;
    await trx
      .insertInto('assignments')
      .values(assignments.map((a) => ({ id: newId(), class_id: classId, kind: a.kind, target: a.target, due_at: a.dueAt, created_at: createdAt })))
      .execute();
  });
}

/** A class's assignments, chapters first, then lessons. */
export async function listAssignments(cx: Classroom, classId: string): Promise<Assignment[]> {
  const list = (await assignmentsByClass(cx, [classId])).get(classId) ?? [];
  return list.sort((a, b) => Number(a.kind === 'lesson') - Number(b.kind === 'lesson') || (a.kind === 'chapter' ? Number(a.target) - Number(b.target) : a.target.localeCompare(b.target)));
}

/**
 * The lessons behind assignments, in reading order. A lesson assigned on its own takes its own due date
 * over its chapter's; targets the course no longer has are skipped.
 */
export function assignedLessons(assignments: readonly Assignment[], catalog: Catalog): AssignedLesson[] {
  const due = new Map<string, string | null>();
  for (const a of assignments) {
    if (a.kind !== 'chapter') continue;
    for (const lesson of chapterLessons(catalog, Number(a.target))) due.set(lesson.slug, a.dueAt);
  }
  for (const a of assignments) {
    if (a.kind === 'lesson' && catalog.bySlug.has(a.target)) due.set(a.target, a.dueAt);
  }
  return catalog.lessons.filter((lesson) => due.has(lesson.slug)).map((lesson) => ({ ...lesson, dueAt: due.get(lesson.slug) ?? null }));
}

/** Assignments of many classes at once (for a student's overview). */
export async function assignmentsByClass(cx: Classroom, classIds: readonly string[]): Promise<Map<string, Assignment[]>> {
  const byClass = new Map<string, Assignment[]>(classIds.map((id) => [id, []]));
  if (classIds.length === 0) return byClass;
  const rows = await cx.db.selectFrom('assignments').selectAll().where('class_id', 'in', classIds).execute();
  for (const row of rows) byClass.get(row.class_id)?.push({ kind: row.kind, target: row.target, dueAt: row.due_at });
  return byClass;
}
