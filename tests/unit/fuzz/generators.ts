/**
 * Seeded input generators for the fuzz tests: the same seed gives the same inputs, so a failure
 * reproduces with FUZZ_SEED=<seed printed by the failing test>.
 */

/** mulberry32: a small, fast, seedable PRNG (not for secrets). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(length: number, min = 0, max = 255): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(min, max);
    return out;
  }
}

/** The seed: FUZZ_SEED from the environment, else a fixed default so CI runs are reproducible. */
export function fuzzSeed(fallback: number): number {
  const raw = process.env.FUZZ_SEED?.trim();
  return raw ? Number(raw) >>> 0 : fallback;
}

const encoder = new TextEncoder();

/** Commands of the course that only read state, so the fuzz does not grow the simulation on purpose. */
const COMMANDS = [
  'docker ps',
  'docker ps -a',
  'ip addr',
  'ip route',
  'ip link show',
  'docker network ls',
  'docker network inspect bridge',
  'docker images',
  'iptables -t nat -L -n',
  'cat /etc/hosts',
  'echo hello',
  'hostname',
  'brctl show',
  'ls /',
  'env',
  'history',
];

const WORDS = ['echo', 'docker', 'ip', 'a', '-la', '--format', '{{json .}}', '|', '||', '&&', ';', '&', '>', '<', '2>&1', '*', '~', '$HOME', '${x:-y}', '\\', '#'];

/** `$(…$(…)…)` or backquotes `depth` levels deep, sometimes unbalanced. */
function nested(rng: Rng, depth: number): string {
  const open = rng.pick(['$(', '`', '"', "'", '${', '((', '$((', '{ ', '( ']);
  const close: Record<string, string> = { '$(': ')', '`': '`', '"': '"', "'": "'", '${': '}', '((': '))', '$((': '))', '{ ': '; }', '( ': ')' };
  let text = 'echo x';
  for (let i = 0; i < depth; i++) {
    const o = rng.chance(0.8) ? open : rng.pick(Object.keys(close));
    text = `${o}echo ${text}${rng.chance(0.97) ? close[o] : ''}`;
  }
  return text;
}

function escapeSequence(rng: Rng): string {
  const params = Array.from({ length: rng.int(0, 6) }, () => String(rng.int(0, 99999))).join(';');
  switch (rng.int(0, 9)) {
    case 0:
      return `\x1b[${params}${String.fromCharCode(rng.int(0x40, 0x7e))}`;
    case 1: {
      // OSC 52: a request to set (or, with ?, read) the clipboard.
      const payload = rng.chance(0.3) ? '?' : Buffer.from(rng.bytes(rng.int(0, 200))).toString('base64');
      return `\x1b]52;${rng.pick(['c', 'p', 's', 'c0', ''])};${payload}${rng.pick(['\x07', '\x1b\\', ''])}`;
    }
    case 2:
      return `\x1b]${rng.int(0, 1000)};${'t'.repeat(rng.int(0, 300))}${rng.pick(['\x07', '\x1b\\', ''])}`;
    case 3:
      return `\x1bP${params}q${'#'.repeat(rng.int(0, 50))}\x1b\\`;
    case 4:
      return rng.pick(['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[3~', '\x1bOA', '\x1bb', '\x1bf', '\x1b[200~', '\x1b[201~']);
    case 5:
      return '\x1b'.repeat(rng.int(1, 20));
    case 6:
      return `\x9b${params}m\x9d0;title\x9c`; // C1 controls as code points
    case 7:
      return `\x1b[${'9'.repeat(rng.int(10, 400))}A`; // absurd parameters
    case 8:
      return `\x1b[?${params}h\x1b[?${params}l`;
    default:
      return `\x1b${String.fromCharCode(rng.int(0x20, 0x7e))}`;
  }
}

function invalidUtf8(rng: Rng): Uint8Array {
  const pieces: number[][] = [
    [0xff],
    [0xfe, 0xfe],
    [0xc0, 0xaf], // overlong '/'
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80], // a UTF-16 surrogate
    [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
    [0xe4, 0xbd], // a truncated 你
    [0x80, 0x80, 0x80],
    [0xf0, 0x9f, 0x98],
  ];
  const out: number[] = [];
  for (let i = rng.int(1, 30); i > 0; i--) {
    if (rng.chance(0.5)) out.push(...rng.pick(pieces));
    else out.push(...encoder.encode(rng.pick(['a', '你', 'é', '😀', ' ', '\r'])));
  }
  return Uint8Array.from(out);
}

/** The kinds of terminal input, each a fraction of the stream. */
export const TERMINAL_INPUT_KINDS = ['command', 'mutated-command', 'long-line', 'control', 'escape', 'osc52', 'invalid-utf8', 'random-bytes', 'nested', 'huge-paste'] as const;
export type TerminalInputKind = (typeof TERMINAL_INPUT_KINDS)[number];

/** One generated terminal input: what a learner, a paste or a hostile client could send. */
export function terminalInput(rng: Rng): { kind: TerminalInputKind; bytes: Uint8Array } {
  const roll = rng.next();
  const enter = () => (rng.chance(0.5) ? '\r' : '');
  if (roll < 0.12) return { kind: 'command', bytes: encoder.encode(rng.pick(COMMANDS) + '\r') };
  if (roll < 0.27) {
    const words = Array.from({ length: rng.int(1, 12) }, () => (rng.chance(0.6) ? rng.pick(WORDS) : rng.pick(COMMANDS)));
    return { kind: 'mutated-command', bytes: encoder.encode(words.join(rng.pick([' ', '', '  ', '\t'])) + enter()) };
  }
  if (roll < 0.35) {
    const char = String.fromCharCode(rng.int(0x21, 0x7e));
    return { kind: 'long-line', bytes: encoder.encode(`echo ${char.repeat(rng.int(1000, 12_000))}${enter()}`) };
  }
  if (roll < 0.47) return { kind: 'control', bytes: rng.bytes(rng.int(1, 8), 0, 31).map((b) => (b === 0x04 && rng.chance(0.9) ? 0x07 : b)) };
  if (roll < 0.6) return { kind: 'escape', bytes: encoder.encode(Array.from({ length: rng.int(1, 4) }, () => escapeSequence(rng)).join('') + enter()) };
  if (roll < 0.65) return { kind: 'osc52', bytes: encoder.encode(`echo -e '\\e]52;c;${Buffer.from('rm -rf /').toString('base64')}\\a'\r`) };
  if (roll < 0.75) return { kind: 'invalid-utf8', bytes: invalidUtf8(rng) };
  if (roll < 0.87) return { kind: 'random-bytes', bytes: rng.bytes(rng.int(1, 64)) };
  if (roll < 0.9995) return { kind: 'nested', bytes: encoder.encode(nested(rng, rng.int(1, rng.chance(0.05) ? 200 : 12)) + enter()) };
  // A huge paste: many lines at once, as a browser paste of a log file would send.
  const lines = Array.from({ length: rng.int(200, 2000) }, () => rng.pick(COMMANDS)).join('\n');
  return { kind: 'huge-paste', bytes: encoder.encode(`\x1b[200~${lines}\x1b[201~`) };
}

/** A generated text frame for the control channel: mostly near-valid JSON, some garbage. */
export function controlFrame(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.1) return Buffer.from(rng.bytes(rng.int(0, 64), 0x20, 0x7e)).toString('latin1');
  if (roll < 0.2) return rng.pick(['', 'null', '[]', '1', '"hello"', '{', '{}', '{"type":null}', '{"__proto__":{"type":"hello"}}', '{"type":"hello","constructor":{}}']);
  if (roll < 0.25) return '['.repeat(rng.int(1, 5000)) + ']'.repeat(rng.int(0, 5000));
  const types = ['hello', 'resize', 'reset', 'exec', 'format-disk', '', 'HELLO', 'toString', '__proto__'];
  const message: Record<string, unknown> = { type: rng.pick(types) };
  const values = (): unknown =>
    rng.pick<unknown>([
      rng.int(-5, 1200),
      1,
      80,
      24,
      -0,
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
      0.5,
      '80',
      null,
      true,
      [],
      {},
      'node1',
      'node2',
      '../../etc/passwd',
      'x'.repeat(rng.int(0, 5000)),
      nested(rng, rng.int(1, 8)),
      '\u0000\u001b[31m',
      '\ud800',
    ]);
  for (const field of ['version', 'cols', 'rows', 'session', 'node', 'profile', 'id', 'command']) {
    if (rng.chance(0.5)) message[field] = values();
  }
  if (message.type === 'hello' && rng.chance(0.5)) Object.assign(message, { version: 1, cols: rng.int(1, 1001), rows: rng.int(1, 1001) });
  if (message.type === 'exec' && rng.chance(0.5)) Object.assign(message, { id: `x${rng.int(0, 9)}`, command: rng.pick(COMMANDS) });
  const text = JSON.stringify(message);
  return rng.chance(0.05) ? text.slice(0, rng.int(0, text.length)) : text;
}
