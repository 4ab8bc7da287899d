/**
 * curl's progress meter (lib/progress.c), which curl writes to stderr when the body does not go
 * to the terminal: two header lines, a line of zeros when the transfer starts, the totals when it
 * ends, each line started with \r so a terminal shows them on top of each other.
 */

const HEADER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' + '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** max5data: a byte count in five columns (k, M, G beyond 99999). */
function max5(n: number): string {
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  if (n < 100 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).padStart(4)}M`;
  return `${String(Math.floor(n / 1024 / 1024)).padStart(4)}M`;
}

/** One meter line: percentages and sizes of the download (uploads are always 0 here), speeds, unknown times. */
function line(percent: number, size: number, received: number, speed: number): string {
  const times = '--:--:-- --:--:-- --:--:--';
  return `\r${String(percent).padStart(3)} ${max5(size)}  ${String(percent).padStart(3)} ${max5(received)}    0 ${max5(0)}  ${max5(speed)}  ${max5(0)} ${times} ${max5(speed)}`;
}

/** The meter's start: the header and the line of zeros. */
export function progressStart(): string {
  return HEADER + line(0, 0, 0, 0);
}

/** The meter's last line for `bytes` received in `ms` milliseconds, and the newline that ends it. */
export function progressEnd(bytes: number, ms: number): string {
  const speed = Math.round((bytes * 1000) / Math.max(1, ms));
  return `${line(100, bytes, bytes, speed)}\n`;
}
