/**
 * `ip -s link` (iproute2 6.1's print_stats64): a device's counters under its link line, in
 * columns that widen for large numbers; `-s -s` adds the error breakdowns. The numbers are the
 * kernel's per-device counters (kernel/link.ts), which the packet walk moves.
 */
import type { Link } from '../kernel/link.ts';

/** Minimum column widths: "*X errors:", "packets", "errors", "dropped", "heartbt", "overrun", "compressed". */
const MIN_WIDTHS = [10, 7, 6, 7, 7, 7, 10] as const;

function widen(cols: number[], values: readonly number[]): void {
  values.forEach((v, i) => {
    cols[i] = Math.max(cols[i] ?? 0, String(v).length);
  });
}

function numbers(cols: readonly number[], values: readonly number[], from = 0): string {
  return values.map((v, i) => `${String(v).padStart(cols[i + from] ?? 0)} `).join('');
}

/** The statistics lines of one device, `level` being how many -s were given (1 or more). */
export function linkStatsLines(l: Link, level: number): string[] {
  const s = l.stats;
  const rx = [s.rxBytes, s.rxPackets, 0, s.rxDropped, 0, 0];
  const tx = [s.txBytes, s.txPackets, 0, s.txDropped, 0, 0];
  const rxErrors = [0, 0, 0, 0, 0];
  const txErrors = [0, 0, 0, 0, s.carrierChanges];
  const cols: number[] = [...MIN_WIDTHS];
  widen(cols, rx);
  widen(cols, tx);
  if (level > 1) {
    widen(cols, [0, 0, ...rxErrors]);
    widen(cols, [0, 0, ...txErrors]);
  }
  const [c0 = 10, c1 = 7, c2 = 6, c3 = 7, c4 = 7, c5 = 7, c6 = 10] = cols;
  const head = (dir: string, a: string, b: string) =>
    `    ${dir}: ${'bytes'.padStart(c0 - 4)} ${'packets'.padStart(c1)} ${'errors'.padStart(c2)} ${'dropped'.padStart(c3)} ${a.padStart(c4)} ${b.padStart(c5)} ${''.padStart(c6)}`;
  const errorsHead = (dir: string, names: readonly string[]) => `    ${dir} errors:${''.padStart(c0 - 10)} ${names.map((n, i) => n.padStart(cols[i + 1] ?? 0)).join(' ')}`;
  const errorsValues = (values: readonly number[]) => `    ${''.padStart(c0 + 1)}${numbers(cols, values, 1)}`;
  const lines = [head('RX', 'missed', 'mcast'), `    ${numbers(cols, rx)}`];
  if (level > 1) lines.push(errorsHead('RX', ['length', 'crc', 'frame', 'fifo', 'overrun']), errorsValues(rxErrors));
  lines.push(head('TX', 'carrier', 'collsns'), `    ${numbers(cols, tx)}`);
  if (level > 1) lines.push(errorsHead('TX', ['aborted', 'fifo', 'window', 'heartbt', 'transns']), errorsValues(txErrors));
  return lines;
}
