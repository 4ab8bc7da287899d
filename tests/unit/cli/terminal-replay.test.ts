import { afterEach, describe, expect, it } from 'vitest';
import { splitEcho, stripEcho, stripEscapes, TerminalReplayer } from '../../../src/cli/terminal-replay.ts';
import { createSimSandbox } from '../../../src/sandbox/sim/driver.ts';
import type { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import type { TerminalStream } from '../../../src/sandbox/driver.ts';

describe('reading a terminal', () => {
  it('drops colours, titles and bash leaving bracketed paste', () => {
    expect(stripEscapes('\x1b[?2004l\rout \x1b[01;31m\x1b[Kred\x1b[m\x1b[K\x1b]0;title\x07\n')).toBe('out red\n');
  });

  it('drops the echo of the typed line, also where the line editor wrapped it', () => {
    expect(stripEcho('ls /\r\nbin\r\n', 'ls /')).toBe('bin\r\n');
    expect(stripEcho(`echo ${'x'.repeat(70)}\r\n${'x'.repeat(5)} \r\r\nout\r\n`, `echo ${'x'.repeat(75)}`)).toBe('out\r\n');
    expect(stripEcho('garbled\r\nout\r\n', 'ls')).toBe('out\r\n');
  });

  it("keeps a background job's line that reached the terminal before the echo", () => {
    expect(splitEcho('listening on eth0\r\nkill %1\r\n2 packets captured\r\n', 'kill %1')).toEqual({ before: 'listening on eth0\r\n', after: '2 packets captured\r\n' });
    expect(splitEcho('ls /\r\nbin\r\n', 'ls /')).toEqual({ before: '', after: 'bin\r\n' });
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
    // the tty echoes the key, as a real one does
    expect(stuck).toMatchObject({ cmd: 'cat', output: '^C\n' });
    expect(next).toEqual({ cmd: 'echo after', output: 'after\n', exit: 0 });
  });
});

/**
 * A terminal whose shell answers each typed line with scripted chunks, so a background job's
 * output can arrive where a real one does: glued to the prompt, or between two lines.
 */
function scriptedTerminal(answer: (line: string) => string[]): TerminalStream {
  const listeners = new Set<(bytes: Uint8Array) => void>();
  const show = (text: string) => {
    for (const listener of listeners) listener(new TextEncoder().encode(text));
  };
  let typed = '';
  setTimeout(() => show('root@node1:~# '), 0);
  return {
    write(bytes) {
      typed += new TextDecoder().decode(bytes);
      if (!typed.endsWith('\r')) return;
      const line = typed.slice(0, -1);
      typed = '';
      // the replayer's status line: every scripted line exits 0
      const chunks = line.includes('__vl_exit') ? ['__vl_exit=0\r\nroot@node1:~# '] : answer(line);
      chunks.forEach((chunk, i) => {
        setTimeout(() => show(i === 0 ? `${line}\r\n${chunk}` : chunk), i * 50);
      });
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    resize() {
      return undefined;
    },
  };
}

describe('a background job in a typed replay', () => {
  it('ends a line at its prompt when the job prints right after it, and keeps every line the job printed', async () => {
    const terminal = scriptedTerminal((line) => {
      if (line.endsWith('&')) return ['[1] 42\r\nroot@node1:~# listening on docker0\r\n'];
      if (line.startsWith('ping')) return ['PING 172.17.0.3\r\nroot@node1:~# ', '12:00:00.1 IP 172.17.0.2 > 172.17.0.3: ICMP echo request\r\n'];
      // sleep: the prompt comes back after the job's late line above
      if (line.startsWith('sleep')) return ['', '', '', 'root@node1:~# '];
      return [`${line.replace(/^echo /, '')}\r\nroot@node1:~# `];
    });
    const replayer = new TerminalReplayer(terminal, { node: 'node1', lineTimeoutMs: 2_000, nestedIdleMs: 200 });
    await replayer.ready();
    const started = Date.now();
    const records = [];
    for (const line of ['tcpdump -n -i docker0 &', 'ping -c 1 172.17.0.3', 'sleep 1', 'echo after']) records.push(await replayer.type(line));
    replayer.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(records.map((r) => r.exit)).toEqual([0, 0, 0, 0]);
    const shown = records.map((r) => r.output).join('');
    expect(shown).toContain('listening on docker0\n');
    expect(shown).toContain('ICMP echo request\n');
    expect(records[0]?.output.startsWith('[1] 42\n')).toBe(true);
    expect(records[3]?.output.endsWith('after\n')).toBe(true);
  });
});

describe('a line whose prompt-like output was not a shell reading input', () => {
  /**
   * `timeout -s INT 1 docker attach --no-stdin a1` to a TTY container: the container's shell redraws
   * `/ # `, the attach reads no input, so what is typed waits in the host's tty (raw, no echo) until
   * the attach ends; then bash shows its prompt, reads the waiting status line and runs it.
   */
  function attachTerminal(): TerminalStream {
    const listeners = new Set<(bytes: Uint8Array) => void>();
    const show = (text: string) => {
      for (const listener of listeners) listener(new TextEncoder().encode(text));
    };
    let typed = '';
    let waiting: string[] | undefined;
    setTimeout(() => show('root@node1:~# '), 0);
    const run = (line: string) => {
      if (line.includes('__vl_exit')) show(`${line}\r\n__vl_exit=0\r\nroot@node1:~# `);
      else if (line.startsWith('timeout')) {
        show(`${line}\r\n/ # `);
        waiting = [];
        setTimeout(() => {
          show('\r\nroot@node1:~# ');
          // bash reads what waited a moment after its prompt, in order, with what is typed meanwhile
          setTimeout(() => {
            const queued = waiting ?? [];
            waiting = undefined;
            for (const [i, l] of queued.entries()) {
              if (i === 0) show(`${l}\r\n__vl_exit=124\r\nroot@node1:~# `);
              else run(l);
            }
          }, 150);
        }, 1_500);
      } else show(`${line}\r\n${line.replace(/^echo /, '')}\r\nroot@node1:~# `);
    };
    return {
      write(bytes) {
        typed += new TextDecoder().decode(bytes);
        if (!typed.endsWith('\r')) return;
        const line = typed.slice(0, -1);
        typed = '';
        if (waiting !== undefined) waiting.push(line);
        else run(line);
      },
      onData(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      resize() {
        return undefined;
      },
    };
  }

  it('waits for the status line to run, so the next lines stay in step', async () => {
    const replayer = new TerminalReplayer(attachTerminal(), { node: 'node1', lineTimeoutMs: 5_000, nestedIdleMs: 200 });
    await replayer.ready();
    const records = [];
    for (const line of ['timeout -s INT 1 docker attach --no-stdin a1', 'echo one', 'echo two']) records.push(await replayer.type(line));
    replayer.close();
    expect(records).toEqual([
      { cmd: 'timeout -s INT 1 docker attach --no-stdin a1', output: '', exit: 124 },
      { cmd: 'echo one', output: 'one\n', exit: 0 },
      { cmd: 'echo two', output: 'two\n', exit: 0 },
    ]);
  });
});

describe('keys pressed while a line runs', () => {
  /** A terminal whose `sleep 10` runs until Ctrl-Z stops it; other lines echo their words. */
  function suspendableTerminal(): { terminal: TerminalStream; received: string[] } {
    const listeners = new Set<(bytes: Uint8Array) => void>();
    const received: string[] = [];
    const show = (text: string) => {
      for (const listener of listeners) listener(new TextEncoder().encode(text));
    };
    let typed = '';
    let sleeping = false;
    let status = 0;
    setTimeout(() => show('root@node1:~# '), 0);
    const terminal: TerminalStream = {
      write(bytes) {
        const text = new TextDecoder().decode(bytes);
        received.push(text);
        if (text === '\x1a') {
          if (sleeping) show('^Z\r\n[1]+  Stopped                 sleep 10\r\nroot@node1:~# ');
          if (sleeping) status = 148;
          sleeping = false;
          return;
        }
        typed += text;
        if (!typed.endsWith('\r')) return;
        const line = typed.slice(0, -1);
        typed = '';
        if (line === 'sleep 10') {
          show(`${line}\r\n`);
          sleeping = true;
        } else if (line.includes('__vl_exit')) show(`${line}\r\n__vl_exit=${status}\r\nroot@node1:~# `);
        else {
          status = 0;
          show(`${line}\r\n${line.replace(/^echo /, '')}\r\nroot@node1:~# `);
        }
      },
      onData(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      resize() {
        return undefined;
      },
    };
    return { terminal, received };
  }

  it('presses Ctrl-Z at its time, and not a key still due once the prompt is back', async () => {
    const { terminal, received } = suspendableTerminal();
    const replayer = new TerminalReplayer(terminal, { node: 'node1', lineTimeoutMs: 5_000, nestedIdleMs: 2_000 });
    await replayer.ready();
    const stopped = await replayer.type('sleep 10', [{ afterMs: 200, key: 'suspend' }]);
    const quick = await replayer.type('echo hi', [{ afterMs: 1_000, key: 'suspend' }]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    replayer.close();
    expect(stopped).toEqual({ cmd: 'sleep 10', output: '^Z\n[1]+  Stopped                 sleep 10\n', exit: 148 });
    expect(quick).toEqual({ cmd: 'echo hi', output: 'hi\n', exit: 0 });
    expect(received.filter((r) => r === '\x1a')).toHaveLength(1);
  });
});
