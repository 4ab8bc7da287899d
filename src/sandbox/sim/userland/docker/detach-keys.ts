/**
 * --detach-keys: a comma-separated key sequence as docker's term.ToBytes reads it: each key a
 * single character or `ctrl-X` with X one of a-z @ [ \ ] ^ _ (so `ctrl-p,ctrl-q` is 0x10 0x11).
 */

/** The bytes of a detach-key sequence, or undefined when the daemon would refuse it. */
export function parseDetachKeys(text: string): number[] | undefined {
  const bytes: number[] = [];
  for (const key of text.split(',')) {
    const k = key;
    if (k.length === 1) {
      bytes.push(k.charCodeAt(0));
      continue;
    }
    const ctrl = /^ctrl-([a-z@[\\\]^_])$/i.exec(k)?.[1];
    if (ctrl === undefined) return undefined;
    const c = ctrl.toLowerCase();
    bytes.push(c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 96 : c.charCodeAt(0) - 64);
  }
  return bytes;
}
