/**
 * Settings of the Docker driver and how they are read from the environment (docs/deploy.md lists
 * them). Every setting has a default that works on a developer machine with privileged runc.
 */
import { endpointFromDockerHost, type EngineEndpoint } from './engine-client.ts';
import { allowRootOnMachineFromEnv } from './isolation.ts';
import { DEFAULT_LIMITS, parseBytes, type SandboxLimits } from './limits.ts';
import type { ReapReason } from './reaper.ts';
import type { Sandbox } from '../driver.ts';

/** Image version built by images/sandbox-host/build.sh (images/sandbox-host/VERSION). */
export const SANDBOX_IMAGE_VERSION = '2';

export interface DockerDriverOptions {
  endpoint: EngineEndpoint;
  /**
   * OCI runtime of the sandbox hosts. `runc` runs them --privileged (local use, CI); `sysbox-runc`
   * runs them unprivileged in a user namespace (production, see docs/deploy.md).
   */
  runtime: string;
  /** Under runc: the literal --privileged instead of its spelled-out equivalent (security.ts). */
  privileged: boolean;
  /**
   * SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: let sandbox hosts be root on the machine (rootful runc
   * without a user namespace). Off: the driver refuses such an engine (isolation.ts).
   */
  allowRootOnMachine: boolean;
  image: string;
  limits: SandboxLimits;
  /**
   * Where the inner dockerd keeps images and containers. `tmpfs` (default): in memory, counted
   * against the memory limit, so nothing a learner pulls or writes there can fill the machine's
   * disk, and a start needs no disk I/O. `volume`: an anonymous volume on the engine's disk.
   */
  innerStorage: 'tmpfs' | 'volume';
  /**
   * Disk quota of a host's own filesystem (`--storage-opt size=`); only engines on overlay2 over
   * xfs with pquota support it, so it is off unless set.
   */
  diskBytes?: number;
  /** Started sandbox hosts kept ready per profile; unlisted profiles start cold. */
  poolSizes: Record<string, number>;
  /** Sandboxes handed out at once; the next create() fails with SandboxCapacityError. */
  maxSessions: number;
  /** Hard lifetime of a sandbox after create(); the backstop behind the session registry. */
  ttlMs: number;
  /** A sandbox whose terminals and checks were silent this long is closed. */
  idleMs: number;
  /**
   * The driver closes sandboxes this long after the session registry should have (TTL and idle
   * alike), so it backs the registry up instead of racing it.
   */
  backstopGraceMs: number;
  /** A pooled sandbox host older than this is replaced, which bounds its expiry label. */
  poolMaxAgeMs: number;
  /** How often expired sandboxes (this server's and crashed servers') are looked for. */
  reapIntervalMs: number;
  /** Start-up of one sandbox host (inner dockerd answering) must finish within this. */
  readyTimeoutMs: number;
  /**
   * Who owns the containers: start-up removes everything labelled with this owner, so two servers
   * on one engine need different owners.
   */
  owner: string;
  /** Private networks of the sandboxes are /28s carved out of this (never Docker's 172.16/12). */
  subnetPool: string;
  /** Extra labels on everything the driver creates (tests mark their run with one). */
  labels: Record<string, string>;
  /** Told when the driver itself closed a sandbox (TTL or idle backstop). */
  onReap?: (sandbox: Sandbox, reason: ReapReason) => void;
}

/** The profile of lessons with two sandbox hosts on one private network. */
export const TWO_NODES_PROFILE = 'two-nodes';

export const DEFAULT_OPTIONS: DockerDriverOptions = {
  endpoint: { socketPath: '/var/run/docker.sock' },
  runtime: 'runc',
  privileged: false,
  allowRootOnMachine: false,
  image: `vethlab/sandbox-host:${SANDBOX_IMAGE_VERSION}`,
  limits: DEFAULT_LIMITS,
  innerStorage: 'tmpfs',
  poolSizes: { default: 2, [TWO_NODES_PROFILE]: 0 },
  maxSessions: 20,
  ttlMs: 60 * 60_000,
  idleMs: 15 * 60_000,
  backstopGraceMs: 60_000,
  poolMaxAgeMs: 30 * 60_000,
  reapIntervalMs: 15_000,
  readyTimeoutMs: 60_000,
  owner: 'default',
  subnetPool: '10.213.0.0/16',
  labels: {},
};

/** Read the driver settings from `env`; throws on a value it cannot understand. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): DockerDriverOptions {
  const d = DEFAULT_OPTIONS;
  return {
    ...d,
    endpoint: endpointFromDockerHost(env.DOCKER_HOST?.trim() || undefined),
    runtime: env.SANDBOX_RUNTIME?.trim() || d.runtime,
    privileged: ['1', 'true', 'yes'].includes(env.SANDBOX_PRIVILEGED?.trim().toLowerCase() ?? ''),
    allowRootOnMachine: allowRootOnMachineFromEnv(env),
    image: env.SANDBOX_IMAGE?.trim() || d.image,
    limits: {
      memoryBytes: env.SANDBOX_MEMORY?.trim() ? parseBytes(env.SANDBOX_MEMORY) : d.limits.memoryBytes,
      cpus: number(env, 'SANDBOX_CPUS', d.limits.cpus),
      pids: integer(env, 'SANDBOX_PIDS', d.limits.pids),
    },
    innerStorage: storage(env.SANDBOX_INNER_STORAGE, d.innerStorage),
    ...(env.SANDBOX_DISK?.trim() ? { diskBytes: parseBytes(env.SANDBOX_DISK) } : {}),
    poolSizes: {
      default: integer(env, 'SANDBOX_POOL_SIZE', d.poolSizes.default ?? 0, 0),
      [TWO_NODES_PROFILE]: integer(env, 'SANDBOX_POOL_SIZE_TWO_NODES', d.poolSizes[TWO_NODES_PROFILE] ?? 0, 0),
    },
    maxSessions: integer(env, 'SANDBOX_MAX_SESSIONS', d.maxSessions),
    ttlMs: number(env, 'SANDBOX_TTL_MINUTES', d.ttlMs / 60_000) * 60_000,
    idleMs: number(env, 'SANDBOX_IDLE_MINUTES', d.idleMs / 60_000) * 60_000,
    owner: env.SANDBOX_OWNER?.trim() || d.owner,
    subnetPool: env.SANDBOX_SUBNET_POOL?.trim() || d.subnetPool,
  };
}

function storage(raw: string | undefined, fallback: DockerDriverOptions['innerStorage']): DockerDriverOptions['innerStorage'] {
  const value = raw?.trim();
  if (!value) return fallback;
  if (value === 'tmpfs' || value === 'volume') return value;
  throw new Error(`SANDBOX_INNER_STORAGE must be tmpfs or volume, got "${value}"`);
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}
