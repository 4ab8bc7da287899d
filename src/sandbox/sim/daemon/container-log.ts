/**
 * A container's log as dockerd's json-file driver keeps it: one entry per line, each with the
 * stream it came from (a TTY merges both into stdout), so `docker logs` can write every line back
 * to the matching descriptor; bounded like a rotated log file. `docker attach` and `docker logs -f`
 * follow it through watchers.
 */

export type LogStream = 'stdout' | 'stderr';

/** One line of output; `text` ends with `\n` unless the process has not finished the line yet. */
export interface LogLine {
  stream: LogStream;
  text: string;
}

export interface ContainerLog {
  lines: LogLine[];
  /** Characters kept, over all lines. */
  size: number;
  /** Attached clients (docker attach, docker logs -f): told each text as it is written. */
  watchers: Set<(stream: LogStream, text: string) => void>;
}

/** The copier's buffer (moby's logger.Copier, 16 KiB): a longer line is logged in partial entries. */
const MAX_ENTRY_CHARS = 16 * 1024;

/** The newest characters a log keeps (a rotated json-file log, in miniature). */
const MAX_LOG_CHARS = 32 * 1024;

export function emptyLog(): ContainerLog {
  return { lines: [], size: 0, watchers: new Set() };
}

/** The main process wrote `text` on `stream`: keep it line by line and pass it to the attached clients. */
export function writeLog(log: ContainerLog, stream: LogStream, text: string): void {
  if (text === '') return;
  for (const piece of text.split(/(?<=\n)/)) {
    let rest = piece;
    while (rest !== '') {
      // The copier reads a stream until the end of a line: a line finished later stays one entry,
      // unless it outgrows the copier's buffer, which then logs what it holds as a partial entry.
      const last = log.lines.findLast((l) => l.stream === stream);
      const open = last !== undefined && !last.text.endsWith('\n') && last.text.length < MAX_ENTRY_CHARS ? last : undefined;
      const taken = rest.slice(0, MAX_ENTRY_CHARS - (open?.text.length ?? 0));
      if (open) open.text += taken;
      else log.lines.push({ stream, text: taken });
      log.size += taken.length;
      rest = rest.slice(taken.length);
    }
  }
  while (log.size > MAX_LOG_CHARS && log.lines.length > 1) {
    const dropped = log.lines.shift();
    log.size -= dropped?.text.length ?? 0;
  }
  for (const watcher of [...log.watchers]) watcher(stream, text);
}

/** Follow what is written from now on; returns the function that stops following. */
export function watchLog(log: ContainerLog, watcher: (stream: LogStream, text: string) => void): () => void {
  log.watchers.add(watcher);
  return () => log.watchers.delete(watcher);
}

/** Everything kept, both streams, as one text (what a TTY showed). */
export function logText(log: ContainerLog): string {
  return log.lines.map((l) => l.text).join('');
}
