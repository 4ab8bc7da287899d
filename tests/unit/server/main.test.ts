import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Run the production entry with `env`; these cases fail before it imports the built site. */
function serve(env: Record<string, string>) {
  return spawnSync(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

/** The messages of the JSON log lines the server wrote on stderr. */
function messages(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg)
    .join('\n');
}

// Each case starts Node on the .ts sources: seconds on a busy machine, so the child's own 20 s limit rules.
describe('src/server/main.ts', { timeout: 45_000 }, () => {
  it('exits 1 with a clear message for an unknown SANDBOX_DRIVER', () => {
    const run = serve({ SANDBOX_DRIVER: 'qemu' });
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toContain('Unknown SANDBOX_DRIVER "qemu". Known drivers: simulator, docker.');
  });

  it('exits 1 for a setting it cannot read', () => {
    const run = serve({ SANDBOX_TTL_MINUTES: 'soon' });
    expect(run.status).toBe(1);
    expect(messages(run.stderr)).toContain('SANDBOX_TTL_MINUTES must be a positive number of minutes');
  });
});
