/**
 * Benchmark of the Docker driver on this machine's engine (needs the sandbox host image):
 *
 *   npx node bench/docker-driver.ts [--runs 10] [--sample 8]
 *   SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1 npx node bench/docker-driver.ts   (the old runc default)
 *
 * - cold start: create() with an empty pool, until the inner dockerd answers (median of --runs)
 * - warm start: create() from the warm pool, and create() plus a first check (median of --runs)
 * - memory of an idle sandbox host: the engine's stats (usage without page cache, as `docker
 *   stats` shows it) plus its containerd shim, which lives outside the container's cgroup; the
 *   machine's MemAvailable drop is printed too, but other work on a shared machine blurs it
 * - CPU: of an idle host, and what the lesson's workload costs once
 * - a "lesson" footprint: the same after the article's workload (a user network, box1, box2 and
 *   nginx with -p 1234:80) in each host
 * - how many fit: extrapolated from the --sample measured, never by filling the machine
 *
 * Everything it creates carries the label vethlab.test-run=bench-<pid> and is removed at the end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createDockerDriver, type DockerDriver } from '../src/sandbox/docker/driver.ts';
import { EngineClient } from '../src/sandbox/docker/engine-client.ts';
import { optionsFromEnv } from '../src/sandbox/docker/options.ts';
import { removeLabelled } from '../src/sandbox/docker/orphans.ts';
import type { DockerSandbox } from '../src/sandbox/docker/sandbox.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('runs', 10);
const SAMPLE = flag('sample', 8);
/** Kept free for the OS, the outer dockerd and the Vethlab server itself. */
const RESERVE_BYTES = 2 * 1024 ** 3;
const RUN_LABEL = { 'vethlab.test-run': `bench-${process.pid}` };
const MiB = 1024 ** 2;

const driverOptions = { owner: `bench-${process.pid}`, labels: RUN_LABEL, reapIntervalMs: 3_600_000 };
const envOptions = optionsFromEnv();
const client = new EngineClient(envOptions.endpoint);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const memAvailable = () => Number(/MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;

interface Stats {
  memory_stats: { usage?: number; stats?: Record<string, number> };
  cpu_stats: { cpu_usage: { total_usage: number } };
}

const stats = (id: string) => client.request<Stats>('GET', `/containers/${id}/stats?stream=false`);

/** What `docker stats` shows as MEM USAGE: usage without the page cache. */
async function workingSet(id: string): Promise<number> {
  const { memory_stats: m } = await stats(id);
  const cache = m.stats?.total_inactive_file ?? m.stats?.inactive_file ?? m.stats?.cache ?? 0;
  return (m.usage ?? 0) - cache;
}

/** CPU share (1 = one CPU) a container used over `ms`. */
async function cpuShare(id: string, ms: number): Promise<number> {
  const a = (await stats(id)).cpu_stats.cpu_usage.total_usage;
  await sleep(ms);
  const b = (await stats(id)).cpu_stats.cpu_usage.total_usage;
  return (b - a) / 1e6 / ms;
}

/**
 * Resident memory of what serves a container from outside its cgroup: its containerd shim
 * (found by the container id on its command line). 0 where /proc does not show the engine's
 * processes (a remote DOCKER_HOST).
 */
function shimRss(id: string): number {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('containerd-shim') || !cmdline.includes(id)) continue;
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return 0;
}

async function timeCold(): Promise<number[]> {
  const driver = createDockerDriver({ ...driverOptions, poolSizes: { default: 0 } }, () => {});
  await driver.ready();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const sandbox = await driver.create();
    times.push(performance.now() - t);
    await sandbox.close();
  }
  await driver.close();
  return times;
}

async function timeWarm(): Promise<{ create: number[]; firstCheck: number[] }> {
  const driver = createDockerDriver({ ...driverOptions, poolSizes: { default: 1 } }, () => {});
  const create: number[] = [];
  const firstCheck: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await driver.warm();
    const t = performance.now();
    const sandbox = await driver.create();
    create.push(performance.now() - t);
    await sandbox.exec('docker info --format "{{.ServerVersion}}"');
    firstCheck.push(performance.now() - t);
    await sandbox.close();
  }
  await driver.close();
  return { create, firstCheck };
}

async function footprint(driver: DockerDriver): Promise<{
  idle: number[];
  lesson: number[];
  shim: number[];
  cpu: number[];
  lessonCpu: number[];
  hostIdle: number;
  hostLesson: number;
}> {
  await sleep(3000);
  const before = memAvailable();
  const sandboxes: DockerSandbox[] = [];
  for (let i = 0; i < SAMPLE; i++) sandboxes.push((await driver.create()) as DockerSandbox);
  await sleep(10_000);
  const ids = sandboxes.map((s) => s.group.hosts[0]!.id);
  const idle = await Promise.all(ids.map(workingSet));
  const afterIdle = memAvailable();
  const shim = ids.map(shimRss);
  const cpu = await Promise.all(ids.map((id) => cpuShare(id, 10_000)));
  const cpuBefore = await Promise.all(ids.map(async (id) => (await stats(id)).cpu_stats.cpu_usage.total_usage));
  for (const sandbox of sandboxes) {
    await sandbox.exec(
      'docker network create bridge2 >/dev/null && docker run -d --network=bridge2 --name box1 busybox sleep 3600 >/dev/null && ' +
        'docker run -d --network=bridge2 --name box2 busybox sleep 3600 >/dev/null && docker run -d -p 1234:80 nginx >/dev/null',
      { timeoutMs: 60_000 },
    );
  }
  const cpuAfter = await Promise.all(ids.map(async (id) => (await stats(id)).cpu_stats.cpu_usage.total_usage));
  const lessonCpu = cpuAfter.map((after, i) => (after - cpuBefore[i]!) / 1e9);
  await sleep(10_000);
  const lesson = await Promise.all(ids.map(workingSet));
  const afterLesson = memAvailable();
  await Promise.all(sandboxes.map((s) => s.close()));
  return { idle, lesson, shim, cpu, lessonCpu, hostIdle: (before - afterIdle) / SAMPLE, hostLesson: (before - afterLesson) / SAMPLE };
}

const ms = (x: number) => `${Math.round(x)} ms`;
const mib = (x: number) => `${(x / MiB).toFixed(0)} MiB`;

try {
  console.log(`Docker driver benchmark: ${os.cpus().length} CPUs, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, ${RUNS} runs, ${SAMPLE} sampled hosts\n`);
  const isolation = createDockerDriver({ ...driverOptions, poolSizes: { default: 0 } }, () => {});
  await isolation.ready();
  console.log(
    `sandbox hosts: ${isolation.isolation()} (docs/deploy.md, "The safe engine"); load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  await isolation.close();
  const cold = await timeCold();
  console.log(`cold start (create, pool empty)     median ${ms(median(cold))}  (min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))})`);
  const warm = await timeWarm();
  console.log(`warm start (create, from the pool)  median ${ms(median(warm.create))}  (max ${ms(Math.max(...warm.create))})`);
  console.log(`warm start + first check answered   median ${ms(median(warm.firstCheck))}  (max ${ms(Math.max(...warm.firstCheck))})`);

  const driver = createDockerDriver({ ...driverOptions, poolSizes: { default: 0 }, maxSessions: SAMPLE }, () => {});
  const f = await footprint(driver);
  await driver.close();
  console.log(`idle sandbox host, docker stats     median ${mib(median(f.idle))}  (max ${mib(Math.max(...f.idle))})`);
  console.log(`  + its containerd shim outside the cgroup  median ${mib(median(f.shim))}`);
  console.log(`  CPU while idle                      median ${(median(f.cpu) * 100).toFixed(1)} % of one CPU`);
  console.log(`after the lesson's workload         median ${mib(median(f.lesson))} (docker stats); the workload took ${median(f.lessonCpu).toFixed(2)} CPU-seconds`);
  console.log(`machine MemAvailable drop per host  idle ${mib(f.hostIdle)}, lesson ${mib(f.hostLesson)} (shared machine: indicative only)`);

  const usable = os.totalmem() - RESERVE_BYTES;
  const perIdle = median(f.idle) + median(f.shim);
  const perLesson = median(f.lesson) + median(f.shim);
  const fitIdle = Math.floor(usable / perIdle);
  const fitLesson = Math.floor(usable / perLesson);
  const fitLimit = Math.floor(usable / envOptions.limits.memoryBytes);
  console.log(`\nfit on this machine (extrapolated from ${SAMPLE}, ${mib(RESERVE_BYTES)} kept free):`);
  console.log(`  idle hosts ${fitIdle} (${mib(perIdle)} each); running the lesson's workload ${fitLesson} (${mib(perLesson)} each);`);
  console.log(`  every host at its ${mib(envOptions.limits.memoryBytes)} memory limit at once ${fitLimit}`);
  console.log(`  idle CPU alone would fill ${os.cpus().length} CPUs at ${Math.floor(os.cpus().length / median(f.cpu))} hosts`);
} finally {
  await removeLabelled(client, RUN_LABEL);
  client.close();
}
