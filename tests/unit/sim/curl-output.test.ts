/**
 * curl -o FILE / -O write the body to a file and show the progress meter on stderr, as recorded
 * in tests/fidelity/recordings (curl 7.88 on the recording host): the meter's header, the line of
 * zeros and the totals, each line started with \r; -s hides it; -O refuses a URL without a file name.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

async function sandbox(...lines: string[]): Promise<SimSandbox> {
  const s = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(11) }) });
  for (const line of lines) expect((await s.exec(line, { timeoutMs: 60_000 })).exit, line).toBe(0);
  return s;
}

describe('curl -o and -O', () => {
  it('writes the page to the file and shows the progress meter on the terminal', async () => {
    const s = await sandbox('docker run -d --name web -p 8080:80 nginx');
    const got = await s.exec('curl -o /tmp/page.html http://127.0.0.1:8080/');
    expect(got.exit).toBe(0);
    expect(got.output).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n/);
    expect(got.output).toMatch(/\r100 {3}615 {2}100 {3}615 {4}0 {5}0 +\S+ +0 --:--:-- --:--:-- --:--:-- +\S+\n$/);
    expect(got.output).not.toContain('<html>');
    expect((await s.exec('head -4 /tmp/page.html')).output).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    expect(await s.exec('curl -s -o /tmp/quiet.html http://127.0.0.1:8080/; wc -c /tmp/quiet.html')).toEqual({ exit: 0, output: '615 /tmp/quiet.html\n' });
  });

  it('names the file after the URL with -O, and refuses a URL that ends in /', async () => {
    const s = await sandbox('docker run -d --name web -p 8080:80 nginx');
    expect((await s.exec('curl -s -O http://127.0.0.1:8080/index.html; wc -c index.html')).output).toBe('615 index.html\n');
    expect(await s.exec('curl -O http://127.0.0.1:8080/')).toEqual({ exit: 23, output: 'curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n' });
    expect(await s.exec('curl -o')).toEqual({ exit: 2, output: "curl: option -o: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
  });
});
