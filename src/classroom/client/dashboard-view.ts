/**
 * What the dashboard table shows, without the DOM: which rows (search and filters), in which order
 * (name, progress, last activity), how a cell is drawn (a glyph whose shape says its state, so colour
 * is never the only cue) and the details read on hover or focus. Pure, so unit tests pin it.
 */
import type { CellStatus, Dashboard, DashboardCell, DashboardColumn, DashboardRow } from '../dashboard.ts';

export type SortKey = 'name' | 'progress' | 'activity';
export type SortDirection = 'ascending' | 'descending';
export type RowFilter = 'all' | 'late' | 'stuck';

export interface ViewState {
  search: string;
  filter: RowFilter;
  sort: SortKey;
  direction: SortDirection;
}

export const DEFAULT_VIEW: ViewState = { search: '', filter: 'all', sort: 'name', direction: 'ascending' };

/** One glyph per state, each a different shape: ✔ done, ◷ late (clock), ◐ started, ○ not started, ✖ overdue. */
export const CELL_GLYPHS: Record<CellStatus, string> = {
  complete: '✔',
  late: '◷',
  'in-progress': '◐',
  'not-started': '○',
  overdue: '✖',
};

/** A stuck cell (a check fails) shows this instead of its state's glyph. */
export const STUCK_GLYPH = '⚠';

/** The glyph of a cell. */
export function cellGlyph(cell: DashboardCell): string {
  return cell.failingCheck !== null ? STUCK_GLYPH : CELL_GLYPHS[cell.status];
}

/** "3/5" (exercises done of the lesson's), or "3" when the lesson's count is unknown. */
export function doneLabel(cell: DashboardCell, column: DashboardColumn): string {
  return column.total !== null ? `${cell.done}/${column.total}` : String(cell.done);
}

/** Whether a row has a lesson completed late or overdue. */
export function isLate(row: DashboardRow): boolean {
  return row.totals.late > 0 || row.totals.overdue > 0;
}

/** The name with its tag when another student of the class has the same name. */
export function displayNames(rows: readonly DashboardRow[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const row of rows) count.set(row.student.displayName, (count.get(row.student.displayName) ?? 0) + 1);
  return new Map(rows.map((row) => [row.student.id, (count.get(row.student.displayName) ?? 0) > 1 ? `${row.student.displayName} ${row.student.tag}` : row.student.displayName]));
}

/** Progress as one sortable number: lessons done first, then started ones. */
function progressScore(row: DashboardRow): number {
  return row.totals.done * 1000 + row.totals.started;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The rows to show, in order: search by name or tag, the filter, then the sort (ties by name). */
export function visibleRows(dashboard: Dashboard, view: ViewState): DashboardRow[] {
  const needle = view.search.trim().toLocaleLowerCase();
  const rows = dashboard.rows.filter((row) => {
    if (needle !== '' && !`${row.student.displayName} ${row.student.tag}`.toLocaleLowerCase().includes(needle)) return false;
    if (view.filter === 'late') return isLate(row);
    if (view.filter === 'stuck') return row.stuck !== null;
    return true;
  });
  const byName = (a: DashboardRow, b: DashboardRow) => collator.compare(a.student.displayName, b.student.displayName) || a.student.joinedAt.localeCompare(b.student.joinedAt);
  const sign = view.direction === 'ascending' ? 1 : -1;
  const compare = (a: DashboardRow, b: DashboardRow): number => {
    if (view.sort === 'progress') return sign * (progressScore(a) - progressScore(b)) || byName(a, b);
    if (view.sort === 'activity') {
      // Never active sorts as the oldest.
      return sign * (a.lastActivityAt ?? '').localeCompare(b.lastActivityAt ?? '') || byName(a, b);
    }
    return sign * byName(a, b);
  };
  return rows.sort(compare);
}

/** Share of the class that has done a lesson, as a whole percentage (0 for an empty class). */
export function completionPercent(column: DashboardColumn, students: number): number {
  return students === 0 ? 0 : Math.round((column.counts.done / students) * 100);
}
