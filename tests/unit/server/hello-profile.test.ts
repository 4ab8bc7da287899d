import { describe, expect, it } from 'vitest';
import { parseClientControl } from '../../../src/sandbox/protocol.ts';

describe('hello', () => {
  it('carries an optional host profile', () => {
    expect(parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, profile: 'swarm' }))).toEqual({
      ok: true,
      value: { type: 'hello', version: 1, cols: 80, rows: 24, profile: 'swarm' },
    });
    expect(parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, profile: 7 })).ok).toBe(false);
  });
});
