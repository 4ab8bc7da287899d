/**
 * The real driver (SANDBOX_DRIVER=docker): every sandbox is one or two sandbox hosts, containers
 * running their own dockerd on the machine's engine, handed out from a warm pool. See
 * docs/deploy.md for running it and images/sandbox-host for the image.
 */
import { SandboxCapacityError, type Driver, type ResumedSandbox, type Sandbox, type SandboxOptions } from '../driver.ts';
import { EngineClient, EngineError } from './engine-client.ts';
import { DeathWatch } from './deaths.ts';
import { HostGroup, type EngineContext } from './host-group.ts';
import { chooseIsolation, type EngineInfo, type Isolation } from './isolation.ts';
import { HostKeeper } from './keeper.ts';
import { LABEL } from './labels.ts';
import { optionsFromEnv, type DockerDriverOptions } from './options.ts';
import { removeLabelled } from './orphans.ts';
import { WarmPool } from './pool.ts';
import { DEFAULT_PROFILE, profileNodes, resolveProfile } from './profiles.ts';
import { withSetup } from '../setup.ts';
import { Reaper, type ReapReason } from './reaper.ts';
import { DockerSandbox } from './sandbox.ts';
import { SubnetAllocator } from './subnets.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

/** create() when every slot is taken: the error every driver throws, mapped to the protocol's `capacity`. */
export { SandboxCapacityError };

/** A readiness probe must answer well within the probe's own timeout. */
const PING_TIMEOUT_MS = 2_000;

/** The Driver, plus what operators, tests and benchmarks look at. */
export interface DockerDriver extends Driver {
  readonly options: DockerDriverOptions;
  /** Resolves once the engine answered, orphans are gone and the pool started filling. */
  ready(): Promise<void>;
  /** Resolves once the warm pool holds its configured size. */
  warm(): Promise<void>;
  /** Sandboxes handed out and not closed; groups waiting in the pool per profile. */
  stats(): { active: number; pooled: Record<string, number> };
  /** Run the reaper now (tests; normally every reapIntervalMs). */
  reap(now?: number): Promise<void>;
  /** How sandbox hosts are kept from being root on the machine; known after ready(). */
  isolation(): Isolation | undefined;
}

/**
 * A driver from `overrides` on top of `base`: the server passes the options of its settings; tests and
 * benches leave it to the environment's (options.ts).
 */
export function createDockerDriver(
  overrides: Partial<DockerDriverOptions> = {},
  onError: (error: unknown, context: string) => void = logError,
  base: DockerDriverOptions = optionsFromEnv(),
): DockerDriver {
  const options: DockerDriverOptions = { ...base, ...overrides };
  const client = new EngineClient(options.endpoint);
  const context: EngineContext = { client, options, subnets: new SubnetAllocator(options.subnetPool) };
  const active = new Set<DockerSandbox>();
  const forget = (sandbox: DockerSandbox) => active.delete(sandbox);
  let creating = 0;
  let closed = false;

  /** The hard deadline of a group must outlive its wait in the pool, a session and the grace. */
  const deadline = (lifetimeMs: number) => Date.now() + lifetimeMs + options.backstopGraceMs;
  const startGroup = (profile: string, lifetimeMs: number) => HostGroup.start(context, profile, profileNodes(profile), deadline(lifetimeMs));

  const pool: WarmPool = new WarmPool({
    sizes: options.poolSizes,
    maxAgeMs: options.poolMaxAgeMs,
    start: async (profile): Promise<HostGroup> => {
      const lifetimeMs = options.poolMaxAgeMs + options.ttlMs;
      const group = await startGroup(profile, lifetimeMs);
      await keeper?.pooled(group, deadline(lifetimeMs));
      return group;
    },
    onError,
  });
  // With a claim store, sandboxes outlive this process: the next one (or another replica) adopts them.
  const keeper: HostKeeper | undefined = options.keep ? new HostKeeper({ engine: context, keep: options.keep, active, pool, onClose: forget, onError }) : undefined;
  context.onRemoved = (sandboxId) => keeper?.removed(sandboxId);
  const reaper = new Reaper({
    client,
    intervalMs: options.reapIntervalMs,
    idleMs: options.idleMs,
    graceMs: options.backstopGraceMs,
    sandboxes: () => active,
    pool,
    onReap: (sandbox, reason: ReapReason) => options.onReap?.(sandbox, reason),
    onError,
    ...(keeper ? { adoptLeftovers: () => keeper.adoptLeftovers() } : {}),
  });

  const deaths = new DeathWatch(client, options.owner, (containerId) => {
    if (pool.forget(containerId)) return;
    const sandbox = [...active].find((s) => s.hasHost(containerId));
    if (!sandbox || sandbox.isClosed) return;
    sandbox.hostDied().then(
      () => options.onReap?.(sandbox, 'died'),
      (error: unknown) => onError(error, 'removing a sandbox whose host stopped'),
    );
  });

  const where = 'socketPath' in options.endpoint ? options.endpoint.socketPath : `${options.endpoint.host}:${options.endpoint.port}`;
  const initialise = async () => {
    try {
      await client.request('GET', '/_ping', { timeoutMs: 10_000 });
    } catch (error) {
      throw new Error(`no Docker engine answers at ${where} (DOCKER_HOST): ${error instanceof Error ? error.message : String(error)}`);
    }
    // Never a sandbox host whose root is the machine's root, unless explicitly allowed.
    const info = await client.request<EngineInfo>('GET', '/info', { timeoutMs: 10_000 });
    const choice = chooseIsolation(info, { runtime: options.runtime, privileged: options.privileged, allowRootOnMachine: options.allowRootOnMachine, engine: where });
    if ('error' in choice) throw new Error(choice.error);
    context.isolation = choice.isolation;
    try {
      await client.request('GET', `/images/${encodeURIComponent(options.image)}/json`);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) {
        throw new Error(`the sandbox image ${options.image} is missing: build it with images/sandbox-host/build.sh`);
      }
      throw error;
    }
    if (keeper) {
      // Sessions of a previous run (crashed, killed, restarted) come back to their hosts.
      await keeper.adoptLeftovers();
      keeper.start();
    } else {
      // A previous run of this server (crashed, killed) left these; nothing could resume them.
      await removeLabelled(client, { [LABEL.owner]: options.owner, ...options.labels });
    }
    pool.fill();
    reaper.start();
    deaths.start();
  };
  /** The start-up, shared by everyone waiting for it; tried again after a failure. */
  let started: Promise<void> | undefined;
  const initialised = () => {
    started ??= initialise().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
  // begin at once, so the pool is warm before the first learner; create() reports failures
  initialised().catch(ignoreError('create() awaits it again and reports the failure'));

  const driver: DockerDriver = {
    name: 'docker',
    options,
    ready: initialised,
    async warm() {
      await initialised();
      await pool.full();
    },
    stats: () => ({ active: active.size, pooled: pool.counts() }),
    pooled: () => Object.values(pool.counts()).reduce((sum, n) => sum + n, 0),
    async ping() {
      await client.request('GET', '/_ping', { timeoutMs: PING_TIMEOUT_MS });
    },
    reap: (now) => reaper.sweep(now),
    isolation: () => context.isolation,

    async create(sandboxOptions: SandboxOptions = {}): Promise<Sandbox> {
      if (closed) throw new Error('the Docker driver is closed');
      const profile = resolveProfile(sandboxOptions.profile);
      if (active.size + creating >= options.maxSessions) {
        throw new SandboxCapacityError(`All ${options.maxSessions} sandboxes are in use. Please try again in a few minutes.`);
      }
      creating++;
      let sandbox: DockerSandbox;
      try {
        await initialised();
        const expiresAt = Date.now() + options.ttlMs;
        const session = sandboxOptions.session ? { ...sandboxOptions.session, profile: sandboxOptions.profile ?? DEFAULT_PROFILE } : undefined;
        let group = pool.take(profile);
        // A pooled group another process adopted meanwhile (this one's heartbeat lapsed) is not ours to hand out.
        if (group && keeper && session && !(await keeper.handOver(group, session, true))) group = undefined;
        if (group) {
          // the host's own watchdog learns the session's deadline; not worth waiting for
          group.setDeadline(expiresAt + options.backstopGraceMs).catch((error: unknown) => onError(error, 'setting a sandbox deadline'));
        } else {
          group = await startGroup(profile, options.ttlMs);
          if (keeper && session) await keeper.handOver(group, session, false);
        }
        if (closed) {
          await group.remove();
          throw new Error('the Docker driver is closed');
        }
        sandbox = new DockerSandbox(group, expiresAt, forget, { kept: keeper !== undefined, ...(session ? { sessionId: session.id } : {}) });
        active.add(sandbox);
      } finally {
        creating--;
      }
      // Outside the count of sandboxes being created: an active one under setup counts once, not twice.
      return withSetup(sandbox, sandboxOptions.setup);
    },

    async resume(id: string, sandboxOptions: SandboxOptions = {}): Promise<ResumedSandbox | undefined> {
      if (!keeper || closed) return undefined;
      await initialised();
      // resolved only to refuse an unknown one; the claim is under the name the session asked for
      resolveProfile(sandboxOptions.profile);
      const found = await keeper.resume(id, sandboxOptions.profile ?? DEFAULT_PROFILE);
      if (!found) return undefined;
      return { sandbox: found.sandbox, session: { id, createdAt: found.claim.createdAt, expiresAt: found.claim.expiresAt } };
    },

    onLost(listener) {
      keeper?.onLost(listener);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      deaths.stop();
      await reaper.stop();
      await keeper?.stop();
      // Kept sandboxes stay on the engine for the next process; pooled ones are removed either way.
      const sandboxes = [...active].map((sandbox) => (keeper ? sandbox.suspend() : sandbox.close()));
      await Promise.allSettled([pool.close(), ...sandboxes]);
      await keeper?.settled();
      client.close();
    },
  };
  return driver;
}

function logError(error: unknown, context: string): void {
  console.error(`docker driver: ${context}: ${error instanceof Error ? error.message : String(error)}`);
}
