/** The server's console logger; the Logger interface lives with the sandbox layer that also logs. */
import type { Logger } from '../sandbox/logger.ts';

/** Log to the console; debug lines only when asked (`DEBUG=vethlab`, settings.debug). */
export function consoleLogger(debug: boolean): Logger {
  return {
    info: (message) => console.log(message),
    warn: (message) => console.warn(message),
    error: (message) => console.error(message),
    debug: (message) => {
      if (debug) console.debug(message);
    },
  };
}
