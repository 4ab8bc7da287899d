/**
 * Limits hold for everything inside a sandbox host, its inner containers included (the private
 * cgroup namespace nests them under the host's cgroup).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import type { DockerSandbox } from '../../../src/sandbox/docker/sandbox.ts';
import { client, ensureGuard, removeRunLeftovers, skipReason, sleep, testDriver } from './engine.ts';

const PIDS = 300;
const MEMORY = 384 * 1024 ** 2;

interface Stats {
  pids_stats: { current?: number; limit?: number };
  memory_stats: { usage?: number; max_usage?: number; limit?: number };
}

function stats(sandbox: DockerSandbox): Promise<Stats> {
  return client.request<Stats>('GET', `/containers/${sandbox.group.hosts[0]!.id}/stats?stream=false`);
}

describe.skipIf(skipReason !== undefined)('docker driver: limits', { timeout: 120_000 }, () => {
  let removeGuard = () => {};
  let driver: DockerDriver;

  beforeAll(() => {
    removeGuard = ensureGuard();
    driver = testDriver({ limits: { memoryBytes: MEMORY, cpus: 1, pids: PIDS } });
  });

  afterAll(async () => {
    await driver?.close();
    await removeRunLeftovers();
    removeGuard();
  }, 120_000);

  it('contains a fork bomb in an inner container at the pids limit', async () => {
    const bombed = (await driver.create()) as DockerSandbox;
    const bystander = await driver.create();
    try {
      const start = await bombed.exec("docker run -d --name bomb busybox sh -c 'f(){ f | f & }; f; sleep 60'", { timeoutMs: 30_000 });
      expect(start.exit).toBe(0);
      await sleep(4000);
      const { pids_stats } = await stats(bombed);
      expect(pids_stats.limit).toBe(PIDS);
      expect(pids_stats.current).toBeLessThanOrEqual(PIDS);
      // the pids are used up: the bomb did run into the limit
      expect(pids_stats.current).toBeGreaterThan(PIDS * 0.8);
      // the neighbour and the machine carry on
      const started = Date.now();
      expect(await bystander.exec('echo alive')).toEqual({ exit: 0, output: 'alive\n' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await Promise.all([bombed.close(), bystander.close()]);
    }
  });

  it('OOM-kills a memory hog in an inner container and keeps the sandbox usable', async () => {
    const sandbox = (await driver.create()) as DockerSandbox;
    try {
      // `tail /dev/zero` buffers a line that never ends: memory grows until something stops it
      const hog = await sandbox.exec('docker run --name hog busybox tail /dev/zero; echo exit=$?', { timeoutMs: 60_000 });
      expect(hog.output).toContain('exit=137');
      const { memory_stats } = await stats(sandbox);
      expect(memory_stats.limit).toBe(MEMORY);
      // the sandbox's limit was reached and held (give or take the kernel's charge batch of a
      // page); the peak is only reported on cgroup v1
      if (memory_stats.max_usage !== undefined) {
        expect(memory_stats.max_usage).toBeGreaterThan(MEMORY * 0.9);
        expect(memory_stats.max_usage).toBeLessThanOrEqual(MEMORY + 1024 * 1024);
      }
      // Whether the inner engine calls this OOMKilled is not asserted here: the kernel kills the hog
      // in the sandbox host's cgroup, and the inner engine hears of it only if the event reaches
      // the hog's own cgroup first (it did not in one of two runs). The next test pins OOMKilled.
      expect(await sandbox.exec('echo alive')).toEqual({ exit: 0, output: 'alive\n' });
    } finally {
      await sandbox.close();
    }
  });

  it('reports OOMKilled for an inner container that meets its own, smaller memory limit', async () => {
    const sandbox = await driver.create();
    try {
      // The container's own cgroup runs out long before the sandbox host's, so the OOM event is
      // its own and the inner engine sees it every time, where it has cgroups (root on the machine).
      const capped = await sandbox.exec('docker run --memory 48m --memory-swap 48m --name capped busybox tail /dev/zero; echo exit=$?', { timeoutMs: 60_000 });
      expect(capped.output).toContain('exit=137');
      // In a user namespace the inner dockerd runs without cgroups of its own (--rootless, see
      // docs/deploy.md): it discards --memory, the hog meets the host's limit instead, and the inner
      // engine has no OOM event to tell it why.
      const oomKilled = driver.isolation() === 'root-on-machine' ? 'true\n' : 'false\n';
      expect(await sandbox.exec('docker inspect capped --format "{{.State.OOMKilled}}"')).toEqual({ exit: 0, output: oomKilled });
      expect(await sandbox.exec('echo alive')).toEqual({ exit: 0, output: 'alive\n' });
    } finally {
      await sandbox.close();
    }
  });

  it("keeps what inner containers write in memory, within the limit, off the machine's disk", async () => {
    const sandbox = (await driver.create()) as DockerSandbox;
    try {
      const where = await sandbox.exec('df --output=fstype,size -B1 /var/lib/docker | tail -n 1');
      expect(where.output).toMatch(new RegExp(`^tmpfs\\s+${MEMORY / 2}\\s*$`));
      const fill = await sandbox.exec('docker run --rm busybox dd if=/dev/zero of=/fill bs=1M count=2048; echo exit=$?', { timeoutMs: 60_000 });
      expect(fill.output).toContain('No space left on device');
      expect(fill.output).not.toContain('exit=0');
      // --rm gave the space back and nothing else was hurt
      expect(await sandbox.exec('echo alive; docker run --rm busybox true && echo inner-alive')).toEqual({
        exit: 0,
        output: 'alive\ninner-alive\n',
      });
    } finally {
      await sandbox.close();
    }
  });
});
