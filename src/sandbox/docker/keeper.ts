/**
 * The Docker driver's half of sandboxes that outlive the server process: it writes a claim for every
 * sandbox this process starts or hands to a session, beats the heartbeat on them, adopts what the
 * owner's stopped processes left (adoption.ts), and finds a session's sandbox again for `resume`.
 * Without a claim store the driver does none of this and removes its owner's leftovers at start-up.
 */
import type { SessionInfo } from '../driver.ts';
import { sessionHash } from '../session-hash.ts';
import { intact, listEngineSandboxes, planAdoption, type AdoptionStep, type EngineSandbox } from './adoption.ts';
import { DEFAULT_HEARTBEAT_MS, type HostClaimStore, type SessionClaim } from './host-claims.ts';
import { HostGroup, type EngineContext } from './host-group.ts';
import { LABEL } from './labels.ts';
import { removeLabelled } from './orphans.ts';
import type { WarmPool } from './pool.ts';
import { DockerSandbox } from './sandbox.ts';

/** Where the claims live and who this process is. */
export interface KeepOptions {
  store: HostClaimStore;
  /** This process (unique per start, like the simulator's journal holder). */
  holder: string;
  heartbeatMs?: number;
}

export interface KeeperContext {
  engine: EngineContext;
  keep: KeepOptions;
  /** The sandboxes handed out and not closed (adopted ones join it). */
  active: Set<DockerSandbox>;
  pool: WarmPool;
  /** What a new DockerSandbox calls when it closes or suspends. */
  onClose: (sandbox: DockerSandbox) => void;
  onError: (error: unknown, context: string) => void;
}

/** A session as the claim store needs it: its times and the profile it asked for. */
type SessionTimes = Pick<SessionInfo, 'id' | 'createdAt' | 'expiresAt'> & { profile: string };

export class HostKeeper {
  private readonly context: KeeperContext;
  private readonly store: HostClaimStore;
  private readonly holder: string;
  private readonly owner: string;
  /** Sandboxes whose claim this process wrote or took: the ones a heartbeat must find still held. */
  private readonly claimed = new Set<string>();
  private readonly lostListeners: ((sessionId: string) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private beating: Promise<void> | undefined;
  /** Claims being dropped: a closing driver waits for them before the database goes. */
  private readonly releasing = new Set<Promise<void>>();

  constructor(context: KeeperContext) {
    this.context = context;
    this.store = context.keep.store;
    this.holder = context.keep.holder;
    this.owner = context.engine.options.owner;
  }

  onLost(listener: (sessionId: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** Begin beating (after the first adoption). */
  start(): void {
    this.timer ??= setInterval(() => void this.beat(), this.context.keep.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** Claim a group this process just started for its pool (no session yet). */
  pooled(group: HostGroup, expiresAt: number): Promise<void> {
    return this.put(group, undefined, expiresAt);
  }

  /**
   * Write that `group` now serves `session`: a pooled group's claim gets the session, a cold one a
   * claim of its own. False when another process took the pooled group over meanwhile (do not use it).
   */
  async handOver(group: HostGroup, session: SessionTimes, fromPool: boolean): Promise<boolean> {
    if (fromPool && this.claimed.has(group.id)) {
      try {
        if (await this.store.assign(group.id, this.holder, session)) return true;
        this.claimed.delete(group.id);
        return false;
      } catch (error) {
        // The database being down costs the session its survival of a restart, not the session.
        this.context.onError(error, 'recording a sandbox host claim');
        return true;
      }
    }
    await this.put(group, session, session.expiresAt);
    return true;
  }

  /** The group's hosts are gone: drop its claim. */
  removed(sandboxId: string): void {
    this.claimed.delete(sandboxId);
    const release = this.store.release(sandboxId, this.holder).catch((error: unknown) => this.context.onError(error, 'dropping a sandbox host claim'));
    this.releasing.add(release);
    void release.finally(() => this.releasing.delete(release));
  }

  /** Resolves once every claim being dropped is. */
  async settled(): Promise<void> {
    await Promise.all([...this.releasing]);
  }

  /** Session `id`'s sandbox of `profile`, taken over from whoever held it; undefined when there is none or it is gone. */
  async resume(id: string, profile: string): Promise<{ sandbox: DockerSandbox; claim: SessionClaim } | undefined> {
    const claim = await this.store.claimSession(id, this.owner, profile, this.holder, Date.now());
    if (!claim) return undefined;
    this.claimed.add(claim.sandboxId);
    let sandbox = [...this.context.active].find((s) => s.group.id === claim.sandboxId && !s.isClosed);
    if (!sandbox) {
      const found = (await this.engineSandboxes({ [LABEL.sandbox]: claim.sandboxId }))[0];
      // Gone (its deadline passed), expired or broken: the session cannot come back; the learner gets a fresh one.
      if (!found || found.expiresAt <= Date.now() || !intact(found)) {
        this.claimed.delete(claim.sandboxId);
        await this.store.forget(claim.sandboxId);
        if (found) await this.removeFound(found);
        return undefined;
      }
      sandbox = this.adoptSession(found, claim.expiresAt);
    }
    sandbox.sessionId = id;
    return { sandbox, claim };
  }

  /** Adopt, leave or remove what the owner's processes left on the engine (at start-up, and with every reaper pass). */
  async adoptLeftovers(): Promise<void> {
    const [sandboxes, claims] = await Promise.all([this.engineSandboxes({}), this.store.list(this.owner)]);
    const { readyTimeoutMs, image } = this.context.engine.options;
    const own = new Set([...[...this.context.active].map((sandbox) => sandbox.group.id), ...this.context.pool.groupIds()]);
    const steps = planAdoption(sandboxes, claims, { now: Date.now(), holder: this.holder, own, image, startGraceMs: readyTimeoutMs + 60_000 });
    await Promise.all(steps.map((step) => this.apply(step).catch((error: unknown) => this.context.onError(error, `adopting sandbox hosts (${step.kind})`))));
  }

  private async apply(step: AdoptionStep): Promise<void> {
    switch (step.kind) {
      case 'leave':
        return;
      case 'forget':
        return this.store.forget(step.claim.sandboxId);
      case 'remove':
        await this.removeFound(step.sandbox);
        return this.store.forget(step.sandbox.id);
      case 'adopt-session':
      case 'adopt-pooled': {
        if (!(await this.store.takeOver(step.sandbox.id, step.claim.holder, this.holder, Date.now()))) return;
        this.claimed.add(step.sandbox.id);
        if (step.kind === 'adopt-session') {
          this.adoptSession(step.sandbox, step.claim.expiresAt);
          return;
        }
        const group = HostGroup.adopt(this.context.engine, step.sandbox);
        // a full pool: this one is not needed (removing it drops the claim)
        if (!this.context.pool.adopt(group)) await group.remove();
      }
    }
  }

  private adoptSession(found: EngineSandbox, expiresAt: number): DockerSandbox {
    const sandbox = new DockerSandbox(HostGroup.adopt(this.context.engine, found), expiresAt, this.context.onClose, { kept: true });
    this.context.active.add(sandbox);
    return sandbox;
  }

  /** One heartbeat: sandboxes this process claimed but no longer holds were taken over; let them go. */
  private beat(): Promise<void> {
    this.beating ??= (async () => {
      try {
        const held = new Set(await this.store.heartbeat(this.holder, Date.now()));
        for (const sandboxId of [...this.claimed]) {
          if (held.has(sandboxId)) continue;
          this.claimed.delete(sandboxId);
          this.context.pool.drop(sandboxId);
          for (const sandbox of [...this.context.active].filter((s) => s.group.id === sandboxId)) {
            await sandbox.suspend();
            if (sandbox.sessionId !== undefined) for (const listener of this.lostListeners) listener(sandbox.sessionId);
          }
        }
      } catch (error) {
        this.context.onError(error, 'beating the sandbox host heartbeat');
      } finally {
        this.beating = undefined;
      }
    })();
    return this.beating;
  }

  private async put(group: HostGroup, session: SessionTimes | undefined, expiresAt: number): Promise<void> {
    const now = Date.now();
    try {
      await this.store.put({
        sandboxId: group.id,
        owner: this.owner,
        holder: this.holder,
        // a session is found again under the profile it asked for (a lab's runs on its host profile's hosts)
        profile: session?.profile ?? group.profile,
        sessionHash: session ? sessionHash(session.id) : undefined,
        createdAt: session?.createdAt ?? now,
        expiresAt,
        heartbeatAt: now,
      });
      this.claimed.add(group.id);
    } catch (error) {
      this.context.onError(error, 'recording a sandbox host claim');
    }
  }

  /** Remove a sandbox this process has no group for, by its labels. */
  private async removeFound(found: EngineSandbox): Promise<void> {
    await removeLabelled(this.context.engine.client, { ...this.context.engine.options.labels, [LABEL.owner]: this.owner, [LABEL.sandbox]: found.id });
  }

  private engineSandboxes(labels: Record<string, string>): Promise<EngineSandbox[]> {
    const { options } = this.context.engine;
    return listEngineSandboxes(this.context.engine.client, { ...options.labels, [LABEL.owner]: this.owner, ...labels });
  }
}
