/**
 * docker attach (issue #13), against tests/fidelity/recordings/attach.jsonl: typing into a -dit
 * busybox shell, detaching, `exit` stopping the container, a detached nginx's output and Ctrl-C
 * with and without --sig-proxy, and the CLI's refusals.
 */
import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';
import { openTerminal } from '../tty/open-terminal.ts';

async function sandboxWith(...lines: string[]): Promise<SimSandbox> {
  const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(5) }) });
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}

/** Replay typed lines (into whichever shell is in front) and return each line's record. */
async function typed(sandbox: SimSandbox, lines: string[]): Promise<{ cmd: string; output: string; exit: number }[]> {
  const records: { cmd: string; output: string; exit: number }[] = [];
  await sandbox.replay(lines, (r) => records.push(r));
  return records;
}

const status = "docker ps -a --format '{{.Names}} {{.Status}}'";

describe('docker attach to a -dit busybox shell', () => {
  it('redraws the prompt, runs what is typed in the container, and exit stops the container with its status', async () => {
    const s = await sandboxWith('docker run -dit --name a1 busybox sh');
    const records = await typed(s, ['docker attach a1', 'hostname', 'exit 3', status]);
    expect(records[0]).toMatchObject({ cmd: 'docker attach a1', output: '\r/ # \x1b[J' });
    expect(records[1]?.output).toMatch(/^[0-9a-f]{12}\n$/);
    expect(records[2]).toMatchObject({ cmd: 'exit 3', exit: 3 });
    expect(records[3]?.output).toMatch(/^a1 Exited \(3\) /);
  });

  it('Ctrl-P Ctrl-Q detaches with "read escape sequence" and the container keeps running', async () => {
    const t = openTerminal({ simulation: createSimulation({ clock: new RealClock(), random: seededRandom(3) }) });
    await t.typeAndSettle('docker run -dit --name a1 busybox sh\r');
    await t.typeAndSettle('docker attach a1\r');
    expect(t.screen.cursorLine()).toBe('/ #');
    await t.typeAndSettle('echo inside\r');
    expect(t.screen.text()).toContain('inside\n/ #');
    await t.typeAndSettle('\x10\x11');
    expect(t.screen.text()).toContain('read escape sequence');
    expect(t.screen.cursorLine()).toMatch(/^root@\S+:~#$/);
    expect((await t.sandbox.exec(status)).output).toMatch(/^a1 Up/);
  });

  it('--no-stdin only shows the redraws; Ctrl-C ends the CLI and leaves the container running', async () => {
    const s = await sandboxWith('docker run -dit --name a1 busybox sh');
    expect(await s.exec('timeout -s INT 2 docker attach --no-stdin a1')).toEqual({ output: '\r/ # \x1b[J', exit: 124 });
    expect((await s.exec(status)).output).toMatch(/^a1 Up/);
  });
});

describe('docker attach to a detached nginx', () => {
  it('with --sig-proxy=false Ctrl-C leaves nginx running; by default the CLI passes SIGINT on and nginx exits 0', async () => {
    const s = await sandboxWith('docker run -d --name web nginx');
    expect(await s.exec('timeout -s INT 2 docker attach --sig-proxy=false web')).toEqual({ output: '', exit: 124 });
    expect((await s.exec(status)).output).toMatch(/^web Up/);
    expect((await s.exec('timeout -s INT 2 docker attach web')).exit).toBe(124);
    expect((await s.exec(status)).output).toMatch(/^web Exited \(0\) /);
    expect(await s.exec('docker attach web')).toEqual({ output: 'You cannot attach to a stopped container, start it first\n', exit: 1 });
  });

  it("streams what the main process writes while attached: nginx's access log line for a request", async () => {
    const t = openTerminal({ simulation: createSimulation({ clock: new RealClock(), random: seededRandom(3) }) });
    await t.typeAndSettle('docker run -d --name web nginx\r');
    await t.typeAndSettle('docker attach --sig-proxy=false web\r');
    expect((await t.sandbox.exec('wget -qO- 172.17.0.2 >/dev/null')).exit).toBe(0);
    await t.typeAndSettle('');
    expect(t.screen.text()).toMatch(/=false web\n172\.17\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget/);
    await t.typeAndSettle('\x03');
    expect(t.screen.cursorLine()).toMatch(/^root@\S+:~#$/);
    expect((await t.sandbox.exec(status)).output).toMatch(/^web Up/);
  });
});

describe('docker attach refusals', () => {
  it('answers like the 20.10 CLI', async () => {
    const s = await sandboxWith('docker create --name c1 busybox', 'docker run -d --name web nginx');
    expect(await s.exec('docker attach nosuch')).toEqual({ output: 'Error: No such container: nosuch\n', exit: 1 });
    expect(await s.exec('docker attach c1')).toEqual({ output: 'You cannot attach to a stopped container, start it first\n', exit: 1 });
    expect(await s.exec('docker attach --detach-keys=bogus web')).toEqual({ output: 'Unrecognized input header: 73\n', exit: 1 });
    expect(await s.exec('docker attach --bogus web')).toEqual({ output: "unknown flag: --bogus\nSee 'docker attach --help'.\n", exit: 125 });
    expect((await s.exec('docker attach')).output).toMatch(/^"docker attach" requires exactly 1 argument\./);
    expect((await s.exec('docker pause web')).exit).toBe(0);
    expect(await s.exec('docker attach web')).toEqual({ output: 'You cannot attach to a paused container, unpause it first\n', exit: 1 });
  });
});

describe('docker logs keeps the stream of every line', () => {
  it('writes stderr lines to its stderr, so a pipe sees only stdout', async () => {
    const s = await sandboxWith("docker run -d --name mixed busybox sh -c 'echo out1; echo err1 >&2; echo out2; sleep 300'", 'sleep 1');
    expect((await s.exec('docker logs mixed 2>/dev/null')).output).toBe('out1\nout2\n');
    expect((await s.exec('docker logs mixed 2>&1 >/dev/null')).output).toBe('err1\n');
    expect((await s.exec('docker logs mixed | tail -n 1')).output).toBe('err1\nout2\n');
    expect((await s.exec('docker logs --tail 2 mixed 2>/dev/null')).output).toBe('out2\n');
  });

  it('a TTY merges both streams into stdout', async () => {
    const s = await sandboxWith("docker run -dt --name t1 busybox sh -c 'echo tty out; echo tty err >&2; sleep 300'", 'sleep 1');
    expect((await s.exec('docker logs t1 2>/dev/null')).output).toBe('tty out\ntty err\n');
  });
});
