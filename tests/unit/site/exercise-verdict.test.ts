import { describe, expect, it } from 'vitest';
import { checkFailure, checkPasses } from '../../../src/components/exercise/verdict.ts';

describe('exercise check verdicts', () => {
  it('passes on the expected exit status (0 by default)', () => {
    expect(checkPasses({}, { exit: 0, output: '' })).toBe(true);
    expect(checkFailure({}, { exit: 1, output: '' })).toBe('exit status 1, expected 0');
    expect(checkPasses({ exit: 1 }, { exit: 1, output: 'ping: bad address' })).toBe(true);
  });

  it('matches line by line (m flag)', () => {
    expect(checkPasses({ match: '^true$' }, { exit: 0, output: 'true\n' })).toBe(true);
    expect(checkPasses({ match: '^box2 ' }, { exit: 0, output: 'box1 \nbox2 \n' })).toBe(true);
    expect(checkFailure({ match: '^true$' }, { exit: 0, output: 'false\n' })).toBe('output does not match /^true$/');
  });

  it('fails when notMatch is found', () => {
    expect(checkFailure({ notMatch: 'eth0' }, { exit: 0, output: '1: lo\n2: eth0\n' })).toBe('output matches /eth0/');
    expect(checkPasses({ notMatch: 'eth0' }, { exit: 0, output: '1: lo\n' })).toBe(true);
  });

  it('checks the exit status before the output', () => {
    expect(checkFailure({ match: 'x' }, { exit: 1, output: 'x' })).toBe('exit status 1, expected 0');
  });
});
