/**
 * Settings of the Docker driver and how they are read from the environment (docs/deploy.md lists
 * them). Every setting has a default that works on the safe engine .ci/docker-engine.sh starts (runc
 * with user namespaces, docs/deploy.md).
 */
import { endpointFromDockerHost, type EngineEndpoint } from './engine-client.ts';
import { readSettings, type Settings } from '../../settings/settings.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from './limits.ts';
import type { ReapReason } from './reaper.ts';
import type { Sandbox } from '../driver.ts';
import type { KeepOptions } from './keeper.ts';

/** Image version built by images/sandbox-host/build.sh (images/sandbox-host/VERSION). */
export const SANDBOX_IMAGE_VERSION = '2';

export interface DockerDriverOptions {
  endpoint: EngineEndpoint;
  /**
   * OCI runtime of the sandbox hosts. `runc` runs them with root-equivalent rights inside the
   * engine's user namespace (isolation.ts refuses an engine without one); `sysbox-runc` runs them
   * unprivileged in Sysbox's (see docs/deploy.md).
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
   * Who owns the containers. Without `keep`, start-up removes everything labelled with this owner, so
   * two servers on one engine need different owners; with it, replicas sharing the claim store share one.
   */
  owner: string;
  /** Private networks of the sandboxes are /28s carved out of this (never Docker's 172.16/12). */
  subnetPool: string;
  /** Extra labels on everything the driver creates (tests mark their run with one). */
  labels: Record<string, string>;
  /** Told when the driver itself closed a sandbox (TTL or idle backstop). */
  onReap?: (sandbox: Sandbox, reason: ReapReason) => void;
  /**
   * Keep sandboxes across restarts of the server (keeper.ts): claims in a store every process of this
   * owner sees. Unset: start-up removes everything labelled with the owner, as nothing could resume it.
   */
  keep?: KeepOptions;
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

/** The driver's options from the process settings (src/settings/settings.ts), defaults for what is unset. */
export function dockerOptionsFrom(settings: Settings): DockerDriverOptions {
  const d = DEFAULT_OPTIONS;
  const { docker, sandbox } = settings;
  return {
    ...d,
    endpoint: endpointFromDockerHost(docker.dockerHost),
    runtime: docker.runtime ?? d.runtime,
    privileged: docker.privileged,
    allowRootOnMachine: docker.allowRootOnMachine,
    image: docker.image ?? d.image,
    limits: {
      memoryBytes: docker.memoryBytes ?? d.limits.memoryBytes,
      cpus: docker.cpus ?? d.limits.cpus,
      pids: docker.pids ?? d.limits.pids,
    },
    innerStorage: docker.innerStorage ?? d.innerStorage,
    ...(docker.diskBytes !== undefined ? { diskBytes: docker.diskBytes } : {}),
    poolSizes: {
      default: docker.poolSize ?? d.poolSizes.default ?? 0,
      [TWO_NODES_PROFILE]: docker.poolSizeTwoNodes ?? d.poolSizes[TWO_NODES_PROFILE] ?? 0,
    },
    maxSessions: sandbox.maxSessions ?? d.maxSessions,
    ttlMs: sandbox.ttlMs ?? d.ttlMs,
    idleMs: sandbox.idleMs ?? d.idleMs,
    owner: docker.owner ?? d.owner,
    subnetPool: docker.subnetPool ?? d.subnetPool,
  };
}

/** The options from environment variables (tests, benches and the driver used on its own); throws ConfigError. */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): DockerDriverOptions {
  return dockerOptionsFrom(readSettings(env));
}
