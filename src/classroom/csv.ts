/**
 * CSV export of the dashboard (RFC 4180, UTF-8 with a BOM so spreadsheet programs read Chinese names).
 * One row per student; per assigned lesson: exercises done, last completion time, status.
 */
import type { Dashboard } from './dashboard.ts';

/** Quote a field when needed, and defuse spreadsheet formulas (=, +, -, @ at the start; OWASP CSV injection). */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of fields → CSV text with CRLF line ends. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The dashboard as CSV rows: a header, then one row per student. */
export function dashboardCsv(dashboard: Dashboard): string {
  const header: string[] = ['student', 'joined_at'];
  for (const column of dashboard.columns) {
    const label = `${column.section} ${column.title}`;
    header.push(`${label}: done${column.total !== null ? ` (of ${column.total})` : ''}`, `${label}: last done at`, `${label}: status`);
  }
  const rows = dashboard.rows.map((row) => [row.student.displayName, row.student.joinedAt, ...row.cells.flatMap((cell) => [cell.done, cell.lastDoneAt, cell.status])]);
  return toCsv([header, ...rows]);
}
