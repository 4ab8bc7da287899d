/**
 * Go's text/tabwriter as the docker CLI configures it (minwidth 10, padding 3, spaces): each
 * column is as wide as its widest cell plus 3, at least 10; the last column is not padded.
 */

/** Lay out rows of cells. */
export function tabwrite(rows: readonly (readonly string[])[], minwidth = 10, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i === row.length - 1) return;
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length + padding, minwidth);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...cell].length)))).join(''))
    .map((line) => line + '\n')
    .join('');
}
