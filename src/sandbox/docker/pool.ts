/**
 * The warm pool: started sandbox groups waiting for a learner, so create() is a hand-over, not
 * a start-up. One refill at a time (a start-up is CPU-heavy and the learners already on the
 * machine come first); a failing start-up backs off instead of hammering the engine.
 */
import type { HostGroup } from './host-group.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

export interface WarmPoolOptions {
  /** Groups to keep ready, per profile. */
  sizes: Record<string, number>;
  /** A group waiting longer than this is replaced (its expiry label was set at creation). */
  maxAgeMs: number;
  /** Start one group of `profile`. */
  start: (profile: string) => Promise<HostGroup>;
  /** A refill or removal failed; the pool carries on. */
  onError: (error: unknown, context: string) => void;
}

const MAX_BACKOFF_MS = 30_000;

export class WarmPool {
  private readonly options: WarmPoolOptions;
  private readonly ready = new Map<string, HostGroup[]>();
  private filling: Promise<void> | undefined;
  private closed = false;
  private failures = 0;
  private readonly waiters: (() => void)[] = [];
  /** Ends the back-off wait after a failed start early (on close). */
  private wake: (() => void) | undefined;

  constructor(options: WarmPoolOptions) {
    this.options = options;
    for (const profile of Object.keys(options.sizes)) this.ready.set(profile, []);
  }

  /** A ready group of `profile`, or undefined; the pool starts refilling either way. */
  take(profile: string): HostGroup | undefined {
    const groups = this.ready.get(profile) ?? [];
    const group = groups.shift();
    this.fill();
    return group;
  }

  /** The sandbox ids of the waiting groups. */
  groupIds(): string[] {
    return [...this.ready.values()].flat().map((group) => group.id);
  }

  /** Groups ready per profile. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.ready].map(([profile, groups]) => [profile, groups.length]));
  }

  /** Resolve once every profile has its size ready (for benchmarks and tests). */
  full(): Promise<void> {
    if (this.isFull()) return Promise.resolve();
    this.fill();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drop the waiting group that `containerId` belongs to (it stopped on its own); true if one did. */
  forget(containerId: string): boolean {
    for (const groups of this.ready.values()) {
      const group = groups.find((g) => g.hosts.some((host) => host.id === containerId));
      if (!group) continue;
      groups.splice(groups.indexOf(group), 1);
      this.discard(group);
      this.fill();
      return true;
    }
    return false;
  }

  /** Take a running group into the pool (adopted from a previous process); false when its profile's pool is full. */
  adopt(group: HostGroup): boolean {
    if (this.closed) return false;
    const groups = this.ready.get(group.profile);
    if (!groups || groups.length >= (this.options.sizes[group.profile] ?? 0)) return false;
    groups.push(group);
    return true;
  }

  /** Let go of waiting group `sandboxId` without removing it (another process holds it now); true if it was here. */
  drop(sandboxId: string): boolean {
    for (const groups of this.ready.values()) {
      const at = groups.findIndex((g) => g.id === sandboxId);
      if (at < 0) continue;
      groups.splice(at, 1);
      this.fill();
      return true;
    }
    return false;
  }

  /** Replace groups that waited too long. */
  recycle(now = Date.now()): void {
    for (const groups of this.ready.values()) {
      for (const group of groups.filter((g) => now - g.createdAt >= this.options.maxAgeMs)) {
        groups.splice(groups.indexOf(group), 1);
        this.discard(group);
      }
    }
    this.fill();
  }

  /** Start refilling in the background (no-op while a refill runs). */
  fill(): void {
    if (this.closed || this.filling) return;
    this.filling = this.refill().finally(() => {
      this.filling = undefined;
    });
  }

  /** Stop refilling and remove every waiting group. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.filling;
    const all = [...this.ready.values()].flat();
    this.ready.clear();
    await Promise.all(all.map((group) => group.remove().catch((error: unknown) => this.options.onError(error, 'removing a pooled sandbox'))));
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async refill(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const profile = this.missing();
      if (profile === undefined) break;
      try {
        const group = await this.options.start(profile);
        if (this.closed) {
          await group.remove().catch(ignoreError('the pool is closing; the reaper removes leftovers'));
          return;
        }
        const ready = this.ready.get(profile) ?? [];
        // an adopted group filled the place while this one started
        if (ready.length >= (this.options.sizes[profile] ?? 0)) {
          this.discard(group);
          continue;
        }
        ready.push(group);
        this.ready.set(profile, ready);
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.options.onError(error, `starting a pooled ${profile} sandbox`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures));
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private missing(): string | undefined {
    return Object.keys(this.options.sizes).find((profile) => (this.ready.get(profile)?.length ?? 0) < (this.options.sizes[profile] ?? 0));
  }

  private isFull(): boolean {
    return this.missing() === undefined;
  }

  private discard(group: HostGroup): void {
    group.remove().catch((error: unknown) => this.options.onError(error, 'removing a stale pooled sandbox'));
  }
}
