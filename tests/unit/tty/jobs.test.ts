import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';
import { openTerminal } from './open-terminal.ts';

const PROMPT = 'root@node1:~# ';

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Ctrl-C', () => {
  it('at the prompt prints ^C and a fresh prompt, and sets $? to 130', async () => {
    const t = openTerminal();
    t.type('echo never\x03');
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.text()).toBe([`${PROMPT}echo never^C`, `${PROMPT}echo $?`, '130', PROMPT.trimEnd()].join('\n'));
  });

  it('interrupts a running ping-like program and returns to the prompt', async () => {
    const t = openTerminal();
    t.type('ping box2\r');
    await waitFor(() => t.raw().includes('seq=0'));
    t.type('\x03');
    await waitFor(() => t.screen.cursorLine() === PROMPT.trimEnd());
    expect(t.screen.text()).toBe(
      [
        `${PROMPT}ping box2`,
        'PING box2 (172.18.0.3): 56 data bytes',
        '64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.080 ms',
        '^C',
        '--- box2 ping statistics ---',
        '1 packets transmitted, 1 packets received, 0% packet loss',
        PROMPT.trimEnd(),
      ].join('\n'),
    );
  });

  it('lets the rest of a line run after a program that handles it (ping), not after one it kills (sleep)', async () => {
    const t = openTerminal();
    t.type('ping box2; echo after-ping\r');
    await waitFor(() => t.raw().includes('seq=0'));
    t.type('\x03');
    await waitFor(() => t.raw().includes('after-ping\r\n'));
    t.type('sleep 5; echo after-sleep\r');
    await t.settle();
    t.type('\x03');
    await waitFor(() => t.screen.cursorLine() === PROMPT.trimEnd());
    expect(t.screen.text().split('\n')).not.toContain('after-sleep');
    expect(t.screen.text().split('\n')).toContain('after-ping');
    expect(t.screen.line(-2)).toBe('^C');
  });

  it('detaches a program that ignores it so the prompt comes back', async () => {
    const t = openTerminal();
    await t.typeAndSettle('stubborn\r');
    t.type('\x03');
    await waitFor(() => t.screen.cursorLine() === PROMPT.trimEnd());
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.line(-2)).toBe('130');
  });

  it('discards type-ahead typed before it, as a tty flushes its input on SIGINT', async () => {
    const t = openTerminal();
    await t.typeAndSettle('sleep 5\r');
    t.type('echo lost\r');
    t.type('\x03');
    await waitFor(() => t.screen.cursorLine() === PROMPT.trimEnd());
    await t.settle();
    expect(t.raw()).not.toContain('lost');
  });
});

describe('type-ahead', () => {
  it('type-ahead typed during a command runs after it', async () => {
    const t = openTerminal();
    t.type('sleep 0.05\r');
    await t.settle();
    t.type('echo typed-ahead\r');
    expect(t.raw()).not.toContain('typed-ahead');
    await waitFor(() => t.raw().includes('typed-ahead\r\n'));
    expect(t.screen.text()).toBe([`${PROMPT}sleep 0.05`, `${PROMPT}echo typed-ahead`, 'typed-ahead', PROMPT.trimEnd()].join('\n'));
  });

  it('runs a pasted block of lines one after another', async () => {
    const t = openTerminal();
    t.type('echo 1\recho 2\recho 3\r');
    await waitFor(() => t.raw().includes('3\r\n'));
    expect(t.screen.text()).toBe([`${PROMPT}echo 1`, '1', `${PROMPT}echo 2`, '2', `${PROMPT}echo 3`, '3', PROMPT.trimEnd()].join('\n'));
  });

  it('bounds type-ahead and beeps when it is full', async () => {
    const t = openTerminal();
    await t.typeAndSettle('sleep 5\r');
    for (let i = 0; i < 20; i++) t.type('x'.repeat(8192));
    expect(t.screen.bells).toBeGreaterThan(0);
    t.type('\x03');
  });
});

describe('Ctrl-D', () => {
  it('on an empty line exits the login shell and a new one starts', async () => {
    const t = openTerminal();
    await t.typeAndSettle('\x04');
    expect(t.screen.text()).toBe([`${PROMPT}exit`, PROMPT.trimEnd()].join('\n'));
  });

  it('inside a container returns to the host', async () => {
    const t = openTerminal();
    await t.typeAndSettle('docker run -it busybox sh\r');
    expect(t.screen.cursorLine()).toBe('/ #');
    await t.typeAndSettle('\x04');
    expect(t.screen.cursorLine()).toBe(PROMPT.trimEnd());
  });
});

describe('Ctrl-Z', () => {
  it('stops a running ping: ^Z, the Stopped notice and the prompt; fg continues it where it stopped', async () => {
    const t = openTerminal();
    t.type('ping box2\r');
    await waitFor(() => t.raw().includes('seq=0'));
    t.type('\x1a');
    await waitFor(() => t.screen.cursorLine() === PROMPT.trimEnd());
    expect(t.screen.text()).toBe(
      [`${PROMPT}ping box2`, 'PING box2 (172.18.0.3): 56 data bytes', '64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.080 ms', '^Z', '[1]+  Stopped                 ping box2', PROMPT.trimEnd()].join(
        '\n',
      ),
    );
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.line(-2)).toBe('148');
    t.type('fg\r');
    await waitFor(() => t.raw().includes('seq=1'));
    t.type('\x03');
    await waitFor(() => t.raw().includes('packets transmitted'));
    expect(t.screen.text()).toContain(`${PROMPT}fg\nping box2\n64 bytes from 172.18.0.3: seq=1`);
  });

  it('at the prompt does nothing (bash ignores SIGTSTP)', async () => {
    const t = openTerminal();
    t.type('echo on\x1a');
    await t.typeAndSettle('\r');
    expect(t.screen.text()).toBe([`${PROMPT}echo on`, 'on', PROMPT.trimEnd()].join('\n'));
  });
});

describe('a program reading the terminal (cat)', () => {
  const simulated = () => openTerminal({ simulation: createSimulation({ clock: new RealClock(), random: seededRandom(7) }) });

  it('echoes what is typed, prints each line on Enter and ends at Ctrl-D', async () => {
    const t = simulated();
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('cat; echo "status $?"\r');
    await t.settle();
    await t.typeAndSettle('one\r');
    await t.typeAndSettle('two\r\x04');
    await waitFor(() => t.raw().endsWith(PROMPT));
    expect(t.screen.text()).toBe([`${PROMPT}cat; echo "status $?"`, 'one', 'one', 'two', 'two', 'status 0', PROMPT.trimEnd()].join('\n'));
  });

  it('is killed by Ctrl-C, which ends the line', async () => {
    const t = simulated();
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('cat; echo after\r');
    await t.settle();
    t.type('half a line\x03');
    await waitFor(() => t.raw().endsWith(PROMPT));
    await t.typeAndSettle('echo $?\r');
    expect(t.screen.text()).toBe([`${PROMPT}cat; echo after`, '^C', `${PROMPT}echo $?`, '130', PROMPT.trimEnd()].join('\n'));
  });

  it('is stopped by Ctrl-Z and reads again after fg', async () => {
    const t = simulated();
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('cat\r');
    await t.settle();
    t.type('\x1a');
    await waitFor(() => t.raw().endsWith(PROMPT));
    expect(t.screen.text()).toBe([`${PROMPT}cat`, '^Z', '[1]+  Stopped                 cat', PROMPT.trimEnd()].join('\n'));
    t.type('fg\r');
    await t.settle();
    await t.typeAndSettle('back\r\x04');
    await waitFor(() => t.raw().endsWith(PROMPT));
    expect(t.screen.text()).toContain(`${PROMPT}fg\ncat\nback\nback\n${PROMPT.trimEnd()}`);
  });

  it('in the background stops for the terminal (SIGTTIN) until fg gives it the terminal', async () => {
    const t = simulated();
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('cat &\r');
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('sleep 0.2; jobs\r');
    await waitFor(() => t.raw().includes('Stopped                 cat\r\n[1]+'));
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('fg\r');
    await t.settle();
    await t.typeAndSettle('typed\r\x04');
    await waitFor(() => t.raw().endsWith(PROMPT));
    expect(t.screen.text()).toContain(`${PROMPT}fg\ncat\ntyped\ntyped\n${PROMPT.trimEnd()}`);
  });
});

describe('a cat stopped by Ctrl-Z and continued by bg', () => {
  it('stops again for the terminal (SIGTTIN), leaving the prompt to the shell', async () => {
    const t = openTerminal({ simulation: createSimulation({ clock: new RealClock(), random: seededRandom(7) }) });
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('cat\r');
    await t.settle();
    t.type('\x1a');
    await waitFor(() => t.raw().endsWith(PROMPT));
    t.type('bg\r');
    await waitFor(() => t.raw().endsWith(`[1]+ cat &\r\n${PROMPT}`));
    await t.typeAndSettle('echo still here\r');
    await waitFor(() => t.raw().endsWith(PROMPT));
    expect(t.screen.text()).toContain(`${PROMPT}echo still here\nstill here\n\n[1]+  Stopped                 cat\n${PROMPT.trimEnd()}`);
  });
});
