import { describe, expect, it } from 'vitest';
import { openTerminal } from '../tty/open-terminal.ts';
import { FakeSimulation } from './fake-simulation.ts';
import { typeLines } from './typed-lines.ts';

const PROMPT = 'root@node1:~# ';

describe('nested shells', () => {
  it('docker run -it enters the container shell; exit returns its status to docker', async () => {
    const records = await typeLines(['docker run -it busybox sh', 'echo inside', 'nosuch', 'exit 5', 'echo $?']);
    expect(records).toEqual([
      { cmd: 'docker run -it busybox sh', output: '', exit: 0 },
      { cmd: 'echo inside', output: 'inside\n', exit: 0 },
      { cmd: 'nosuch', output: 'sh: nosuch: not found\n', exit: 127 },
      { cmd: 'exit 5', output: '', exit: 5 },
      { cmd: 'echo $?', output: '5\n', exit: 0 },
    ]);
  });

  it('shows the container prompt on the terminal and the host prompt after exit', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    expect(t.screen.cursorLine()).toBe('/ #');
    await t.typeAndSettle('docker ps\r');
    expect(t.screen.line(-2)).toBe('sh: docker: not found');
    await t.typeAndSettle('exit\r');
    expect(t.screen.cursorLine()).toBe(PROMPT.trimEnd());
  });

  it('keeps a history per shell', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo on-host\r');
    await t.typeAndSettle('docker run -it busybox sh\r');
    t.type('\x1b[A');
    expect(t.screen.cursorLine()).toBe('/ #');
    t.type('\x15exit\r');
    await t.settle();
    t.type('\x1b[A\x1b[A');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo on-host`);
  });

  it('ends when its container stops, and the host prompt returns', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    t.type('echo half-typ');
    const check = await t.sandbox.exec('docker stop c1');
    expect(check).toEqual({ exit: 0, output: 'c1\n' });
    const until = Date.now() + 2000;
    while (t.screen.cursorLine() !== PROMPT.trimEnd() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(t.screen.text()).toBe([`${PROMPT}docker run -it busybox sh`, '/ # echo half-typ', PROMPT.trimEnd()].join('\n'));
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.line(-2)).toBe('137');
  });

  it('detaches from docker run -it with Ctrl-P Ctrl-Q, leaving the container running', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    await t.typeAndSettle('\x10\x11');
    // Nothing is printed: the host prompt follows the container's on the same line.
    expect(t.screen.cursorLine()).toBe(`/ # ${PROMPT.trimEnd()}`);
    expect(t.simulation.containers.get('c1')?.alive).toBe(true);
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.line(-2)).toBe('0');
  });

  it('passes a lone Ctrl-P on as history-up inside a docker session', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    await t.typeAndSettle('echo one\r');
    await t.typeAndSettle('\x10x');
    expect(t.screen.cursorLine()).toBe('/ # echo onex');
  });

  it('keeps Ctrl-P as history-up at the host prompt', async () => {
    const t = openTerminal();
    await t.typeAndSettle('echo on-host\r');
    await t.typeAndSettle('\x10\x11');
    expect(t.screen.cursorLine()).toBe(`${PROMPT}echo on-host`);
  });

  it('detaches a shell started inside the session along with it', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    await t.typeAndSettle('sh\r');
    await t.typeAndSettle('\x10\x11');
    expect(t.screen.cursorLine()).toBe(`/ # ${PROMPT.trimEnd()}`);
  });

  it('refuses to nest deeper than 8 shells, clearly', async () => {
    const simulation = new FakeSimulation();
    // The fake's containers have no docker; let every target run the host's programs.
    const lookup = simulation.lookup.bind(simulation);
    simulation.lookup = (target, name) => lookup({ node: target.node }, name);
    const records = await typeLines(Array(8).fill('docker run -it busybox sh'), simulation);
    expect(records[7]?.output).toBe('sh: cannot start sh: 8 nested shells is the limit here; type exit to leave one\n');
    expect(records[7]?.exit).toBe(1);
  });

  it('is refused on a hidden exec, which has no terminal', async () => {
    const t = openTerminal({ simulation: new FakeSimulation() });
    const result = await t.sandbox.exec('docker run -it busybox sh');
    expect(result).toEqual({ exit: 1, output: 'docker: simulator error: the input device is not a TTY\n' });
  });
});
