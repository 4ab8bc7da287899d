/**
 * Parsing what users send: names, emails, passwords, times. Each returns the clean value or throws a
 * 400 naming the field. Names are stored as typed (trimmed, NFC); escaping is the renderer's job.
 */
import { ClassroomError } from './errors.ts';
import { isCommonPassword } from './common-passwords.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

/** The request body as a record, or 400. */
export function record(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ClassroomError('bad-request', 'expected a JSON object');
  }
  return body as Record<string, unknown>;
}

// Control and format characters (incl. bidi overrides) make names render misleadingly; refuse them.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A human-facing name (class, student, instructor): 1..max characters after trimming. */
export function name(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new ClassroomError('bad-request', `${field} is required`, { field });
  const clean = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean.length === 0) throw new ClassroomError('bad-request', `${field} is required`, { field });
  if ([...clean].length > max) throw new ClassroomError('bad-request', `${field} is longer than ${max} characters`, { field });
  if (INVISIBLE.test(clean)) throw new ClassroomError('bad-request', `${field} contains invisible characters`, { field });
  return clean;
}

export const MAX_CLASS_NAME = 100;
export const MAX_DISPLAY_NAME = 60;

/** An email address, lowercased; only its shape is checked (we send no mail). */
export function email(value: unknown, field = 'email'): string {
  if (typeof value !== 'string') throw new ClassroomError('bad-request', `${field} is required`, { field });
  const clean = value.trim().toLowerCase();
  if (clean.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean)) {
    throw new ClassroomError('bad-request', `${field} is not an email address`, { field });
  }
  return clean;
}

/**
 * A new password: 12..256 characters and not a common one (NIST 800-63B: a length rule and a blocklist,
 * no composition rules).
 */
export function newPassword(value: unknown, field = 'password'): string {
  if (typeof value !== 'string' || [...value].length < MIN_PASSWORD_LENGTH) {
    throw new ClassroomError('bad-request', `${field} must have at least ${MIN_PASSWORD_LENGTH} characters`, { field });
  }
  if (value.length > MAX_PASSWORD_LENGTH) {
    throw new ClassroomError('bad-request', `${field} is longer than ${MAX_PASSWORD_LENGTH} characters`, { field });
  }
  if (isCommonPassword(value)) {
    throw new ClassroomError('bad-request', `${field} is too common: it is on a list of leaked passwords`, { field, reason: 'common' });
  }
  return value;
}

/** A password being checked: any string up to the maximum (old rules may have allowed shorter ones). */
export function givenPassword(value: unknown, field = 'password'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PASSWORD_LENGTH) {
    throw new ClassroomError('bad-request', `${field} is required`, { field });
  }
  return value;
}

/** An ISO 8601 time, normalised to UTC with milliseconds; null/undefined/"" allowed when `optional`. */
export function time(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 40 || Number.isNaN(Date.parse(value))) {
    throw new ClassroomError('bad-request', `${field} is not a time`, { field });
  }
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (year < 2000 || year > 2200) throw new ClassroomError('bad-request', `${field} is out of range`, { field });
  return date.toISOString();
}

/** Like `time`, but absent, null or "" mean none. */
export function optionalTime(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  return time(value, field);
}

/**
 * An identifier from our own URLs or payloads (base64url ids, slugs, exercise ids). A base64url id may
 * start with "-" or "_" (1 id in 32), so those are allowed first; a leading "." is not (no "..").
 */
export function identifier(value: unknown, field: string, max = 100): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(value)) {
    throw new ClassroomError('bad-request', `${field} is not a valid identifier`, { field });
  }
  return value;
}

/** Optional string field: absent or "" → undefined. */
export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value as string;
}
