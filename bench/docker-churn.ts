/**
 * Churn of the real driver (needs the sandbox host image and this machine's engine):
 *
 *   npx node bench/docker-churn.ts [--minutes 30] [--parallel 2] [--sample-seconds 30]
 *
 * Sessions are started and stopped in a loop for --minutes, --parallel at a time, through the same
 * Driver the server uses (warm pool of 1): create(), one check (`docker ps` on the host's own dockerd),
 * close(). Before and after, it counts the containers, networks and volumes on the engine (all of
 * them, and those carrying this run's label); during the run it samples this process's RSS and heap
 * (the server's share: the driver lives in the server process) and dockerd's and containerd's RSS.
 * It passes when nothing with this run's label is left (engine-wide counts are shown too, but others
 * may be using a shared engine); memory is reported as first-quarter vs last-quarter averages.
 *
 * Everything it creates carries the owner label vethlab.owner=churn-<pid> and is removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createDockerDriver } from '../src/sandbox/docker/driver.ts';
import { EngineClient } from '../src/sandbox/docker/engine-client.ts';
import { LABEL } from '../src/sandbox/docker/labels.ts';
import { optionsFromEnv } from '../src/sandbox/docker/options.ts';
import { removeLabelled } from '../src/sandbox/docker/orphans.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MINUTES = flag('minutes', 30);
const PARALLEL = flag('parallel', 2);
const SAMPLE_MS = flag('sample-seconds', 30) * 1000;
const OWNER = `churn-${process.pid}`;
const MiB = 1024 ** 2;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const envOptions = optionsFromEnv();
const client = new EngineClient(envOptions.endpoint);

interface Counts {
  containers: number;
  networks: number;
  volumes: number;
}

async function counts(labels?: Record<string, string>): Promise<Counts> {
  const filter = labels ? `?filters=${encodeURIComponent(JSON.stringify({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) }))}` : '';
  const containers = await client.request<unknown[]>('GET', `/containers/json${filter ? `${filter}&all=1` : '?all=1'}`);
  const networks = await client.request<unknown[]>('GET', `/networks${filter}`);
  const volumes = await client.request<{ Volumes: unknown[] | null }>('GET', `/volumes${filter}`);
  return { containers: containers.length, networks: networks.length, volumes: volumes.Volumes?.length ?? 0 };
}

/** RSS of the oldest process called `name`, from /proc (0 when it is not running here). */
function rssOf(name: string): number {
  try {
    const pid = execFileSync('pgrep', ['-o', '-x', name], { encoding: 'utf8' }).trim();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  } catch {
    return 0;
  }
}

interface Sample {
  atS: number;
  rss: number;
  heap: number;
  dockerd: number;
  containerd: number;
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const before = await counts();
  console.log(`engine before: ${JSON.stringify(before)}`);
  const driver = createDockerDriver({ owner: OWNER, poolSizes: { default: 1 }, maxSessions: PARALLEL + 2, reapIntervalMs: 60_000 }, (error, context) =>
    console.error(`driver: ${context}: ${error instanceof Error ? error.message : String(error)}`),
  );
  await driver.ready();
  const started = Date.now();
  const deadline = started + MINUTES * 60_000;
  const samples: Sample[] = [];
  const sample = () => {
    gc();
    const m = process.memoryUsage();
    samples.push({ atS: Math.round((Date.now() - started) / 1000), rss: m.rss, heap: m.heapUsed, dockerd: rssOf('dockerd'), containerd: rssOf('containerd') });
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  let cycles = 0;
  let failures = 0;
  const createMs: number[] = [];

  async function loop(): Promise<void> {
    while (Date.now() < deadline) {
      const t0 = Date.now();
      try {
        const sandbox = await driver.create();
        createMs.push(Date.now() - t0);
        const check = await sandbox.exec('docker ps -q | wc -l', { timeoutMs: 30_000 });
        if (check.exit !== 0) throw new Error(`check exited ${check.exit}: ${check.output}`);
        await sandbox.close();
        cycles++;
      } catch (error) {
        failures++;
        console.error(`cycle failed: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
      if (cycles % 100 === 0 && cycles > 0) process.stdout.write(`  ${cycles} cycles, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  }

  try {
    await Promise.all(Array.from({ length: PARALLEL }, () => loop()));
  } finally {
    clearInterval(sampler);
    sample();
    await driver.close();
  }
  // The driver's close removes its pool; give the engine a moment to finish removals.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const ours = await counts({ [LABEL.owner]: OWNER });
  const after = await counts();
  const leftovers = ours.containers + ours.networks + ours.volumes;
  if (leftovers > 0) await removeLabelled(client, { [LABEL.owner]: OWNER });

  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const first = samples.slice(1, 1 + quarter);
  const last = samples.slice(-quarter);
  const sorted = [...createMs].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  console.log(`\ndocker churn: ${MINUTES} min, ${PARALLEL} in parallel, warm pool 1`);
  console.log(`cycles (create, docker ps, close): ${cycles}; failures: ${failures}; create() p50 ${pct(50)} ms, p99 ${pct(99)} ms`);
  console.log(`engine before: ${JSON.stringify(before)}; after: ${JSON.stringify(after)}; left with this run's label: ${JSON.stringify(ours)}`);
  for (const key of ['rss', 'heap', 'dockerd', 'containerd'] as const) {
    console.log(
      `${key.padEnd(10)} first quarter ${mib(average(first.map((s) => s[key])))}, last quarter ${mib(average(last.map((s) => s[key])))}, max ${mib(Math.max(...samples.map((s) => s[key])))}`,
    );
  }
  console.log(`samples (s, rss MiB, heap MiB, dockerd MiB): ${samples.map((s) => `${s.atS}:${(s.rss / MiB).toFixed(0)}/${(s.heap / MiB).toFixed(0)}/${(s.dockerd / MiB).toFixed(0)}`).join(' ')}`);
  // The engine-wide counts are for information: other users of a shared engine (tests) come and go.
  console.log(leftovers === 0 ? "RESULT: nothing of this run's left on the engine" : `RESULT: LEAK: ${JSON.stringify(ours)} of this run's were left (now removed)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
