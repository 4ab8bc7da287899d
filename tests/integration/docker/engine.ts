/**
 * What the Docker driver's integration tests share: whether a real engine (and the sandbox host
 * image) is there, the network guard, and drivers whose every container carries this run's label
 * so the run removes exactly what it made.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EngineClient, endpointFromDockerHost } from '../../../src/sandbox/docker/engine-client.ts';
import type { Sandbox } from '../../../src/sandbox/driver.ts';
import { createDockerDriver, type DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import { SANDBOX_IMAGE_VERSION, type DockerDriverOptions } from '../../../src/sandbox/docker/options.ts';
import { removeLabelled } from '../../../src/sandbox/docker/orphans.ts';

export const RUN_LABEL = 'vethlab.test-run';
export const RUN_ID = `${process.pid}-${randomBytes(3).toString('hex')}`;
export const IMAGE = process.env.SANDBOX_IMAGE?.trim() || `vethlab/sandbox-host:${SANDBOX_IMAGE_VERSION}`;

export const client = new EngineClient(endpointFromDockerHost(process.env.DOCKER_HOST?.trim() || undefined));

/** Why the tests cannot run here, or undefined when they can. */
async function unavailable(): Promise<string | undefined> {
  try {
    await client.request('GET', '/_ping', { timeoutMs: 3000 });
  } catch (error) {
    return `no Docker engine reachable (DOCKER_HOST or /var/run/docker.sock): ${(error as Error).message}`;
  }
  try {
    await client.request('GET', `/images/${encodeURIComponent(IMAGE)}/json`);
  } catch {
    return `the image ${IMAGE} is missing: run images/sandbox-host/build.sh (or .ci/docker-engine.sh)`;
  }
  return undefined;
}

export const skipReason = await unavailable();
// CI prepares an engine (.ci/docker-engine.sh) and sets this, so a broken set-up fails instead of skipping.
if (skipReason && process.env.VETHLAB_REQUIRE_DOCKER === '1') throw new Error(`Docker driver integration tests cannot run: ${skipReason}`);
if (skipReason) console.warn(`Docker driver integration tests skipped: ${skipReason}`);

/** A driver for one test: labelled with this run, its own owner, no pool unless asked. */
export function testDriver(overrides: Partial<DockerDriverOptions> = {}): DockerDriver {
  return createDockerDriver(
    {
      owner: `test-${RUN_ID}`,
      labels: { [RUN_LABEL]: RUN_ID },
      poolSizes: { default: 0, 'two-nodes': 0 },
      backstopGraceMs: 0,
      limits: { memoryBytes: 512 * 1024 ** 2, cpus: 1, pids: 500 },
      ...overrides,
    },
    () => {},
  );
}

/** One sandbox for a suite, behind the network guard, from a driver of this run. */
export interface SuiteSandbox {
  /** Put the guard up, make the driver and create the sandbox (call in beforeAll). */
  start(options?: Parameters<DockerDriver['create']>[0]): Promise<Sandbox>;
  /** Close the driver, remove this run's leftovers, lift the guard: whatever `start` got to (call in afterAll). */
  stop(): Promise<void>;
  /** The driver `start` made (for more sandboxes from it). */
  readonly driver: DockerDriver;
}

/** A suite's sandbox, started in beforeAll and stopped in afterAll. */
export function suiteSandbox(overrides: Partial<DockerDriverOptions> = {}): SuiteSandbox {
  let removeGuard = () => {};
  let driver: DockerDriver | undefined;
  return {
    async start(options) {
      removeGuard = ensureGuard();
      driver = testDriver(overrides);
      return driver.create(options);
    },
    async stop() {
      await driver?.close();
      await removeRunLeftovers();
      removeGuard();
    },
    get driver() {
      if (driver === undefined) throw new Error('suiteSandbox: start() has not run');
      return driver;
    },
  };
}

/** Remove everything this run created (containers, networks), whatever state it is in. */
export async function removeRunLeftovers(): Promise<void> {
  await removeLabelled(client, { [RUN_LABEL]: RUN_ID });
}

/** Containers of this run that still exist. */
export async function runContainers(extra: Record<string, string> = {}): Promise<{ Id: string; Names: string[]; Labels: Record<string, string> }[]> {
  const label = [`${RUN_LABEL}=${RUN_ID}`, ...Object.entries(extra).map(([k, v]) => `${k}=${v}`)];
  return client.request('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label }))}`);
}

const GUARD_TABLE = 'inet vethlab_guard';
const OWN_GUARD_TABLE = 'inet vethlab_guard_driver';

/**
 * Make sure forwarded packets cannot leave the machine except through a Docker bridge before any
 * container starts. The fidelity recorder's table (tests/fidelity/guard.sh) does that; without
 * it, add our own and return a function that removes it again.
 */
export function ensureGuard(): () => void {
  if (nft(['list', 'table', ...GUARD_TABLE.split(' ')])) return () => {};
  const [family, name] = OWN_GUARD_TABLE.split(' ') as [string, string];
  const commands = [
    ['add', 'table', family, name],
    ['add', 'chain', family, name, 'forward_guard', '{ type filter hook forward priority -10; policy accept; }'],
    ['add', 'rule', family, name, 'forward_guard', 'oifname', '{ "docker0", "br-*", "docker_gwbridge" }', 'accept'],
    ['add', 'rule', family, name, 'forward_guard', 'counter', 'reject'],
  ];
  for (const command of commands) {
    if (!nft(command)) throw new Error(`could not install the nftables guard (nft ${command.join(' ')}); run as root`);
  }
  return () => void nft(['delete', 'table', family, name]);
}

function nft(args: string[]): boolean {
  try {
    execFileSync('nft', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The sandbox host image version the driver expects matches the one the build script makes. */
export function imageVersionFile(): string {
  return readFileSync(new URL('../../../images/sandbox-host/VERSION', import.meta.url), 'utf8').trim();
}

/** Resolve after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await sleep(everyMs);
  }
}
