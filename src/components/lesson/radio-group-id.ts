/** A short id from a question's text (FNV-1a), the same in every build: its radio group's name. */
export function radioGroupId(prompt: string, options: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const char of [prompt, ...options].join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
