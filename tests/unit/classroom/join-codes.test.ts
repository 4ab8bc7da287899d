import { describe, expect, it } from 'vitest';
import { formatJoinCode, JOIN_CODE_LENGTH, newJoinCode, normalizeJoinCode } from '../../../src/classroom/join-codes.ts';

describe('join codes', () => {
  it('are 8 characters without look-alikes (0 O 1 I)', () => {
    for (let i = 0; i < 200; i++) {
      const code = newJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    }
  });

  it('are shown with a dash and accepted as typed: lower case, spaces, dashes', () => {
    expect(formatJoinCode('K7MX2QPA')).toBe('K7MX-2QPA');
    expect(normalizeJoinCode('k7mx-2qpa')).toBe('K7MX2QPA');
    expect(normalizeJoinCode(' K7MX 2QPA ')).toBe('K7MX2QPA');
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeJoinCode('K7MX2QP')).toBeUndefined();
    expect(normalizeJoinCode('K7MX2QP0')).toBeUndefined();
    expect(normalizeJoinCode(42)).toBeUndefined();
    expect(normalizeJoinCode('x'.repeat(1000))).toBeUndefined();
  });
});
