/**
 * The driver's backstop behind the session registry: closes sandboxes past their hard lifetime
 * or idle too long, replaces stale pooled ones, and removes anything on the engine past its expiry
 * label, which covers sandboxes of a server that crashed and never came back.
 */
import type { EngineClient } from './engine-client.ts';
import { removeExpired } from './orphans.ts';
import type { WarmPool } from './pool.ts';
import type { DockerSandbox } from './sandbox.ts';

/** Why the driver itself ended a sandbox: past its TTL, idle, or a host stopped on its own. */
export type ReapReason = 'expired' | 'idle' | 'died';

export interface ReaperOptions {
  client: EngineClient;
  intervalMs: number;
  idleMs: number;
  /** Added to both limits: the session registry gets the first go. */
  graceMs: number;
  /** The sandboxes handed out and not closed. */
  sandboxes: () => Iterable<DockerSandbox>;
  pool: WarmPool;
  onReap: (sandbox: DockerSandbox, reason: ReapReason) => void;
  onError: (error: unknown, context: string) => void;
  /** Adopt what stopped processes of the owner left since the last pass (keeper.ts), when sandboxes are kept. */
  adoptLeftovers?: () => Promise<void>;
}

/** Why `sandbox` should go at `now`, if it should. */
export function reapReason(sandbox: DockerSandbox, now: number, idleMs: number, graceMs: number): ReapReason | undefined {
  if (now >= sandbox.expiresAt + graceMs) return 'expired';
  if (now - sandbox.lastActivity >= idleMs + graceMs) return 'idle';
  return undefined;
}

export class Reaper {
  private readonly options: ReaperOptions;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(options: ReaperOptions) {
    this.options = options;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    // reaping alone must not keep a process alive
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One pass; overlapping calls share it. */
  sweep(now = Date.now()): Promise<void> {
    this.sweeping ??= this.pass(now).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async pass(now: number): Promise<void> {
    const { options } = this;
    const closing: Promise<void>[] = [];
    for (const sandbox of [...options.sandboxes()]) {
      const reason = reapReason(sandbox, now, options.idleMs, options.graceMs);
      if (!reason) continue;
      closing.push(
        sandbox.close().then(
          () => options.onReap(sandbox, reason),
          (error: unknown) => options.onError(error, `reaping an ${reason} sandbox`),
        ),
      );
    }
    await Promise.all(closing);
    options.pool.recycle(now);
    try {
      await removeExpired(options.client, now);
    } catch (error) {
      options.onError(error, 'removing expired sandboxes');
    }
    try {
      await options.adoptLeftovers?.();
    } catch (error) {
      options.onError(error, 'adopting sandbox hosts of stopped processes');
    }
  }
}
