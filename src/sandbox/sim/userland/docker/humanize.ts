/** Human-readable durations and sizes exactly as docker/go-units prints them. */

/** units.HumanDuration: "Less than a second", "3 seconds", "About a minute", "2 hours" … */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** Go's %.3g: three significant digits, no trailing zeros. */
function g3(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** `bytes` in the largest of `units` (each `base` times the last) that keeps the number under `base`. */
function scaled(bytes: number, base: number, units: readonly string[]): [number, string] {
  let v = bytes;
  let i = 0;
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return [v, units[i] ?? ''];
}

/** units.HumanSize (decimal: kB, MB, GB) with 3 significant digits, as `docker images` shows sizes. */
export function humanSize(bytes: number): string {
  const [v, unit] = scaled(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB']);
  return `${g3(v)}${unit}`;
}

/** units.BytesSize (binary: KiB, MiB, GiB) with 4 significant digits, as `docker stats` shows memory. */
export function bytesSize(bytes: number): string {
  const [v, unit] = scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB']);
  return `${Number(v.toPrecision(4))}${unit}`;
}

/** Go's time.RFC3339Nano in UTC, with nanoseconds made up from the milliseconds and a salt. */
export function rfc3339Nano(ms: number, salt = 0): string {
  const iso = new Date(ms).toISOString();
  const nanos = String((ms % 1000) * 1_000_000 + (Math.abs(salt) % 1_000_000))
    .padStart(9, '0')
    .replace(/0+$/, '');
  return `${iso.slice(0, 19)}${nanos ? '.' + nanos : ''}Z`;
}
