import { describe, expect, it } from 'vitest';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { openTerminal } from '../tty/open-terminal.ts';
import { FakeSimulation } from './fake-simulation.ts';
import { typeLine } from './typed-lines.ts';

describe('sh as a program', () => {
  it('runs sh -c with the full interpreter, keeping stdout and stderr apart', async () => {
    expect(await typeLine(`sh -c 'warn; for i in 1 2; do echo n$i; done && exit 4' 2>/dev/null`)).toEqual({
      output: 'out\nn1\nn2\n',
      exit: 4,
    });
  });

  it('runs a script from stdin, and passes stdin on to the script', async () => {
    expect((await typeLine(`echo 'echo from-stdin' | sh`)).output).toBe('from-stdin\n');
    expect((await typeLine(`echo abc | sh -c 'grep b'`)).output).toBe('abc\n');
  });

  it('inherits exported variables', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect((await sandbox.exec(`export A=1; B=2; sh -c 'echo $A$B'`)).output).toBe('1\n');
  });

  it('opens a nested interactive shell when typed bare at a prompt', async () => {
    const t = openTerminal();
    await t.typeAndSettle('bash\r');
    await t.typeAndSettle('echo $SHLVL\r');
    expect(t.screen.line(-2)).toBe('2');
    await t.typeAndSettle('exit\r');
    await t.typeAndSettle('echo $SHLVL\r');
    expect(t.screen.line(-2)).toBe('1');
  });

  it('is interrupted by Ctrl-C through its own signal', async () => {
    const sandbox = new SimSandbox({ simulation: new FakeSimulation() });
    expect((await sandbox.exec(`sh -c 'sleep 100; echo never'`, { timeoutMs: 50 })).exit).toBe(124);
  });
});
