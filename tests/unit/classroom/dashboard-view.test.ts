/** The dashboard table's rows and cells without a browser: search, filters, sorting, glyphs, equal names. */
import { describe, expect, it } from 'vitest';
import { cellGlyph, displayNames, visibleRows, DEFAULT_VIEW, CELL_GLYPHS } from '../../../src/classroom/client/dashboard-view.ts';
import { cell, type Dashboard, type DashboardRow } from '../../../src/classroom/dashboard.ts';

const NOW = '2026-12-07T12:00:00.000Z';

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
    const selfReported = cell([{ id: 'a', doneAt: NOW, verified: false }], ['a'], null, NOW);
    expect([selfReported.status, selfReported.done, cellGlyph(selfReported)]).toEqual(['self-reported', 0, '?']);
    const stuck = cell([], ['a'], null, NOW, { studentId: 's', lessonSlug: 'l', startedAt: NOW, lastActivityAt: NOW, failingCheck: 'web answers on port 80' });
    expect([stuck.status, stuck.failingCheck, cellGlyph(stuck)]).toEqual(['in-progress', 'web answers on port 80', '⚠']);
    const done = cell([{ id: 'a', doneAt: NOW, verified: true }], ['a'], null, NOW, { studentId: 's', lessonSlug: 'l', startedAt: NOW, lastActivityAt: NOW, failingCheck: 'old failure' });
    expect([done.status, done.failingCheck, cellGlyph(done)]).toEqual(['complete', null, '✔']);
  });

  it('lists only the lesson’s own exercises: made-up ids do not grow the dashboard', () => {
    const junk = Array.from({ length: 100 }, (_, i) => ({ id: `junk-${i}`, doneAt: NOW, verified: true }));
    expect(cell([...junk, { id: 'a', doneAt: NOW, verified: true }], ['a'], null, NOW).exercises).toEqual([{ id: 'a', doneAt: NOW, verified: true }]);
  });
});
