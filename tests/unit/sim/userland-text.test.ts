import { describe, expect, it } from 'vitest';
import { newSim, run } from './run-program.ts';

const TEXT = 'alpha 1\nbeta 2\ngamma 3\nalphabet 4\n';

describe('text filters', () => {
  it('grep matches, inverts, counts and fails with 1 when nothing matches', async () => {
    const sim = newSim();
    expect((await run(sim, 'grep alpha', { stdin: TEXT })).out).toBe('alpha 1\nalphabet 4\n');
    expect((await run(sim, 'grep -v alpha', { stdin: TEXT })).out).toBe('beta 2\ngamma 3\n');
    expect((await run(sim, 'grep -c a', { stdin: TEXT })).out).toBe('4\n');
    expect((await run(sim, 'grep -w alpha', { stdin: TEXT })).out).toBe('alpha 1\n');
    expect((await run(sim, 'grep zeta', { stdin: TEXT })).code).toBe(1);
    expect((await run(sim, ['grep', '-E', 'beta|gamma'], { stdin: TEXT })).out).toBe('beta 2\ngamma 3\n');
  });

  it('head, tail, wc, sort and awk do the usual', async () => {
    const sim = newSim();
    expect((await run(sim, 'head -n 2', { stdin: TEXT })).out).toBe('alpha 1\nbeta 2\n');
    expect((await run(sim, 'tail -1', { stdin: TEXT })).out).toBe('alphabet 4\n');
    expect((await run(sim, 'wc -l', { stdin: TEXT })).out).toBe('4\n');
    expect((await run(sim, 'sort -r', { stdin: TEXT })).out).toBe('gamma 3\nbeta 2\nalphabet 4\nalpha 1\n');
    expect((await run(sim, ['awk', '{print $2}'], { stdin: TEXT })).out).toBe('1\n2\n3\n4\n');
    expect((await run(sim, ['awk', '/beta/ {print $1, $NF}'], { stdin: TEXT })).out).toBe('beta 2\n');
    expect((await run(sim, ['awk', '-F', ' ', 'NR==3 {print $1}'], { stdin: TEXT })).out).toBe('gamma\n');
  });

  it('head -c and tail -c keep bytes, not lines', async () => {
    const sim = newSim();
    expect((await run(sim, 'head -c 7', { stdin: TEXT })).out).toBe('alpha 1');
    expect((await run(sim, 'head -c12', { stdin: TEXT })).out).toBe('alpha 1\nbeta');
    expect((await run(sim, 'tail -c 2', { stdin: TEXT })).out).toBe('4\n');
    const bad = await run(sim, 'head -c x', { stdin: TEXT });
    expect([bad.code, bad.err]).toEqual([1, 'head: invalid number of bytes: ‘x’\n']);
  });

  it('uniq folds adjacent repeats and counts them with -c', async () => {
    const sim = newSim();
    const lines = 'a\na\nb\na\n';
    expect((await run(sim, 'uniq', { stdin: lines })).out).toBe('a\nb\na\n');
    expect((await run(sim, 'uniq -c', { stdin: lines })).out).toBe('      2 a\n      1 b\n      1 a\n');
    expect((await run(sim, 'uniq -d', { stdin: lines })).out).toBe('a\n');
  });

  it('finds the DNAT rule of a published port through a pipeline-like filter', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d -p 1234:80 nginx');
    const listing = (await run(sim, 'docker ps')).out;
    expect((await run(sim, 'grep 1234', { stdin: listing })).out).toContain('0.0.0.0:1234->80/tcp');
  });
});
