/**
 * Per-address limits on the sandbox socket, checked at the HTTP upgrade so a refused client costs no
 * WebSocket: open connections per address, and new connections (each may start a sandbox) per address
 * per minute. Beyond either, the upgrade is answered 429.
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress, nodeHeaders } from '../http/forwarded.ts';
import { TokenBucket } from '../sandbox/connection/token-bucket.ts';

export interface IpLimitSettings {
  /** Open sandbox sockets per address (SANDBOX_MAX_CONNECTIONS_PER_IP). */
  maxConnectionsPerIp: number;
  /** New sandbox sockets per address per minute, as a burst of this size refilled over a minute (SANDBOX_SESSIONS_PER_IP_PER_MINUTE). */
  sessionsPerIpPerMinute: number;
  /** TRUST_PROXY=1: the address is the last X-Forwarded-For entry (our own proxy's). */
  trustProxy: boolean;
}

/**
 * Defaults sized for a classroom behind one school NAT (30 learners, two terminals each, all opening
 * the lesson at once); a public deployment of the real driver should lower them.
 */
export const DEFAULT_IP_LIMITS: IpLimitSettings = {
  maxConnectionsPerIp: 100,
  sessionsPerIpPerMinute: 120,
  trustProxy: false,
};

/** Buckets untouched this long are full again and are forgotten. */
const FORGET_AFTER_MS = 2 * 60_000;

/** Why an upgrade was refused, for the log. */
export type IpRefusal = 'connections' | 'rate';

/** Counts sockets and connection attempts per client address. */
export class IpLimits {
  private readonly settings: IpLimitSettings;
  private readonly now: () => number;
  private readonly open = new Map<string, number>();
  private readonly buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  private sweptAt: number;

  constructor(settings: IpLimitSettings = DEFAULT_IP_LIMITS, now: () => number = Date.now) {
    this.settings = settings;
    this.now = now;
    this.sweptAt = now();
  }

  /** The client's address for `request`. */
  addressOf(request: IncomingMessage): string {
    return clientAddress(nodeHeaders(request.headers), request.socket.remoteAddress, this.settings.trustProxy);
  }

  /**
   * Admit a new socket from `address`: returns a release function to call when it closes, or why it
   * is refused. A refused attempt costs nothing.
   */
  admit(address: string): { ok: true; release: () => void } | { ok: false; reason: IpRefusal } {
    this.sweep();
    const open = this.open.get(address) ?? 0;
    if (open >= this.settings.maxConnectionsPerIp) return { ok: false, reason: 'connections' };
    if (!this.bucketOf(address).take(1)) return { ok: false, reason: 'rate' };
    this.open.set(address, open + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.open.get(address) ?? 1) - 1;
        if (left <= 0) this.open.delete(address);
        else this.open.set(address, left);
      },
    };
  }

  /** Open sockets from `address` (tests). */
  openFrom(address: string): number {
    return this.open.get(address) ?? 0;
  }

  private bucketOf(address: string): TokenBucket {
    const now = this.now();
    let entry = this.buckets.get(address);
    if (!entry) {
      const perMinute = this.settings.sessionsPerIpPerMinute;
      entry = { bucket: new TokenBucket(perMinute, perMinute / 60, this.now), usedAt: now };
      this.buckets.set(address, entry);
    }
    entry.usedAt = now;
    return entry.bucket;
  }

  /** Drop buckets that have refilled, so a scan of many addresses does not grow memory for ever. */
  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < FORGET_AFTER_MS) return;
    this.sweptAt = now;
    for (const [address, entry] of this.buckets) if (now - entry.usedAt >= FORGET_AFTER_MS) this.buckets.delete(address);
  }
}
