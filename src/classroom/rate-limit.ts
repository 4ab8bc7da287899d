/**
 * Per-key rate limits (sign-in per account and address, sign-up and join codes per address) as token
 * buckets in a RateStore: the classroom database by default (rate-store.ts), so that N replicas allow
 * the rate once, not N times; in memory for tests and tools.
 */
import { TokenBucket } from '../sandbox/connection/token-bucket.ts';
import { ClassroomError } from './errors.ts';

/** `burst` requests at once, refilled to `burst` over `perSeconds`. */
export interface RateRule {
  burst: number;
  perSeconds: number;
}

/** The limits the classroom applies; each is keyed as its name says. */
export interface RateRules {
  /** Per account (email) and client address. */
  signIn: RateRule;
  /** Per client address, over all accounts (credential stuffing). */
  signInAddress: RateRule;
  /** Per client address. */
  signUp: RateRule;
  /** Join attempts per client address (a class behind one school NAT joins at once, hence the burst). */
  join: RateRule;
  /** Progress reports per student. */
  progress: RateRule;
  /** Password changes, credential updates and resets (each hashes), per account. */
  credentials: RateRule;
}

export const DEFAULT_RATE_RULES: RateRules = {
  signIn: { burst: 5, perSeconds: 60 },
  signInAddress: { burst: 30, perSeconds: 60 },
  signUp: { burst: 5, perSeconds: 600 },
  join: { burst: 60, perSeconds: 60 },
  progress: { burst: 120, perSeconds: 60 },
  credentials: { burst: 5, perSeconds: 600 },
};

const MAX_KEYS = 50_000;

/** Where the buckets live: one process's memory, or the database every replica shares (rate-store.ts). */
export interface RateStore {
  /** Take one token from `bucket`, which holds `rule.burst` tokens refilled over `rule.perSeconds`; whether there was one. */
  take(bucket: string, rule: RateRule, now: number): Promise<boolean>;
}

/** Buckets in this process; the oldest keys are dropped past MAX_KEYS so memory stays bounded. */
export class MemoryRateStore implements RateStore {
  readonly #buckets = new Map<string, { bucket: TokenBucket; at: { now: number } }>();

  async take(key: string, rule: RateRule, now: number): Promise<boolean> {
    let entry = this.#buckets.get(key);
    if (entry === undefined) {
      const at = { now };
      entry = { bucket: new TokenBucket(rule.burst, rule.burst / rule.perSeconds, () => at.now), at };
      this.#buckets.set(key, entry);
      if (this.#buckets.size > MAX_KEYS) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    entry.at.now = now;
    return entry.bucket.take(1);
  }
}

/** One limit: its rule over a store, keyed as its name says. */
export class RateLimiter {
  readonly #name: string;
  readonly #rule: RateRule;
  readonly #store: RateStore;
  readonly #now: () => number;

  constructor(name: string, rule: RateRule, store: RateStore, now: () => number = Date.now) {
    this.#name = name;
    this.#rule = rule;
    this.#store = store;
    this.#now = now;
  }

  /** Take one request from `key`'s budget or throw 429 with a Retry-After. */
  async take(key: string): Promise<void> {
    if (!(await this.#store.take(`${this.#name}:${key}`, this.#rule, this.#now()))) {
      throw new ClassroomError('rate-limited', 'too many attempts, try again later', {
        retryAfter: Math.ceil(this.#rule.perSeconds / this.#rule.burst),
      });
    }
  }
}

/** One limiter per rule. */
export type RateLimiters = Record<keyof RateRules, RateLimiter>;

/** Limiters for the given rules over `store` (this process's memory unless given). */
export function createRateLimiters(rules: RateRules = DEFAULT_RATE_RULES, now?: () => number, store: RateStore = new MemoryRateStore()): RateLimiters {
  const limiter = (name: keyof RateRules) => new RateLimiter(name, rules[name], store, now);
  return {
    signIn: limiter('signIn'),
    signInAddress: limiter('signInAddress'),
    signUp: limiter('signUp'),
    join: limiter('join'),
    progress: limiter('progress'),
    credentials: limiter('credentials'),
  };
}
