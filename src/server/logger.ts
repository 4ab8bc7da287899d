/**
 * The server's structured log: one JSON object a line (pino), so a log collector reads
 * fields rather than parsing text. Behind the Logger interface the sandbox layer also logs through.
 */
import { pino, type DestinationStream } from 'pino';
import type { Logger } from '../sandbox/logger.ts';

/** What the server logs about one HTTP request when its response is finished. */
export interface RequestLogFields {
  requestId: string;
  method: string;
  /** Without the query string, which may carry tokens. */
  path: string;
  status: number;
  durationMs: number;
}

export interface JsonLogger extends Logger {
  /** One access-log line for a finished request. */
  request(fields: RequestLogFields): void;
}

/**
 * Warnings and errors on stderr and the rest on stdout, as the console did; written synchronously so
 * nothing is lost when the process exits right after.
 */
function standardStreams(): DestinationStream {
  return pino.multistream(
    [
      { level: 'debug', stream: pino.destination({ dest: 1, sync: true }) },
      { level: 'warn', stream: pino.destination({ dest: 2, sync: true }) },
    ],
    // Each line goes to the one stream with the highest level it reaches, not to both.
    { dedupe: true },
  );
}

/** JSON lines on `destination` (stdout and stderr by default); debug lines only when asked. */
export function jsonLogger(debug: boolean, destination: DestinationStream = standardStreams()): JsonLogger {
  const logger = pino(
    {
      level: debug ? 'debug' : 'info',
      // "level":"info" reads better in a collector's UI than pino's numbers.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
    debug: (message) => logger.debug(message),
    request: (fields) => logger.info(fields, `${fields.method} ${fields.path} ${fields.status}`),
  };
}
