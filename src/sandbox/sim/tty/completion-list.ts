/**
 * Presentation of Tab completion candidates the way bash shows them: the longest common prefix
 * is inserted, and on a second Tab the candidates are listed in columns, sorted down the columns.
 */
import { isPrintable } from './keys.ts';
import { textWidth } from './char-width.ts';

/** Longest prefix all candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0] as string;
  for (const c of candidates) {
    while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Candidates safe to print: no controls or escape sequences, bounded length. */
export function printableCandidates(candidates: readonly string[]): string[] {
  return candidates.filter((c) => c.length > 0 && c.length <= 256 && [...c].every((ch) => isPrintable(ch.codePointAt(0) as number)));
}

/** Candidates in columns for a terminal `cols` wide; lines end with `\r\n`. */
export function formatColumns(candidates: readonly string[], cols: number): string {
  const width = Math.max(...candidates.map(textWidth)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(candidates.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = candidates[r + c * rows];
      if (item === undefined) break;
      const last = candidates[r + (c + 1) * rows] === undefined;
      line += last ? item : item + ' '.repeat(width - textWidth(item));
    }
    out += `${line}\r\n`;
  }
  return out;
}
