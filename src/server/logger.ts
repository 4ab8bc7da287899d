/** The server's console logger; the Logger interface lives with the sandbox layer that also logs. */
import type { Logger } from '../sandbox/logger.ts';

/** Log to the console; debug lines only with `DEBUG=vethlab`. */
export function consoleLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const debug = (env.DEBUG ?? '').split(',').includes('vethlab');
  return {
    info: (message) => console.log(message),
    warn: (message) => console.warn(message),
    error: (message) => console.error(message),
    debug: (message) => {
      if (debug) console.debug(message);
    },
  };
}
