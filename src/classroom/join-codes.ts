/**
 * How students find a class: a short code they can type from a projector (8 characters, no 0/O/1/I,
 * shown as "K7MX-2QPA", 40 bits) and a long link token (128 bits). Guessing codes is rate-limited.
 */
import { randomInt } from 'node:crypto';
import { newId } from './ids.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

/** A fresh random join code, stored without the dash. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A fresh join-link token. */
export function newJoinToken(): string {
  return newId();
}

/** "K7MX2QPA" → "K7MX-2QPA" for display. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a student typed → the stored form, or undefined when it cannot be a code. */
export function normalizeJoinCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || typed.length > 40) return undefined;
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return undefined;
  for (const char of code) if (!ALPHABET.includes(char)) return undefined;
  return code;
}
