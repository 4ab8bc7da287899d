/**
 * Per-key rate limits (sign-in per account and address, sign-up and join codes per address) over the
 * server's token bucket. In memory: right for one server process; several replicas would each allow
 * the rate (see docs/classroom.md).
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

/** Buckets by key; the oldest keys are dropped past MAX_KEYS so memory stays bounded. */
export class RateLimiter {
  readonly #rule: RateRule;
  readonly #now: () => number;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(rule: RateRule, now: () => number = Date.now) {
    this.#rule = rule;
    this.#now = now;
  }

  /** Take one request from `key`'s budget or throw 429 with a Retry-After. */
  take(key: string): void {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.#rule.burst, this.#rule.burst / this.#rule.perSeconds, this.#now);
      this.#buckets.set(key, bucket);
      if (this.#buckets.size > MAX_KEYS) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    if (!bucket.take(1)) {
      throw new ClassroomError('rate-limited', 'too many attempts, try again later', {
        retryAfter: Math.ceil(this.#rule.perSeconds / this.#rule.burst),
      });
    }
  }
}

/** One limiter per rule. */
export type RateLimiters = Record<keyof RateRules, RateLimiter>;

/** Fresh limiters for the given rules. */
export function createRateLimiters(rules: RateRules = DEFAULT_RATE_RULES, now?: () => number): RateLimiters {
  return {
    signIn: new RateLimiter(rules.signIn, now),
    signInAddress: new RateLimiter(rules.signInAddress, now),
    signUp: new RateLimiter(rules.signUp, now),
    join: new RateLimiter(rules.join, now),
    progress: new RateLimiter(rules.progress, now),
    credentials: new RateLimiter(rules.credentials, now),
  };
}
