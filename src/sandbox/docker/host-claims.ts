/**
 * Which server process holds which sandbox host. The engine's labels say whose a sandbox is (owner,
 * expiry) but cannot change after creation, so the session a pooled sandbox was handed to, and the
 * process serving it now, live here, where every replica sees them: the classroom database when the
 * server runs (src/server/sandbox-host-claims.ts), memory for tests. A process that starts finds the
 * sandboxes its predecessor left and adopts them instead of removing them (adoption.ts).
 *
 * Every holder beats a heartbeat on the rows it holds; a holder whose heartbeat is old has stopped,
 * and its sandboxes may be adopted. A learner who reconnects takes their sandbox over wherever they
 * land, live holder or not, as the simulator's journals do: the old holder finds it gone on its next beat.
 */
import { sessionHash } from '../session-hash.ts';

/** A holder that has not beaten for this long has stopped (several missed beats, not one slow query). */
export const HOLDER_STALE_MS = 20_000;
/** How often a holder beats, which is also how often it notices sandboxes taken over by another. */
export const DEFAULT_HEARTBEAT_MS = 5_000;

/** One sandbox's row. */
export interface HostClaim {
  /** The sandbox id (the engine's `vethlab.sandbox` label). */
  sandboxId: string;
  /** The driver's owner (`SANDBOX_OWNER`): replicas sharing an engine and a database share one. */
  owner: string;
  holder: string;
  /**
   * The profile the session asked for ('default', 'two-nodes', a lab's 'lab.<slug>'); for a pooled
   * sandbox, its hosts' profile. A session is found again only under the profile it was made for.
   */
  profile: string;
  /** SHA-256 of the session it was handed to; undefined while it waits in a pool. */
  sessionHash: string | undefined;
  /** Milliseconds since the epoch: the session's start and hard end (for a pooled one, its deadline). */
  createdAt: number;
  expiresAt: number;
  /** When the holder last beat. */
  heartbeatAt: number;
}

/** The session a sandbox is handed to. */
export interface SessionAssignment {
  id: string;
  /** The profile the session asked for (HostClaim.profile). */
  profile: string;
  createdAt: number;
  expiresAt: number;
}

/** A session's sandbox, as `claimSession` finds it. */
export interface SessionClaim {
  sandboxId: string;
  createdAt: number;
  expiresAt: number;
}

export interface HostClaimStore {
  /** Record sandbox `claim.sandboxId` as held by `claim.holder` (a new pooled or session sandbox); replaces an old row. */
  put(claim: HostClaim): Promise<void>;
  /**
   * Hand `holder`'s pooled sandbox to a session: set its session, the session's profile and times.
   * False (nothing changed) when `holder` no longer holds it.
   */
  assign(sandboxId: string, holder: string, session: SessionAssignment): Promise<boolean>;
  /**
   * Make `holder` the holder of session `id`'s sandbox of `owner` and `profile`, whoever held it;
   * undefined (nothing taken) when there is none or it expired at `now`.
   */
  claimSession(id: string, owner: string, profile: string, holder: string, now: number): Promise<SessionClaim | undefined>;
  /** Move sandbox `sandboxId` from the stopped holder `from` to `holder`; false when someone else got there first. */
  takeOver(sandboxId: string, from: string, holder: string, now: number): Promise<boolean>;
  /** Every row of `owner`. */
  list(owner: string): Promise<HostClaim[]>;
  /** Beat `holder`'s heartbeat on all its rows at `now`; returns the sandbox ids it holds. */
  heartbeat(holder: string, now: number): Promise<string[]>;
  /** Delete sandbox `sandboxId`'s row if `holder` holds it (the sandbox was removed). */
  release(sandboxId: string, holder: string): Promise<void>;
  /** Delete a row whatever its holder (the sandbox is gone from the engine). */
  forget(sandboxId: string): Promise<void>;
}

/** Whether `claim`'s holder has stopped beating at `now`. */
export function holderStopped(claim: HostClaim, now: number): boolean {
  return now - claim.heartbeatAt >= HOLDER_STALE_MS;
}

/** A store in memory: tests, and the shape every other store must have. */
export class MemoryHostClaimStore implements HostClaimStore {
  readonly rows = new Map<string, HostClaim>();

  async put(claim: HostClaim): Promise<void> {
    this.rows.set(claim.sandboxId, { ...claim });
  }

  async assign(sandboxId: string, holder: string, session: SessionAssignment): Promise<boolean> {
    const row = this.rows.get(sandboxId);
    if (row?.holder !== holder) return false;
    Object.assign(row, { sessionHash: sessionHash(session.id), profile: session.profile, createdAt: session.createdAt, expiresAt: session.expiresAt });
    return true;
  }

  async claimSession(id: string, owner: string, profile: string, holder: string, now: number): Promise<SessionClaim | undefined> {
    const hash = sessionHash(id);
    const row = [...this.rows.values()].find((r) => r.sessionHash === hash && r.owner === owner && r.profile === profile && r.expiresAt > now);
    if (!row) return undefined;
    row.holder = holder;
    row.heartbeatAt = now;
    return { sandboxId: row.sandboxId, createdAt: row.createdAt, expiresAt: row.expiresAt };
  }

  async takeOver(sandboxId: string, from: string, holder: string, now: number): Promise<boolean> {
    const row = this.rows.get(sandboxId);
    if (row?.holder !== from) return false;
    row.holder = holder;
    row.heartbeatAt = now;
    return true;
  }

  async list(owner: string): Promise<HostClaim[]> {
    return [...this.rows.values()].filter((row) => row.owner === owner).map((row) => ({ ...row }));
  }

  async heartbeat(holder: string, now: number): Promise<string[]> {
    const held = [...this.rows.values()].filter((row) => row.holder === holder);
    for (const row of held) row.heartbeatAt = now;
    return held.map((row) => row.sandboxId);
  }

  async release(sandboxId: string, holder: string): Promise<void> {
    if (this.rows.get(sandboxId)?.holder === holder) this.rows.delete(sandboxId);
  }

  async forget(sandboxId: string): Promise<void> {
    this.rows.delete(sandboxId);
  }
}
