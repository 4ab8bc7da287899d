/** wc's answers for files it cannot count, as GNU coreutils and busybox give them (Debian 12). */
import { expect, it } from 'vitest';
import { sandboxAfter } from './sim-sandbox.ts';

it('reports a missing file on stderr and exits 1, and counts a directory as zeros with the error', async () => {
  const sandbox = await sandboxAfter('docker run -dit --name box busybox');
  const missing = await sandbox.exec('wc -c /nonexistent');
  expect(missing.output).toBe('wc: /nonexistent: No such file or directory\n');
  expect(missing.exit).toBe(1);
  const inBox = await sandbox.exec('docker exec box wc /nonexistent');
  expect(inBox.output).toBe('wc: /nonexistent: No such file or directory\n');
  expect(inBox.exit).toBe(1);
  const directory = await sandbox.exec('wc /etc');
  // GNU pads to 7 when an input is not a regular file (its size says nothing of the width).
  expect(directory.output).toBe('wc: /etc: Is a directory\n      0       0       0 /etc\n');
  expect(directory.exit).toBe(1);
});
