/**
 * Command-line flags as the docker CLI parses them (spf13/pflag via cobra): long and shorthand
 * forms, bundled booleans (-it), attached values (-p80:80, --name=x), `--`, and pflag's error
 * messages. Commands that take a command line (run, exec) stop at the first positional.
 */

/** One flag of a command, as pflag declares it: how it parses and how `--help` shows it. */
export interface FlagSpec {
  name: string;
  short?: string;
  /** `list` flags repeat: each occurrence adds a value. */
  type: 'bool' | 'string' | 'list' | 'int';
  /** pflag's value type in `--help` where it is not the type's own name ("filter", "map", "strings"...). */
  valueName?: string;
  /** The default as `--help` shows it; also the value of an absent `string` or `int` flag. */
  default?: string;
  /** The help line. */
  usage: string;
  /** Parsed but left out of `--help` and Tab completion (deprecated spellings like `--net`). */
  hidden?: boolean;
  /** Checks each value as it is parsed (the CLI's ValidatorFctType); the complaint if it is refused. */
  validate?: (value: string) => string | undefined;
}

/** Parsed values by long name, falling back to each flag's declared default. */
export class FlagValues {
  private readonly values = new Map<string, string | boolean | string[] | number>();

  private readonly specs: readonly FlagSpec[];

  constructor(specs: readonly FlagSpec[] = []) {
    this.specs = specs;
  }

  private fallback(name: string): string | undefined {
    return this.specs.find((s) => s.name === name)?.default;
  }

  set(name: string, v: string | boolean | string[] | number): void {
    this.values.set(name, v);
  }

  /** A boolean flag (false when absent). */
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  /** A string flag: its value, else its default, else undefined. */
  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : this.fallback(name);
  }

  /** A repeatable flag's values in order. */
  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  /** An integer flag: its value, else its default, else undefined. */
  int(name: string): number | undefined {
    const v = this.values.get(name);
    if (typeof v === 'number') return v;
    const d = this.fallback(name);
    return d === undefined ? undefined : Number(d);
  }

  /** Whether the flag was given. */
  has(name: string): boolean {
    return this.values.has(name);
  }
}

/** Result of parsing: flags and positionals, or pflag's error text. */
export type Parsed = { ok: true; flags: FlagValues; args: string[]; help: boolean } | { ok: false; error: string };

/** Store `value` for `d` as pflag converts it; pflag's complaint when it does not convert. */
function assign(flags: FlagValues, d: FlagSpec, value: string): string | undefined {
  const shown = d.short ? `-${d.short}, --${d.name}` : `--${d.name}`;
  const refused = d.validate?.(value);
  if (refused !== undefined) return `invalid argument "${value}" for "${shown}" flag: ${refused}`;
  if (d.type === 'list') flags.set(d.name, [...flags.list(d.name), value]);
  else if (d.type === 'int') {
    if (!/^-?\d+$/.test(value)) return `invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
    flags.set(d.name, Number(value));
  } else if (d.type === 'bool') {
    if (value !== 'true' && value !== 'false') return `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
    flags.set(d.name, value === 'true');
  } else flags.set(d.name, value);
  return undefined;
}

/** What one word did: how many words after it it took as a value, whether it asked for help, or an error. */
type Step = { took: number; help?: boolean } | { error: string };

/** `--name`, `--name=value` or `--name value`. */
function longFlag(flags: FlagValues, byLong: ReadonlyMap<string, FlagSpec>, word: string, next: string | undefined): Step {
  const eq = word.indexOf('=');
  const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
  if (name === 'help') return { took: 0, help: true };
  const d = byLong.get(name);
  if (!d) return { error: `unknown flag: --${name}` };
  if (d.type === 'bool') {
    const error = assign(flags, d, eq >= 0 ? word.slice(eq + 1) : 'true');
    return error === undefined ? { took: 0 } : { error };
  }
  const value = eq >= 0 ? word.slice(eq + 1) : next;
  if (value === undefined) return { error: `flag needs an argument: --${name}` };
  const error = assign(flags, d, value);
  return error === undefined ? { took: eq >= 0 ? 0 : 1 } : { error };
}

/** `-it`, `-p80:80`, `-p 80`, `-d=false`: bundled shorthands, the last may take a value. */
function shorthands(flags: FlagValues, byShort: ReadonlyMap<string, FlagSpec>, word: string, next: string | undefined): Step {
  let help = false;
  for (let k = 1; k < word.length; k++) {
    const ch = word[k] ?? '';
    const d = byShort.get(ch);
    if (!d && ch === 'h') {
      help = true;
      continue;
    }
    if (!d) return { error: `unknown shorthand flag: '${ch}' in ${word}` };
    if (d.type === 'bool' && word[k + 1] !== '=') {
      flags.set(d.name, true);
      continue;
    }
    const attached = word.slice(k + 1).replace(/^=/, '');
    if (d.type === 'bool' || attached !== '') {
      const error = assign(flags, d, attached);
      return error === undefined ? { took: 0, help } : { error };
    }
    if (next === undefined) return { error: `flag needs an argument: '${ch}' in -${ch}` };
    const error = assign(flags, d, next);
    return error === undefined ? { took: 1, help } : { error };
  }
  return { took: 0, help };
}

/** Parse `args` against `defs`; with `interspersed` false, flags end at the first operand. */
export function parseFlags(args: readonly string[], defs: readonly FlagSpec[], interspersed = true): Parsed {
  const flags = new FlagValues(defs);
  const positionals: string[] = [];
  let help = false;
  const byLong = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.flatMap((d) => (d.short === undefined ? [] : [[d.short, d] as const])));
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (word === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith('-') && word.length > 1) {
      const step = word.startsWith('--') ? longFlag(flags, byLong, word, args[i + 1]) : shorthands(flags, byShort, word, args[i + 1]);
      if ('error' in step) return { ok: false, error: step.error };
      help ||= step.help === true;
      i += step.took;
      continue;
    }
    positionals.push(word);
    if (!interspersed) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, flags, args: positionals, help };
}
