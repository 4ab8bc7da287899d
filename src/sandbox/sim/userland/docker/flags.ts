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

/** Parse `args` against `defs`; with `interspersed` false, flags end at the first operand. */
export function parseFlags(args: readonly string[], defs: readonly FlagSpec[], interspersed = true): Parsed {
  const flags = new FlagValues(defs);
  const positionals: string[] = [];
  let help = false;
  const byLong = new Map(defs.map((d) => [d.name, d]));
  const byShort = new Map(defs.filter((d) => d.short).map((d) => [d.short!, d]));
  const assign = (d: FlagSpec, value: string, shown: string): string | undefined => {
    if (d.type === 'list') flags.set(d.name, [...flags.list(d.name), value]);
    else if (d.type === 'int') {
      if (!/^-?\d+$/.test(value)) return `invalid argument "${value}" for "${shown}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
      flags.set(d.name, Number(value));
    } else if (d.type === 'bool') {
      if (value !== 'true' && value !== 'false') return `invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
      flags.set(d.name, value === 'true');
    } else flags.set(d.name, value);
    return undefined;
  };
  const shownName = (d: FlagSpec) => (d.short ? `-${d.short}, --${d.name}` : `--${d.name}`);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name === 'help') {
        help = true;
        continue;
      }
      const d = byLong.get(name);
      if (!d) return { ok: false, error: `unknown flag: --${name}` };
      if (d.type === 'bool') {
        const err = assign(d, eq >= 0 ? a.slice(eq + 1) : 'true', shownName(d));
        if (err) return { ok: false, error: err };
        continue;
      }
      let value: string | undefined = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return { ok: false, error: `flag needs an argument: --${name}` };
      const err = assign(d, value, shownName(d));
      if (err) return { ok: false, error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k]!;
        if (ch === 'h' && !byShort.has('h')) {
          help = true;
          continue;
        }
        const d = byShort.get(ch);
        if (!d) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${a}` };
        if (d.type === 'bool') {
          if (a[k + 1] === '=') {
            const err = assign(d, a.slice(k + 2), shownName(d));
            if (err) return { ok: false, error: err };
            break;
          }
          flags.set(d.name, true);
          continue;
        }
        let value = a.slice(k + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          const next = args[++i];
          if (next === undefined) return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
          value = next;
        }
        const err = assign(d, value, shownName(d));
        if (err) return { ok: false, error: err };
        break;
      }
      continue;
    }
    positionals.push(a);
    if (!interspersed) {
      positionals.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, flags, args: positionals, help };
}
