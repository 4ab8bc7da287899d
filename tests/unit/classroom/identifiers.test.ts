/**
 * Ids the classroom makes itself must pass its own input checks. A base64url id starts with "-" or "_"
 * about once in 32; the check once refused those, so bulk removal failed for 3% of students at random.
 */
import { expect, it } from 'vitest';
import { newId } from '../../../src/classroom/ids.ts';
import { identifier } from '../../../src/classroom/input.ts';

it('accepts ids that start with "-" or "_"', () => {
  expect(identifier('-abcDEF012_-', 'id')).toBe('-abcDEF012_-');
  expect(identifier('_abcDEF012_-', 'id')).toBe('_abcDEF012_-');
});

it('accepts every id newId makes', () => {
  for (let i = 0; i < 5_000; i += 1) {
    const id = newId();
    expect(identifier(id, 'id', 64)).toBe(id);
  }
});

it('still refuses what is not an identifier', () => {
  for (const bad of ['', '.hidden', '../x', 'a b', '<b>', 'a/b', 'x'.repeat(65), 42, null]) {
    expect(() => identifier(bad, 'id', 64), String(bad)).toThrow(/not a valid identifier/);
  }
});
