/** The dashboard table's rows and cells without a browser: search, filters, sorting, glyphs, equal names. */
import { describe, expect, it } from 'vitest';
import { cellGlyph, displayNames, visibleRows, DEFAULT_VIEW, CELL_GLYPHS } from '../../../src/classroom/client/dashboard-view.ts';
import { cell, type Dashboard, type DashboardRow } from '../../../src/classroom/dashboard.ts';
import type { LessonProgress } from '../../../src/classroom/progress-model.ts';

const NOW = '2026-12-07T12:00:00.000Z';
const LESSON = { exercises: ['a'], dueAt: null };

function progress(extra: Partial<LessonProgress>): LessonProgress {
  return { lessonSlug: 'l', completedAt: null, startedAt: null, lastActivityAt: null, verified: [], selfReported: [], failing: null, ...extra };
}
const failing = { exerciseId: 'a', index: 0, run: 'docker ps', hint: 'web answers on port 80', checkedAt: NOW };

function row(id: string, name: string, done: number, lastActivityAt: string | null, extra: Partial<DashboardRow> = {}): DashboardRow {
  return {
    student: { id, displayName: name, joinedAt: `2026-12-01T00:00:0${id.length}.000Z`, tag: `#${id.slice(0, 4)}`, canSignIn: false },
    cells: [],
    totals: { assigned: 5, done, late: 0, started: 0, overdue: 0, selfReported: 0 },
    lastActivityAt,
    stuck: null,
    ...extra,
  };
}

const dashboard: Dashboard = {
  class: { id: 'c', name: 'Class', archivedAt: null },
  columns: [],
  generatedAt: NOW,
  rows: [
    row('bob1', 'Bob', 3, '2026-12-07T10:00:00.000Z'),
    row('ali1', 'Alice', 1, null, { stuck: { lessonSlug: '4-3-joined', check: 'ping fails', since: NOW } }),
    row('ali2', 'alice', 5, '2026-12-07T11:00:00.000Z', { totals: { assigned: 5, done: 5, late: 2, started: 0, overdue: 0, selfReported: 0 } }),
    row('cara', 'Cara', 0, '2026-12-06T09:00:00.000Z'),
  ],
};

const names = (rows: DashboardRow[]) => rows.map((r) => r.student.id);

describe('dashboard view', () => {
  it('sorts by name (case-insensitive, ties by join time), by progress and by last activity', () => {
    expect(names(visibleRows(dashboard, DEFAULT_VIEW))).toEqual(['ali1', 'ali2', 'bob1', 'cara']);
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, sort: 'progress', direction: 'descending' }))).toEqual(['ali2', 'bob1', 'ali1', 'cara']);
    // Never active sorts as the oldest.
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, sort: 'activity', direction: 'ascending' }))).toEqual(['ali1', 'cara', 'bob1', 'ali2']);
  });

  it('searches names and tags, and filters the late and the stuck', () => {
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, search: 'ALI' }))).toEqual(['ali1', 'ali2']);
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, search: '#cara' }))).toEqual(['cara']);
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, filter: 'late' }))).toEqual(['ali2']);
    expect(names(visibleRows(dashboard, { ...DEFAULT_VIEW, filter: 'stuck' }))).toEqual(['ali1']);
  });

  it('adds the tag only to names that another student shares', () => {
    const twins = { ...dashboard, rows: [row('aaaa1', 'Alice', 0, null), row('bbbb2', 'Alice', 0, null), row('cccc3', 'Bob', 0, null)] };
    expect([...displayNames(twins.rows).values()]).toEqual(['Alice #aaaa', 'Alice #bbbb', 'Bob']);
  });

  it('draws each state with its own glyph, a failing check with a warning, self-reported never as done', () => {
    expect(new Set(Object.values(CELL_GLYPHS)).size).toBe(Object.keys(CELL_GLYPHS).length);
    const selfReported = cell(LESSON, progress({ selfReported: [{ exerciseId: 'a', doneAt: NOW }] }), NOW);
    expect([selfReported.status, selfReported.done, selfReported.selfReported, cellGlyph(selfReported)]).toEqual(['not-started', 0, [{ id: 'a', doneAt: NOW }], '○']);
    const stuck = cell(LESSON, progress({ startedAt: NOW, lastActivityAt: NOW, failing }), NOW);
    expect([stuck.status, stuck.failingCheck, cellGlyph(stuck)]).toEqual(['in-progress', 'a: web answers on port 80', '⚠']);
    const done = cell(LESSON, progress({ completedAt: NOW, verified: [{ exerciseId: 'a', doneAt: NOW, via: 'server' }], failing }), NOW);
    expect([done.status, done.failingCheck, cellGlyph(done)]).toEqual(['complete', null, '✔']);
  });

  it('lists only the lesson’s own exercises: made-up ids do not grow the dashboard', () => {
    const junk = Array.from({ length: 100 }, (_, i) => ({ exerciseId: `junk-${i}`, doneAt: NOW }));
    expect(cell(LESSON, progress({ selfReported: [...junk, { exerciseId: 'a', doneAt: NOW }] }), NOW).selfReported).toEqual([{ id: 'a', doneAt: NOW }]);
  });
});
