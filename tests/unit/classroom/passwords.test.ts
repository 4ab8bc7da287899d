import { describe, expect, it } from 'vitest';
import { createPasswordHasher, OWASP_SCRYPT, scryptMemory } from '../../../src/classroom/passwords.ts';

describe('password hashing', () => {
  it('uses OWASP scrypt parameters by default: N=2^17, r=8, p=1', () => {
    expect(OWASP_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 });
    expect(createPasswordHasher().params).toEqual(OWASP_SCRYPT);
    // 128 MiB: more than Node's default maxmem of 32 MiB, which the hasher must raise.
    expect(scryptMemory(OWASP_SCRYPT)).toBe(128 * 1024 * 1024);
  });

  it('hashes at production cost and verifies with the stored parameters', async () => {
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hasher.verify('correct horse battery staple', stored)).toBe(true);
    expect(await hasher.verify('correct horse battery stapler', stored)).toBe(false);
  }, 30_000);

  it('salts: the same password hashes differently twice', async () => {
    const hasher = createPasswordHasher({ logN: 10, r: 8, p: 1 });
    expect(await hasher.hash('same password here')).not.toBe(await hasher.hash('same password here'));
  });

  it('flags hashes made with weaker parameters for rehashing', async () => {
    const weak = await createPasswordHasher({ logN: 10, r: 8, p: 1 }).hash('a long enough password');
    const strong = createPasswordHasher();
    expect(strong.needsRehash(weak)).toBe(true);
    expect(await strong.verify('a long enough password', weak)).toBe(true);
  });

  it('refuses malformed or absurd stored hashes without throwing', async () => {
    const hasher = createPasswordHasher({ logN: 10, r: 8, p: 1 });
    expect(await hasher.verify('x', 'plaintext')).toBe(false);
    expect(await hasher.verify('x', 'scrypt$30$8$1$AAAA$AAAA')).toBe(false);
  });

  it('verifyNothing spends a hash and says no (unknown accounts cost the same time)', async () => {
    const hasher = createPasswordHasher({ logN: 10, r: 8, p: 1 });
    expect(await hasher.verifyNothing('whatever')).toBe(false);
  });
});

describe('password hashing queue', () => {
  it('refuses with 429 instead of queueing past its bound, and serves again once drained', async () => {
    const hasher = createPasswordHasher({ logN: 12, r: 8, p: 1 }, 1, 2);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash('a long enough password')));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    // One running and two waiting were accepted; the other three were refused at once.
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(refused.map((e) => [e.code, e.status, e.retryAfter])).toEqual(Array(3).fill(['rate-limited', 429, 1]));
    await expect(hasher.hash('a long enough password')).resolves.toMatch(/^scrypt\$12\$/);
  });
});
