/**
 * Password hashing with scrypt at OWASP's parameters (N=2^17, r=8, p=1). Hashes carry their parameters
 * ("scrypt$17$8$1$<salt>$<key>") so they can be raised later and old hashes still verify.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ClassroomError } from './errors.ts';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17 (128 MiB), r=8, p=1. */
export const OWASP_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Longer inputs are refused before hashing: nobody types them and they only cost CPU. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 12;

/** Memory scrypt needs, 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default), so we raise it. */
export function scryptMemory(params: ScryptParams): number {
  return 128 * 2 ** params.logN * params.r * params.p;
}

/** Hashes and verifies passwords, at most `concurrency` at a time (each takes 128 MiB at OWASP cost). */
export interface PasswordHasher {
  readonly params: ScryptParams;
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spend the same time as a verify, for unknown accounts (no user enumeration by timing). */
  verifyNothing(password: string): Promise<false>;
  /** Whether a stored hash was made with weaker parameters than the current ones. */
  needsRehash(stored: string): boolean;
  /**
   * The same hasher for account changes (sign-up, credentials, password change and reset): these go
   * through a lane of their own that holds at most one of the shared slots, so a flood of them, even
   * within the rate limits, leaves the other slot to sign-ins.
   */
  readonly changes: PasswordHasher;
}

/**
 * Check `password` against a stored hash, or spend the same time saying no when there is none (no
 * such account, or one without a password): a sign-in takes as long whichever was wrong.
 */
export function verifyStored(hasher: PasswordHasher, password: string, stored: string | null | undefined): Promise<boolean> {
  return stored != null ? hasher.verify(password, stored) : hasher.verifyNothing(password);
}

/**
 * Hashes that may wait for a free slot. Past this a request is refused at once (429) instead of
 * queueing: a flood then costs others at most (queue / concurrency + 1) hash times of waiting.
 */
export const MAX_QUEUED_HASHES = 8;
/** Account changes that may wait for the change lane; past this they are refused at once (429). */
export const MAX_QUEUED_CHANGES = 4;

/** A hasher with the given parameters; tests use a lower cost, production the default. */
export function createPasswordHasher(params: ScryptParams = OWASP_SCRYPT, concurrency = 2, maxQueued = MAX_QUEUED_HASHES): PasswordHasher {
  const gate = new Semaphore(concurrency, maxQueued);
  // One account change in the shared gate at a time (running or waiting), the rest wait here.
  const changeLane = new Semaphore(1, MAX_QUEUED_CHANGES);
  let dummy: Promise<string> | undefined;

  async function derive(password: string, salt: Buffer, p: ScryptParams, lane?: Semaphore): Promise<Buffer> {
    return lane ? lane.run(() => deriveInGate(password, salt, p)) : deriveInGate(password, salt, p);
  }

  async function deriveInGate(password: string, salt: Buffer, p: ScryptParams): Promise<Buffer> {
    const options: ScryptOptions = {
      N: 2 ** p.logN,
      r: p.r,
      p: p.p,
      maxmem: scryptMemory(p) + 16 * 1024 * 1024,
    };
    return gate.run(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
        }),
    );
  }

  function view(lane: Semaphore | undefined): Omit<PasswordHasher, 'params' | 'needsRehash' | 'changes'> {
    const self = {
      async hash(password: string) {
        const salt = randomBytes(SALT_LENGTH);
        const key = await derive(password, salt, params, lane);
        return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
      },
      async verify(password: string, stored: string) {
        const parsed = parseHash(stored);
        if (parsed === undefined) return false;
        const key = await derive(password, parsed.salt, parsed.params, lane);
        return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
      },
      async verifyNothing(password: string): Promise<false> {
        dummy ??= self.hash('not the password of anyone');
        await self.verify(password, await dummy);
        return false;
      },
    };
    return self;
  }

  function needsRehash(stored: string): boolean {
    const parsed = parseHash(stored);
    return parsed === undefined || parsed.params.logN < params.logN || parsed.params.r < params.r || parsed.params.p < params.p;
  }

  const changes: PasswordHasher = {
    params,
    needsRehash,
    ...view(changeLane),
    get changes() {
      return changes;
    },
  };
  const hasher: PasswordHasher = { params, needsRehash, ...view(undefined), changes };
  return hasher;
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [logN, r, p] = parts.slice(1, 4).map(Number);
  if (![logN, r, p].every((n) => Number.isInteger(n) && (n as number) > 0)) return undefined;
  // Refuse absurd stored parameters rather than allocate gigabytes for them.
  if ((logN as number) > 20 || (r as number) > 32 || (p as number) > 16) return undefined;
  return {
    params: { logN: logN as number, r: r as number, p: p as number },
    salt: Buffer.from(parts[4] as string, 'base64'),
    key: Buffer.from(parts[5] as string, 'base64'),
  };
}

/**
 * Caps how many hashes run at once, so a burst of sign-ins cannot take gigabytes of memory, and how
 * many wait, so a burst cannot make everyone else wait seconds.
 */
class Semaphore {
  #free: number;
  readonly #maxWaiting: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number, maxWaiting: number) {
    this.#free = size;
    this.#maxWaiting = maxWaiting;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else if (this.#waiting.length >= this.#maxWaiting) {
      throw new ClassroomError('rate-limited', 'the server is busy checking passwords, try again shortly', { retryAfter: 1 });
    } else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
