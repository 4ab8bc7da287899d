import { describe, expect, it } from 'vitest';
import { allExercisesDone, completedSlugs, firstUnfinished } from '../../../src/navigation/progress.ts';

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

describe('lesson completion from exercises', () => {
  const entry = { exercises: { a: { doneAt: '2026-01-01T00:00:00.000Z' }, b: { doneAt: '2026-01-02T00:00:00.000Z' } } };

  it('is complete when every exercise of the lesson is done', () => {
    expect(allExercisesDone(entry, ['a', 'b'])).toBe(true);
  });

  it('is not complete while one is missing', () => {
    expect(allExercisesDone(entry, ['a', 'b', 'c'])).toBe(false);
  });

  it.each([undefined, null, 'x', {}, { exercises: null }, { exercises: { a: { doneAt: 1 } } }])('treats %s as not done', (value) => {
    expect(allExercisesDone(value, ['a'])).toBe(false);
  });

  it('never completes a lesson without exercises', () => {
    expect(allExercisesDone(entry, [])).toBe(false);
  });
});
