/**
 * Randomness for ids, MAC addresses and names. Tests pass a seeded source so that container ids
 * and bridge MACs are the same on every run; the terminal uses the platform's CSPRNG.
 */

/** A source of random bytes. */
export interface Random {
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** Random bytes from globalThis.crypto (Web Crypto works in Node, browsers and workers). */
export function cryptoRandom(): Random {
  return {
    bytes(n) {
      const b = new Uint8Array(n);
      globalThis.crypto.getRandomValues(b);
      return b;
    },
  };
}

/** A deterministic source (xorshift32) for tests and replays. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0 || 0x9e3779b9;
  return {
    bytes(n) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        b[i] = s & 0xff;
      }
      return b;
    },
  };
}

/** `n` random bytes as lowercase hex (Docker ids are 32 bytes: 64 hex digits). */
export function randomHex(random: Random, n: number): string {
  let out = '';
  for (const byte of random.bytes(n)) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A random integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  const v = random.bytes(4).reduce((acc, byte) => acc * 256 + byte, 0);
  return v % n;
}
