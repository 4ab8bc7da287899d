/**
 * Ctrl-Z (issue #13): the tty's SIGTSTP stops the foreground pipeline, which becomes a stopped job
 * of the shell, against tests/fidelity/recordings/job-keys.jsonl (keys pressed on the replay's
 * clock, as the recorder presses them on a pseudo-terminal).
 */
import { describe, expect, it } from 'vitest';
import { LineDiscipline } from '../../../src/sandbox/sim/tty/line-discipline.ts';
import { parseKeysDirective, type TimedKey } from '../../../src/sandbox/sim/shell/scripted-terminal.ts';
import { newSandbox } from '../sim/run-program.ts';

/** Type `lines` at the prompts of a fresh sandbox, pressing `keys` (by line) while they run. */
async function typed(lines: string[], keys: Record<number, TimedKey[]>): Promise<{ output: string; exit: number }[]> {
  const sandbox = newSandbox(5);
  const records: { output: string; exit: number }[] = [];
  await sandbox.replay(lines, (r) => records.push({ output: r.output, exit: r.exit }), { keys: new Map(Object.entries(keys).map(([i, k]) => [Number(i), k])) });
  await sandbox.close();
  return records;
}

const ctrlZ = (seconds: number): TimedKey => ({ afterMs: seconds * 1000, key: 'suspend' });

describe('Ctrl-Z', () => {
  it('stops a foreground ping; jobs lists it; fg goes on where it stopped', async () => {
    const [r] = await typed(['ping -c 3 127.0.0.1; jobs; fg'], { 0: [ctrlZ(1.5)] });
    const lines = (r?.output ?? '').split('\n');
    expect(lines.slice(3, 7)).toEqual(['^Z', '[1]+  Stopped                 ping -c 3 127.0.0.1', '[1]+  Stopped                 ping -c 3 127.0.0.1', 'ping -c 3 127.0.0.1']);
    expect(lines[7]).toMatch(/icmp_seq=3 /);
    expect(r?.output).toContain('3 packets transmitted, 3 received, 0% packet loss');
  });

  it('the stopped command has status 148 and the rest of the line runs (not what follows &&)', async () => {
    const [r] = await typed(['sleep 10 && echo not reached; echo "status $?"; bg; jobs; kill %1'], { 0: [ctrlZ(0.5)] });
    expect(r?.output).toBe('^Z\n[1]+  Stopped                 sleep 10\nstatus 148\n[1]+ sleep 10 &\n[1]+  Running                 sleep 10 &\n[1]+  Terminated              sleep 10\n');
  });

  it('stops a whole pipeline, shown as typed', async () => {
    const [r] = await typed(['sleep 10 | cat; jobs; kill %1'], { 0: [ctrlZ(0.5)] });
    expect(r?.output.split('\n').slice(0, 3)).toEqual(['^Z', '[1]+  Stopped                 sleep 10 | cat', '[1]+  Stopped                 sleep 10 | cat']);
  });

  it('stops a job brought back by fg again', async () => {
    const [r] = await typed(['sleep 2; fg; echo "status $?"; jobs; kill -9 %1'], { 0: [ctrlZ(0.5), ctrlZ(1)] });
    expect(r?.output.split('\n').slice(0, 7)).toEqual([
      '^Z',
      '[1]+  Stopped                 sleep 2',
      'sleep 2',
      '^Z',
      '[1]+  Stopped                 sleep 2',
      'status 148',
      '[1]+  Stopped                 sleep 2',
    ]);
  });

  it('a stopped tcpdump prints nothing until it is continued', async () => {
    const [r] = await typed(['tcpdump -n -i lo -c 2 icmp', 'ping -c 1 127.0.0.1 >/dev/null; jobs', 'fg'], { 0: [ctrlZ(0.5)] });
    expect(r?.output).not.toContain('ICMP');
    const [, second, third] = await typed(['tcpdump -n -i lo -c 2 icmp', 'ping -c 1 127.0.0.1 >/dev/null; jobs', 'fg'], { 0: [ctrlZ(0.5)] });
    expect(second?.output).toBe('[1]+  Stopped                 tcpdump -n -i lo -c 2 icmp\n');
    expect(third?.output).toMatch(/^tcpdump -n -i lo -c 2 icmp\n.*ICMP echo request.*\n.*ICMP echo reply.*\n2 packets captured/);
  });
});

describe('the tty', () => {
  it('echoes ^Z and calls the innermost job that can be stopped', () => {
    const tty = new LineDiscipline();
    let shown = '';
    tty.onOutput((b) => (shown += new TextDecoder().decode(b)));
    const calls: string[] = [];
    tty.foreground(new AbortController());
    tty.foreground(new AbortController(), () => calls.push('outer'));
    tty.foreground(new AbortController(), () => calls.push('inner'));
    tty.foreground(new AbortController());
    tty.input(new TextEncoder().encode('typed ahead\x1a'));
    expect(shown).toBe('^Z');
    expect(calls).toEqual(['inner']);
  });

  it('keeps a Ctrl-Z typed before the job starts for the job', () => {
    const tty = new LineDiscipline();
    tty.input(new TextEncoder().encode('\x1a'));
    let stopped = false;
    tty.foreground(new AbortController(), () => (stopped = true));
    expect(stopped).toBe(true);
  });

  it('reads `# @keys` lines of a replay file', () => {
    expect(parseKeysDirective('# @keys 1.5 ^Z')).toEqual([{ afterMs: 1500, key: 'suspend' }]);
    expect(parseKeysDirective('# @keys 0.5 ^Z 2 ^C')).toEqual([
      { afterMs: 500, key: 'suspend' },
      { afterMs: 2000, key: 'interrupt' },
    ]);
    expect(parseKeysDirective('# @keys soon ^Z')).toBeUndefined();
    expect(parseKeysDirective('# a comment')).toBeUndefined();
  });
});

describe('cat and the terminal (SIGTTIN)', () => {
  it('cat & stops for the terminal; a piped cat & does not', async () => {
    const [stopped, piped] = await typed(['cat & sleep 1; jobs; kill %1', 'echo piped | cat & wait'], {});
    expect(stopped?.output).toMatch(/^\[1\] \d+\n\n\[1\]\+ {2}Stopped {17}cat\n\[1\]\+ {2}Stopped {17}cat\n/);
    expect(piped?.output).toMatch(/^\[1\] \d+\npiped\n/);
  });

  it('a foreground cat waits for the keys of its line: Ctrl-Z stops it, Ctrl-C kills it', async () => {
    const [stopped, killed] = await typed(['cat; echo "status $?"; jobs; kill %1', 'cat; echo "status $?"'], { 0: [ctrlZ(0.5)], 1: [{ afterMs: 500, key: 'interrupt' }] });
    expect(stopped?.output).toBe('^Z\n[1]+  Stopped                 cat\nstatus 148\n[1]+  Stopped                 cat\n[1]+  Terminated              cat\n');
    expect(killed).toEqual({ output: '^C', exit: 130 });
  });
});
