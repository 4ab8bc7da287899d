/** Session ids: unguessable, URL- and storage-safe, portable between Node and the browser. */

/** 144 random bits: above OWASP's 128-bit floor and a whole number of base64 characters (24). */
const ID_BYTES = 18;
const ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** A fresh session id from the platform's CSPRNG, base64url without padding. */
export function newSessionId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(ID_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_');
}

/** Whether `id` has the shape `newSessionId` produces (cheap filter before any lookup). */
export function isSessionIdShape(id: string): boolean {
  return ID_PATTERN.test(id);
}
