import { describe, expect, it } from 'vitest';
import { emptyLog, logText, writeLog } from '../../../src/sandbox/sim/daemon/container-log.ts';

describe('a container log (json-file, in miniature)', () => {
  it('keeps output line by line, a line finished by a later write staying one entry', () => {
    const log = emptyLog();
    writeLog(log, 'stdout', 'hel');
    writeLog(log, 'stdout', 'lo\nnext\n');
    writeLog(log, 'stderr', 'oops\n');
    expect(log.lines).toEqual([
      { stream: 'stdout', text: 'hello\n' },
      { stream: 'stdout', text: 'next\n' },
      { stream: 'stderr', text: 'oops\n' },
    ]);
  });

  it('stays bounded when a process writes without ever ending its line', () => {
    const log = emptyLog();
    const chunk = 'x'.repeat(999) + 'y';
    for (let i = 0; i < 200; i++) writeLog(log, 'stdout', chunk);
    expect(log.size).toBeLessThanOrEqual(48 * 1024);
    expect(logText(log)).toHaveLength(log.size);
    expect(logText(log).endsWith(chunk)).toBe(true);
  });
});
