/** printf's format escapes as bash and coreutils read them (checked against both on Debian 12). */
import { expect, it } from 'vitest';
import { sandboxAfter } from './sim-sandbox.ts';

it('reads \\NNN as one to three octal digits and \\xHH as hex, and leaves arguments unescaped', async () => {
  const sandbox = await sandboxAfter();
  expect((await sandbox.exec(`printf 'a\\x41b\\101\\n'`)).output).toBe('aAbA\n');
  // \0211 is \021 and then "1", not \211.
  expect((await sandbox.exec(`printf '\\0211PNG' | wc -c`)).output).toBe('5\n');
  expect((await sandbox.exec(`printf '%s|%s\\n' 'a\\tb' '\\x41'`)).output).toBe('a\\tb|\\x41\n');
  expect((await sandbox.exec(`printf '100%%\\q\\n'`)).output).toBe('100%\\q\n');
});
