/** The few log calls the server makes, so tests can silence or capture them. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

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

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
