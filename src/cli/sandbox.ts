/**
 * Entry point of `npm run sandbox`: the simulated sandbox from the command line (and replays on
 * the Docker driver, `replay --driver docker`).
 * See USAGE in arguments.ts; `main` in main.ts does the work.
 */
import { readFile } from 'node:fs/promises';
import { createSimSandbox } from '../sandbox/sim/driver.ts';
import { main } from './main.ts';
import { labSetupsFromFiles } from '../server/lab-setups.ts';

const code = await main(process.argv.slice(2), {
  createSandbox: createSimSandbox,
  readFile: (path) => readFile(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // loaded only when asked for: the simulator's replay needs nothing of the Docker driver
  openDockerSandbox: async (profile, setup) => {
    const { openDockerSandbox } = await import('./docker-replay-sandbox.ts');
    return openDockerSandbox(profile, (message) => process.stderr.write(`${message}\n`), setup);
  },
  labSetups: labSetupsFromFiles(),
});
// Let stdout drain before leaving (a replay can print a lot into a pipe).
process.stdout.write('', () => process.exit(code));
