/**
 * One image to deploy (issue #17): the app image builds on this machine's engine with no registry and
 * no network inside the build (deploy/build-image.sh), PostgreSQL's too (images/postgres/build.sh), and
 * the two started the way compose.yaml starts them serve a lesson over loopback (deploy/try-image.sh,
 * which also checks that the app opened PostgreSQL). Needs `npm run build` and root for the base image's
 * first build (debootstrap, about 10 minutes; then cached in the engine).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../faults/server-process.ts';
import { skipReason } from './engine.ts';

const run = promisify(execFile);
const MINUTES = 60_000;

async function script(path: string, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run(`${REPO_ROOT}${path}`, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 ** 2 });
}

describe.skipIf(skipReason !== undefined)('the app image', () => {
  it(
    'builds without a registry, starts with PostgreSQL and serves a lesson page',
    async () => {
      const app = (await script('deploy/build-image.sh')).stdout.trim();
      expect(app).toBe('vethlab-app');
      const postgres = (await script('images/postgres/build.sh')).stdout.trim();
      expect(postgres).toBe('vethlab-postgres');
      const { stdout, stderr } = await script('deploy/try-image.sh', [app, postgres]);
      expect(stderr).toContain('PostgreSQL ready');
      expect(stdout.trim()).toMatch(/^lesson 200 1\.1 veth pairs and docker0: looking at a container&#39;s network · Vethlab$/);
    },
    30 * MINUTES,
  );
});
