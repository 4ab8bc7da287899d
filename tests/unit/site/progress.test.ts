import { describe, expect, it } from 'vitest';
import { completedSlugs, firstUnfinished } from '../../../src/navigation/progress.ts';

describe('progress from localStorage', () => {
  it('reads the lessons marked done', () => {
    const raw = JSON.stringify({ '1-1-veth': { done: true, at: 1 }, '1-2-connect': { done: false }, x: { done: 'yes' } });
    expect([...completedSlugs(raw)]).toEqual(['1-1-veth']);
  });

  it.each([null, undefined, '', 'not json', '[]', '"text"', 'null', '{"a":null}'])('treats %s as no progress', (raw) => {
    expect(completedSlugs(raw).size).toBe(0);
  });

  it('finds where to continue', () => {
    expect(firstUnfinished(['a', 'b', 'c'], new Set(['a']))).toBe('b');
    expect(firstUnfinished(['a'], new Set(['a']))).toBeUndefined();
  });
});
