/**
 * bash job control (issue #13): stopped jobs, bg, fg, kill with STOP/TSTP/CONT, and a background
 * shell stopped for reading the terminal, against tests/fidelity/recordings/jobs.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { newSandbox } from '../sim/run-program.ts';

/** Type `lines` at the prompts of a fresh sandbox; what each showed, without the `[N] PID` and `[N]+  Done` notices (as the fidelity comparison). */
async function typed(lines: string[]): Promise<string[]> {
  const sandbox = newSandbox(5);
  const outputs: string[] = [];
  await sandbox.replay(lines, (r) => outputs.push(r.output.replace(/^\[\d+\] \d+\n/gm, '').replace(/^\[\d+\][+ -] {2}(?:Done|Exit \d+|Terminated)\s.*\n/gm, '')));
  await sandbox.close();
  return outputs;
}

describe('job control', () => {
  it("reports a job a signal ended in bash's words, and its status is 128 + the signal", async () => {
    const sandbox = newSandbox(5);
    const outputs: string[] = [];
    await sandbox.replay(['sleep 30 &', 'kill %1', 'sleep 30 &', 'kill -9 %1', 'sleep 30 & kill -INT %1; wait %1; echo $?'], (r) => outputs.push(r.output.replace(/^\[\d+\] \d+\n/gm, '')));
    await sandbox.close();
    expect(outputs.slice(0, 4)).toEqual(['', '[1]+  Terminated              sleep 30\n', '', '[1]+  Killed                  sleep 30\n']);
    // whether bash also reports the waited-for job is not recorded: only its status is asserted
    expect(outputs[4]?.split('\n')).toContain('130');
  });

  it('kill -STOP stops a job, bash reports it after the next program, bg continues it', async () => {
    const [out] = await typed(['sleep 30 & sleep 0.5; kill -STOP %1; sleep 0.5; jobs; bg; jobs; kill %1']);
    expect(out).toBe(['', '[1]+  Stopped                 sleep 30', '[1]+  Stopped                 sleep 30', '[1]+ sleep 30 &', '[1]+  Running                 sleep 30 &', ''].join('\n'));
  });

  it('bg on a running job says it is already in the background', async () => {
    const [out] = await typed(['sleep 30 & bg %1; kill %1']);
    expect(out).toBe('bash: bg: job 1 already in background\n');
  });

  it('a stopped ping sends nothing until fg continues it', async () => {
    const [out = ''] = await typed(['ping -c 3 127.0.0.1 & sleep 0.5; kill -TSTP %1; sleep 2; jobs; fg']);
    const lines = out.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.',
      expect.stringMatching(/^64 bytes from 127\.0\.0\.1: icmp_seq=1 /),
      '',
      '[1]+  Stopped                 ping -c 3 127.0.0.1',
      '[1]+  Stopped                 ping -c 3 127.0.0.1',
    ]);
    expect(lines[5]).toBe('ping -c 3 127.0.0.1');
    expect(lines[6]).toMatch(/icmp_seq=2 /);
    expect(out).toContain('3 packets transmitted, 3 received, 0% packet loss');
  });

  it('a background shell stops for the terminal (SIGTTIN) and fg gives it the terminal', async () => {
    const outputs = await typed(['sh & sleep 1; jobs', 'fg', 'echo in the shell', 'exit', 'jobs']);
    expect(outputs[0]).toBe('\n[1]+  Stopped                 sh\n[1]+  Stopped                 sh\n');
    expect(outputs[1]).toBe('sh\n');
    expect(outputs[2]).toBe('in the shell\n');
    expect(outputs[4]).toBe('');
  });

  it('kill on a stopped job ends it', async () => {
    const outputs = await typed(['sleep 30 & sleep 0.5; kill -STOP %1; sleep 0.5; kill %1; sleep 0.5; jobs', 'jobs']);
    expect(outputs[0]).toMatch(/^\n\[1\]\+ {2}Stopped {17}sleep 30\n/);
    expect(outputs[1]).toBe('');
  });
});
