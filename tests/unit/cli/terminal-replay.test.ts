import { afterEach, describe, expect, it } from 'vitest';
import { stripEcho, stripEscapes, TerminalReplayer } from '../../../src/cli/terminal-replay.ts';
import { createSimSandbox } from '../../../src/sandbox/sim/driver.ts';
import type { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';

describe('reading a terminal', () => {
  it('drops colours, titles and bash leaving bracketed paste', () => {
    expect(stripEscapes('\x1b[?2004l\rout \x1b[01;31m\x1b[Kred\x1b[m\x1b[K\x1b]0;title\x07\n')).toBe('out red\n');
  });

  it('drops the echo of the typed line, also where the line editor wrapped it', () => {
    expect(stripEcho('ls /\r\nbin\r\n', 'ls /')).toBe('bin\r\n');
    expect(stripEcho(`echo ${'x'.repeat(70)}\r\n${'x'.repeat(5)} \r\r\nout\r\n`, `echo ${'x'.repeat(75)}`)).toBe('out\r\n');
    expect(stripEcho('garbled\r\nout\r\n', 'ls')).toBe('out\r\n');
  });
});

describe('typing a replay into a terminal stream', () => {
  let sandbox: SimSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  async function typeAll(lines: string[], options: { lineTimeoutMs?: number } = {}) {
    sandbox = createSimSandbox({ clock: 'virtual', seed: 1 });
    const replayer = new TerminalReplayer(sandbox.terminal(), { node: 'node1', nestedIdleMs: 200, ...options });
    await replayer.ready();
    const records = [];
    for (const line of lines) records.push(await replayer.type(line));
    replayer.close();
    return records;
  }

  it('records output and exit status without the echo or the prompt, and keeps $? for the next line', async () => {
    expect(await typeAll(['echo one', 'false', 'echo $?'])).toEqual([
      { cmd: 'echo one', output: 'one\n', exit: 0 },
      { cmd: 'false', output: '', exit: 1 },
      { cmd: 'echo $?', output: '1\n', exit: 0 },
    ]);
  });

  it('types the lines after `docker exec -it` into the container shell until exit', async () => {
    const records = await typeAll(['docker run -dit --name c1 busybox', 'docker exec -it c1 sh', 'hostname', 'ls /nosuch', 'exit', 'hostname']);
    expect(records.slice(2).map(({ cmd, output, exit }) => ({ cmd, output: output.replace(/[0-9a-f]{12}/, '<id>'), exit }))).toEqual([
      { cmd: 'hostname', output: '<id>\n', exit: 0 },
      { cmd: 'ls /nosuch', output: 'ls: /nosuch: No such file or directory\n', exit: 1 },
      // `exit` leaves with the status of the shell's last command, the failed ls
      { cmd: 'exit', output: '', exit: 1 },
      { cmd: 'hostname', output: 'node1\n', exit: 0 },
    ]);
  });

  it('presses Ctrl-C on a line that never gives the prompt back', async () => {
    const [stuck, next] = await typeAll(['cat', 'echo after'], { lineTimeoutMs: 300 });
    expect(stuck).toMatchObject({ cmd: 'cat', output: '' });
    expect(next).toEqual({ cmd: 'echo after', output: 'after\n', exit: 0 });
  });
});
