/** What the terminal's session timer says: time left, then a warning before the TTL or the idle limit. */
import { describe, expect, it } from 'vitest';
import { timerText } from '../../../src/components/terminal/session-timer.ts';
import { terminalStrings } from '../../../src/components/terminal/strings.ts';

const en = terminalStrings('en');
const MIN = 60_000;

describe('session timer', () => {
  it('shows the minutes left of the lifetime, rounded up', () => {
    expect(timerText(en, 52.2 * MIN, 14 * MIN)).toEqual({ text: '53 min left' });
  });

  it('warns in the last five minutes of the lifetime', () => {
    expect(timerText(en, 4.5 * MIN, 14 * MIN)).toEqual({ text: 'Time limit: the sandbox ends in 5 min', warning: 'ttl' });
  });

  it('warns when the idle limit is three minutes away and comes before the end', () => {
    expect(timerText(en, 40 * MIN, 2.1 * MIN)).toEqual({ text: 'Idle: the sandbox closes in 3 min unless you type', warning: 'idle' });
    expect(timerText(en, 1 * MIN, 2 * MIN)?.warning).toBe('ttl');
  });

  it('shows nothing for the in-browser simulator (limits beyond a day) or without limits', () => {
    expect(timerText(en, 365 * 24 * 60 * MIN, undefined)).toBeUndefined();
    expect(timerText(en, undefined, undefined)).toBeUndefined();
  });

  it('speaks Chinese in the Chinese course', () => {
    expect(timerText(terminalStrings('zh'), 30 * MIN, 14 * MIN)?.text).toBe('剩余 30 分钟');
  });
});
