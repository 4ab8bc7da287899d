import { describe, expect, it } from 'vitest';
import { parseClientControl } from '../../src/sandbox/protocol.ts';

describe('parseClientControl', () => {
  it('accepts a hello with a session', () => {
    const r = parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, session: 'abc' }));
    expect(r).toEqual({ ok: true, value: { type: 'hello', version: 1, cols: 80, rows: 24, session: 'abc' } });
  });

  it('rejects what is not JSON, not an object or of an unknown type', () => {
    expect(parseClientControl('{').ok).toBe(false);
    expect(parseClientControl('[1]').ok).toBe(false);
    expect(parseClientControl('{"type":"shutdown"}').ok).toBe(false);
  });

  it('rejects absurd terminal sizes and oversized commands', () => {
    expect(parseClientControl('{"type":"resize","cols":0,"rows":24}').ok).toBe(false);
    expect(parseClientControl('{"type":"resize","cols":1e9,"rows":24}').ok).toBe(false);
    expect(parseClientControl(JSON.stringify({ type: 'exec', id: 'x', command: 'a'.repeat(5000) })).ok).toBe(false);
  });
});
