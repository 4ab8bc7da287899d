/**
 * A background job cannot take the terminal: `sh &` or `docker exec -it c sh &` used to put a
 * nested shell in front of the learner's prompt, which then took every key (the terminal fuzz
 * found a prompt that never answered again). bash stops such a job (SIGTTIN), and so does the
 * model: it waits, stopped, until `fg` gives it the terminal (tests/unit/shell/job-control.test.ts).
 */
import { expect, it } from 'vitest';
import { createSimSandbox } from '../../../src/sandbox/sim/driver.ts';
import type { TypedLineRecord } from '../../../src/sandbox/sim/shell/scripted-terminal.ts';

it('keeps the prompt for the learner while a shell runs in the background', async () => {
  const sandbox = createSimSandbox({ clock: 'virtual', seed: 3 });
  const records: TypedLineRecord[] = [];
  await sandbox.replay(['sh &', 'echo still here', 'docker run -dit --name box busybox', 'docker exec -it box sh &', 'jobs', 'echo and here'], (r) => records.push(r));
  await sandbox.close();
  expect(records.map((r) => r.output)).toEqual([
    '[1] 2062\n',
    'still here\n\n[1]+  Stopped                 sh\n',
    expect.stringMatching(/^[0-9a-f]{64}\n$/),
    expect.stringMatching(/^\[2\] \d+\n/),
    '[1]-  Stopped                 sh\n[2]+  Stopped                 docker exec -it box sh\n',
    'and here\n',
  ]);
  // the prompt in front is the host's: `echo` ran there, not in a shell inside box
  expect(records[5]?.exit).toBe(0);
});
