/**
 * More than one terminal per node: `node1/2` is another login shell on node1 in the same sandbox,
 * with its own line discipline, so what one terminal does to the model the other sees, and Ctrl-C
 * in one interrupts only its own foreground command.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/sandbox/sim/clock.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { parseClientControl } from '../../../src/sandbox/protocol.ts';
import { parseTerminalName, terminalName } from '../../../src/sandbox/terminal-name.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import type { TerminalStream } from '../../../src/sandbox/driver.ts';

function screen(stream: TerminalStream): { text: () => string; type: (s: string) => void } {
  let text = '';
  stream.onData((bytes) => (text += new TextDecoder().decode(bytes)));
  return { text: () => text, type: (s) => stream.write(new TextEncoder().encode(s)) };
}

async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('several terminals on one node', () => {
  it('share the sandbox: a container made in one is listed in the other; Ctrl-C stays in its terminal', async () => {
    const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new RealClock(), random: seededRandom(7) }) });
    const first = screen(sandbox.terminal('node1'));
    const second = screen(sandbox.terminal('node1/2'));
    expect(sandbox.terminal('node1/2')).toBe(sandbox.terminal('node1/2'));
    await until(() => first.text().endsWith('# ') && second.text().endsWith('# '), 'both prompts');
    first.type('docker run -dit --name made-in-one busybox\r');
    await until(() => /\n[0-9a-f]{64}\r?\n.*# $/.test(first.text()), 'docker run');
    second.type('docker ps --format {{.Names}}\r');
    await until(() => second.text().includes('made-in-one'), 'docker ps in the second terminal');
    // A ping that runs until interrupted in the first; Ctrl-C in the second leaves it running.
    first.type('ping 127.0.0.1\r');
    await until(() => first.text().includes('seq=1'), 'the ping');
    second.type('\x03');
    await until(() => second.text().endsWith('^C\r\nroot@node1:~# '), 'the second prompt after ^C');
    const before = (first.text().match(/seq=/g) ?? []).length;
    await until(() => (first.text().match(/seq=/g) ?? []).length > before, 'the ping going on');
    expect(first.text()).not.toContain('packets transmitted');
    first.type('\x03');
    await until(() => first.text().includes('packets transmitted'), 'the ping ending on its own Ctrl-C');
    await sandbox.close();
  });

  it('names: node1 is the first, node1/2 the second', () => {
    expect(terminalName('node1')).toBe('node1');
    expect(terminalName('node1', 2)).toBe('node1/2');
    expect(parseTerminalName('node2/3')).toEqual({ node: 'node2', shell: 3 });
    expect(parseTerminalName('node2')).toEqual({ node: 'node2', shell: 1 });
  });

  it('hello picks a terminal by number, 1 to 4', () => {
    const hello = (shell: unknown) => parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, node: 'node1', shell }));
    expect(hello(2)).toEqual({ ok: true, value: { type: 'hello', version: 1, cols: 80, rows: 24, node: 'node1', shell: 2 } });
    expect(hello(1)).toEqual({ ok: true, value: { type: 'hello', version: 1, cols: 80, rows: 24, node: 'node1' } });
    for (const bad of [0, 5, 1.5, '2']) expect(hello(bad).ok).toBe(false);
  });
});
