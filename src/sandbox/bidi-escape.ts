/**
 * Terminal output with the Unicode bidi controls made visible. A right-to-left override (U+202E)
 * and its kin (U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates) reorder what a
 * terminal shows after them, so a learner's line could make a watching instructor, or the learner's
 * other tabs, read something other than what ran. They are shown as `<U+202E>` instead. Output comes
 * in arbitrary chunks, so a sequence split between two chunks is held until the next one.
 */
import { concatBytes } from './concat-bytes.ts';

/** The replacement text of a bidi control. */
export function bidiPlaceholder(codePoint: number): string {
  return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;
}

const encoder = new TextEncoder();
const LEAD = 0xe2;

/** The code point of the bidi control starting at `i` (3 UTF-8 bytes), or undefined. */
function bidiAt(bytes: Uint8Array, i: number): number | undefined {
  if (bytes[i] !== LEAD) return undefined;
  const second = bytes[i + 1];
  const third = bytes[i + 2];
  if (second === 0x80 && third !== undefined && third >= 0xaa && third <= 0xae) return 0x2000 + (third - 0x80);
  if (second === 0x81 && third !== undefined && third >= 0xa6 && third <= 0xa9) return 0x2040 + (third - 0x80);
  return undefined;
}

/** A stateful filter for one output stream; see the module comment. */
export class BidiEscaper {
  private held = new Uint8Array(0);

  /** The chunk to show for `chunk` (possibly with bytes held back from the previous one). */
  push(chunk: Uint8Array): Uint8Array {
    const bytes = this.held.length > 0 ? concatBytes([this.held, chunk]) : chunk;
    this.held = new Uint8Array(0);
    if (!bytes.includes(LEAD)) return bytes;
    // A lead byte in the last two positions may start a control that the next chunk completes.
    let end = bytes.length;
    for (let i = Math.max(0, bytes.length - 2); i < bytes.length; i++) {
      if (bytes[i] === LEAD && (i + 1 >= bytes.length || bytes[i + 1] === 0x80 || bytes[i + 1] === 0x81)) {
        end = i;
        break;
      }
    }
    this.held = bytes.slice(end);
    const parts: Uint8Array[] = [];
    let from = 0;
    for (let i = 0; i + 2 < end; i++) {
      const codePoint = bidiAt(bytes, i);
      if (codePoint === undefined) continue;
      parts.push(bytes.subarray(from, i), encoder.encode(bidiPlaceholder(codePoint)));
      from = i + 3;
      i += 2;
    }
    if (from === 0 && end === bytes.length) return bytes;
    parts.push(bytes.subarray(from, end));
    return concatBytes(parts);
  }
}
