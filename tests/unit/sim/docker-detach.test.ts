import { describe, expect, it } from 'vitest';
import { RealClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';
import { openTerminal } from '../tty/open-terminal.ts';

describe('detaching from docker run -it', () => {
  it('Ctrl-P Ctrl-Q returns to the host and the container keeps running', async () => {
    const simulation = createSimulation({ clock: new RealClock(), random: seededRandom(3) });
    const t = openTerminal({ simulation });
    await t.typeAndSettle('docker run -it --name box busybox sh\r');
    expect(t.screen.cursorLine()).toBe('/ #');
    await t.typeAndSettle('\x10\x11');
    expect(t.screen.cursorLine()).toMatch(/^\/ # root@\S+:~#$/);
    const ps = await t.sandbox.exec("docker ps --format '{{.Names}} {{.Status}}'");
    expect(ps.output).toMatch(/^box Up/);
    // docker exec -it back in, and detach again: still running.
    await t.typeAndSettle('docker exec -it box sh\r');
    await t.typeAndSettle('\x10\x11');
    expect((await t.sandbox.exec("docker ps --format '{{.Names}}'")).output).toBe('box\n');
  });
});
