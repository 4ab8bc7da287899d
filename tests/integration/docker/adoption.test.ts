/**
 * Sandbox hosts outlive the server process (issue #17): a server killed with SIGKILL leaves its learner's
 * sandbox host and its warm pool running; the next process on the same claim store adopts both, and the
 * learner's session finds its network and container again. An orphan past its expiry is still removed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClassroom, type Classroom } from '../../../src/classroom/context.ts';
import type { DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { HOLDER_STALE_MS } from '../../../src/sandbox/docker/host-claims.ts';
import { DRIVER_LABEL_VALUE, LABEL, unixSeconds } from '../../../src/sandbox/docker/labels.ts';
import type { DockerSandbox } from '../../../src/sandbox/docker/sandbox.ts';
import { databaseHostClaimStore } from '../../../src/server/sandbox-host-claims.ts';
import { IMAGE, RUN_ID, RUN_LABEL, client, ensureGuard, removeRunLeftovers, runContainers, skipReason, testDriver } from './engine.ts';

const HOUR = 60 * 60_000;
const drivers: DockerDriver[] = [];
let classroom: Classroom;
let dir: string;

/** A driver keeping its sandboxes in the test's database, as process `holder`. */
function keepingDriver(owner: string, holder: string, overrides: Parameters<typeof testDriver>[0] = {}): DockerDriver {
  const driver = testDriver({ owner, reapIntervalMs: HOUR, keep: { store: databaseHostClaimStore(async () => classroom.db), holder }, ...overrides });
  drivers.push(driver);
  return driver;
}

/** Start the keeping server fixture, wait for its sandbox, and kill it with SIGKILL; returns the session id. */
async function runAndKill(owner: string, database: string): Promise<string> {
  const server = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/keeping-server.ts', import.meta.url)), owner, RUN_ID, database], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    return await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        const match = /READY (\S+)/.exec(chunk.toString());
        if (match?.[1]) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`the keeping server exited with ${code} before READY`)));
    });
  } finally {
    server.kill('SIGKILL');
  }
}

describe.skipIf(skipReason !== undefined)('docker driver: sandbox hosts survive the server', { timeout: 240_000 }, () => {
  let removeGuard = () => {};

  beforeAll(async () => {
    removeGuard = ensureGuard();
    dir = mkdtempSync(join(tmpdir(), 'vethlab-adopt-'));
    classroom = await openClassroom({ url: join(dir, 'classroom.sqlite') });
  });

  afterAll(async () => {
    await Promise.allSettled(drivers.map((driver) => driver.close()));
    await removeRunLeftovers();
    await classroom?.close();
    rmSync(dir, { recursive: true, force: true });
    removeGuard();
  }, 120_000);

  it('a session survives a kill -9 of its server with its network and containers, and the pool is adopted', async () => {
    const owner = `test-${RUN_ID}-adopt`;
    const sessionId = await runAndKill(owner, join(dir, 'classroom.sqlite'));
    const left = await runContainers({ [LABEL.owner]: owner });
    // the learner's host and the pooled one
    expect(left).toHaveLength(2);

    // Started at once, the killed process still looks alive: its hosts are left alone, but the
    // learner who reconnects takes theirs over.
    const restarted = keepingDriver(owner, 'restarted-1', { poolSizes: { default: 0 } });
    await restarted.ready();
    expect(restarted.stats().active).toBe(0);
    const resumed = await restarted.resume?.(sessionId);
    expect(resumed?.session.id).toBe(sessionId);
    const sandbox = resumed?.sandbox as DockerSandbox;
    expect((await sandbox.exec('docker network ls --format {{.Name}}')).output).toContain('before-kill');
    expect((await sandbox.exec('docker ps --format "{{.Names}} {{.Status}}"')).output).toMatch(/^survivor Up/m);
    // A session nobody kept is not found.
    expect(await restarted.resume?.('no-such-session-id-00000')).toBeUndefined();

    // A graceful stop keeps the learner's host too. Once the old heartbeats are stale, the next process
    // adopts the session's host and the killed process's pooled one: no host was started or removed.
    await restarted.close();
    await classroom.db
      .updateTable('sandbox_hosts')
      .set({ heartbeat_at: Date.now() - HOLDER_STALE_MS - 1000 })
      .execute();
    const next = keepingDriver(owner, 'restarted-2', { poolSizes: { default: 1 } });
    await next.ready();
    expect(next.stats()).toEqual({ active: 1, pooled: { default: 1 } });
    expect((await runContainers({ [LABEL.owner]: owner })).map((c) => c.Id).sort()).toEqual(left.map((c) => c.Id).sort());
    const again = (await next.resume?.(sessionId))?.sandbox as DockerSandbox;
    expect(again.group.id).toBe(sandbox.group.id);
    expect((await again.exec('docker ps --format {{.Names}}')).output).toContain('survivor');
    // Ending the session removes the host and its claim.
    await again.close();
    expect(await runContainers({ [LABEL.sandbox]: sandbox.group.id })).toEqual([]);
    expect(await classroom.db.selectFrom('sandbox_hosts').select('sandbox_id').where('sandbox_id', '=', sandbox.group.id).execute()).toEqual([]);
  });

  it('removes an orphan past its expiry at start-up, though its holder looks alive', async () => {
    const owner = `test-${RUN_ID}-expired`;
    const sandboxId = randomBytes(6).toString('hex');
    // What a crashed server's sandbox looks like once its expiry label is past (created, never started:
    // a started host's own watchdog would end it at that deadline by itself).
    const labels = {
      [RUN_LABEL]: RUN_ID,
      [LABEL.driver]: DRIVER_LABEL_VALUE,
      [LABEL.owner]: owner,
      [LABEL.sandbox]: sandboxId,
      [LABEL.profile]: 'default',
      [LABEL.node]: 'node1',
      [LABEL.expires]: unixSeconds(Date.now() - 1000),
    };
    await client.request('POST', `/containers/create?name=vethlab-${sandboxId}-node1`, { body: { Image: IMAGE, Labels: labels } });
    const store = databaseHostClaimStore(async () => classroom.db);
    await store.put({ sandboxId, owner, holder: 'alive', profile: 'default', sessionHash: 'f'.repeat(64), createdAt: Date.now(), expiresAt: Date.now() + HOUR, heartbeatAt: Date.now() });
    expect(await runContainers({ [LABEL.sandbox]: sandboxId })).toHaveLength(1);

    const restarted = keepingDriver(owner, 'restarted');
    await restarted.ready();
    expect(await runContainers({ [LABEL.sandbox]: sandboxId })).toEqual([]);
    expect(await store.list(owner)).toEqual([]);
  });
});
