/**
 * What the service layer refuses, as a value the HTTP layer turns into a status and JSON body.
 * The code is stable (the UI translates it); the message is for logs and API users.
 */
export type ErrorCode = 'bad-request' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rate-limited' | 'unsupported-media-type' | 'method-not-allowed';

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'unsupported-media-type': 415,
  'rate-limited': 429,
};

/**
 * Marks classroom refusals across module copies. `npm run serve` loads src/classroom from main.ts while
 * the built routes carry their own bundled copy of this file, so `instanceof` sees two different
 * classes; a registered symbol is the same in both graphs.
 */
const BRAND = Symbol.for('vethlab.classroom-error');

/** A refusal with its HTTP meaning; `field` names the offending input, `retryAfter` is in seconds. */
export class ClassroomError extends Error {
  override name = 'ClassroomError';
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  /** A finer machine-readable cause within the code (e.g. "common" for a leaked password), for the UI. */
  readonly reason: string | undefined;

  constructor(code: ErrorCode, message: string, extra: { field?: string; retryAfter?: number; reason?: string } = {}) {
    super(message);
    this.code = code;
    this.field = extra.field;
    this.retryAfter = extra.retryAfter;
    this.reason = extra.reason;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** Whether `error` is a ClassroomError from any copy of this module (never use `instanceof` for this). */
export function isClassroomError(error: unknown): error is ClassroomError {
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
}

/** Shorthand for the most common refusal: a resource that does not exist or is not yours (never say which). */
export function notFound(what: string): ClassroomError {
  return new ClassroomError('not-found', `${what} not found`);
}
