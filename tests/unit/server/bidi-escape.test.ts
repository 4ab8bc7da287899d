/** Bidi override and isolate characters reach terminals as visible placeholders, however output is chunked. */
import { expect, it } from 'vitest';
import { BidiEscaper } from '../../../src/sandbox/bidi-escape.ts';
import { concatBytes } from '../../../src/sandbox/concat-bytes.ts';
import { until } from '../../support/until.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(concatBytes(chunks));

it('shows every embedding, override and isolate control escaped, and nothing else', () => {
  const escaper = new BidiEscaper();
  const all = '\u202a\u202b\u202c\u202d\u202e \u2066\u2067\u2068\u2069';
  expect(decode([escaper.push(encode(`rm -rf ${all} — 网络 ✓ \u2029\u2065`))])).toBe('rm -rf <U+202A><U+202B><U+202C><U+202D><U+202E> <U+2066><U+2067><U+2068><U+2069> — 网络 ✓ \u2029\u2065');
});

it('escapes a control split across chunks at every byte boundary', () => {
  const bytes = encode('ab\u202ecd\u2067e');
  for (let cut = 0; cut <= bytes.length; cut++) {
    for (let cut2 = cut; cut2 <= bytes.length; cut2++) {
      const escaper = new BidiEscaper();
      const out = [escaper.push(bytes.slice(0, cut)), escaper.push(bytes.slice(cut, cut2)), escaper.push(bytes.slice(cut2))];
      expect(decode(out)).toBe('ab<U+202E>cd<U+2067>e');
    }
  }
});

it('passes plain output through untouched', () => {
  const chunk = encode('plain ascii\r\n');
  expect(new BidiEscaper().push(chunk)).toBe(chunk);
});

it('a learner typing U+202E into a simulated shell shows it escaped to every attached terminal and in the replay', async () => {
  const { SessionRegistry } = await import('../../../src/sandbox/sessions.ts');
  const { createSimulatorDriver } = await import('../../../src/sandbox/sim/driver.ts');
  const registry = new SessionRegistry({ driver: createSimulatorDriver() });
  const opened = await registry.open();
  if (!opened.ok) throw new Error(opened.message);
  const session = opened.session;
  const seen: Uint8Array[] = [];
  session.attach('node1', { output: (bytes) => seen.push(bytes), ended: () => {} });
  session.input('node1', encode('echo "txt.\u202eexe"\r'));
  const text = () => decode(seen);
  // Wait for the echoed line, its output and the next prompt (giving up silently after a fixed
  // 2 s, as this did, failed the assertions below on a busy machine with half the output).
  await until(() => /exe"\r\n.*\r\n.*[#$] $/s.test(text()), 4000, 'the echo and the next prompt');
  expect(text()).toContain('txt.<U+202E>exe');
  expect(text()).not.toContain('\u202e');
  const later = session.attach('node1', { output: () => {}, ended: () => {} });
  expect(new TextDecoder().decode(later.replay)).not.toContain('\u202e');
  await registry.close();
});
