/**
 * Shell builtins: the commands that must live in the shell because they change its state (cd,
 * exit, export) or read it (history, type), plus a few fallbacks (echo, true, false, which) used
 * only when the simulated machine does not install a program of that name.
 */
import { sandboxTranslator, type SandboxKey } from '../../../i18n/sandbox-catalog.ts';
import type { ProgramIO } from '../userland/program.ts';
import type { ShellState } from './shell-state.ts';
import { testBuiltin } from './test-builtin.ts';

/** What a builtin can see of the shell it runs in. */
export interface BuiltinHost {
  /** "bash" or "sh": used in messages. */
  readonly name: string;
  readonly interactive: boolean;
  history(): readonly string[];
  clearHistory(): void;
  /** Programs installed on the target. */
  commandNames(): string[];
  /** A one-line description of program `name`, when the simulation offers one. */
  describe(name: string): string | undefined;
  /** How `name` would run: as a builtin, as an installed program, or not at all. */
  resolve(name: string): 'builtin' | 'program' | undefined;
  /** Whether the absolute `path` is a file or a directory on the target, or missing. */
  fileKind(path: string): 'file' | 'dir' | undefined;
  /** The terminal's language, for the shell's own words (`help`). */
  locale(): string;
}

/** The invocation of one builtin. */
export interface BuiltinContext {
  argv: readonly string[];
  io: ProgramIO;
  state: ShellState;
  host: BuiltinHost;
}

/** A builtin returns its exit status; it never throws. */
export type Builtin = (ctx: BuiltinContext) => number;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function exit({ argv, io, state, host }: BuiltinContext): number {
  const arg = argv[1];
  if (arg === undefined) {
    state.exitRequested = state.status;
  } else if (/^[+-]?\d+$/.test(arg)) {
    state.exitRequested = ((Number(arg) % 256) + 256) % 256;
  } else {
    io.stderr(`${host.name}: exit: ${arg}: numeric argument required\n`);
    state.exitRequested = 2;
  }
  return state.exitRequested;
}

function cd({ argv, io, state, host }: BuiltinContext): number {
  if (argv.length > 2) {
    io.stderr(`${host.name}: cd: too many arguments\n`);
    return 1;
  }
  const arg = argv[1];
  if (arg === '-') {
    const previous = state.vars.get('OLDPWD');
    if (previous === undefined) {
      io.stderr(`${host.name}: cd: OLDPWD not set\n`);
      return 1;
    }
    io.stdout(`${state.changeDirectory(previous)}\n`);
    return 0;
  }
  // There is no filesystem model: every directory exists.
  state.changeDirectory(arg === undefined || arg === '' ? state.home() : arg);
  return 0;
}

function pwd({ io, state }: BuiltinContext): number {
  io.stdout(`${state.cwd}\n`);
  return 0;
}

function exportBuiltin({ argv, io, state, host }: BuiltinContext): number {
  const names = argv.slice(1).filter((a) => a !== '-p');
  if (names.length === 0) {
    for (const name of [...state.exported].sort()) {
      const value = state.vars.get(name);
      io.stdout(value === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      io.stderr(`${host.name}: export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) state.vars.set(name, arg.slice(eq + 1));
    state.exported.add(name);
  }
  return status;
}

function unset({ argv, state }: BuiltinContext): number {
  for (const name of argv.slice(1)) {
    if (name.startsWith('-')) continue;
    state.vars.delete(name);
    state.exported.delete(name);
  }
  return 0;
}

function set({ argv, io, state }: BuiltinContext): number {
  // Options such as `set -e` are accepted and ignored: the simulated shell has no such modes.
  if (argv.length > 1) return 0;
  for (const [name, value] of [...state.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout(`${name}=${value}\n`);
  return 0;
}

function history({ argv, io, host }: BuiltinContext): number {
  if (argv[1] === '-c') {
    host.clearHistory();
    return 0;
  }
  const lines = host.history();
  const count = argv[1] !== undefined && /^\d+$/.test(argv[1]) ? Number(argv[1]) : lines.length;
  const first = Math.max(0, lines.length - count);
  for (let i = first; i < lines.length; i++) io.stdout(`${String(i + 1).padStart(5)}  ${lines[i]}\n`);
  return 0;
}

function clear({ io }: BuiltinContext): number {
  io.stdout('\x1b[H\x1b[2J\x1b[3J');
  return 0;
}

function typeBuiltin({ argv, io, host }: BuiltinContext): number {
  let status = 0;
  for (const name of argv.slice(1)) {
    const kind = host.resolve(name);
    if (kind === 'builtin') io.stdout(`${name} is a shell builtin\n`);
    else if (kind === 'program') io.stdout(`${name} is ${programPath(name)}\n`);
    else {
      io.stderr(`${host.name}: type: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
}

function which({ argv, io, host }: BuiltinContext): number {
  let status = 0;
  for (const name of argv.slice(1)) {
    if (host.resolve(name) === 'program') io.stdout(`${programPath(name)}\n`);
    else status = 1;
  }
  return status;
}

function programPath(name: string): string {
  return name.includes('/') ? name : `/usr/bin/${name}`;
}

function echo({ argv, io }: BuiltinContext): number {
  let i = 1;
  let newline = true;
  let escapes = false;
  for (; i < argv.length && /^-[neE]+$/.test(argv[i] as string); i++) {
    const flags = argv[i] as string;
    if (flags.includes('n')) newline = false;
    if (flags.includes('e')) escapes = true;
    if (flags.includes('E')) escapes = false;
  }
  let text = argv.slice(i).join(' ');
  if (escapes) text = text.replace(/\\([ntr\\])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
  io.stdout(newline ? `${text}\n` : text);
  return 0;
}

function help({ io, host }: BuiltinContext): number {
  const t = sandboxTranslator(host.locale());
  const out: string[] = [t('help.intro', { shell: host.name }), ''];
  const names = [...BUILTIN_SUMMARY.keys()];
  const width = Math.max(...names.map((n) => n.length)) + 2;
  for (const [name, summary] of BUILTIN_SUMMARY) out.push(`  ${name.padEnd(width)}${t(summary)}`);
  const programs = host
    .commandNames()
    .filter((n) => !SPECIAL_BUILTINS.has(n))
    .sort();
  if (programs.length > 0) {
    out.push('', t('help.programs'), '');
    const summaries = programs.map((name) => host.describe(name));
    if (summaries.some((summary) => summary)) {
      const pwidth = Math.max(...programs.map((n) => n.length)) + 2;
      for (const [i, name] of programs.entries()) out.push(summaries[i] ? `  ${name.padEnd(pwidth)}${summaries[i]}` : `  ${name}`);
    } else {
      // Names only: fill lines, as `ls` would.
      let line = ' ';
      for (const name of programs) {
        if (line.length + name.length + 1 > 78) {
          out.push(line);
          line = ' ';
        }
        line += ` ${name}`;
      }
      out.push(line);
    }
  }
  out.push('', t('help.footer'));
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}

/** Builtins that always win over a program of the same name. */
export const SPECIAL_BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['cd', cd],
  ['exit', exit],
  ['logout', exit],
  ['export', exportBuiltin],
  ['unset', unset],
  ['set', set],
  ['pwd', pwd],
  ['history', history],
  ['clear', clear],
  ['help', help],
  ['type', typeBuiltin],
  [':', () => 0],
  ['test', testBuiltin],
  ['[', testBuiltin],
]);

/** Builtins used only when the target has no program of that name. */
export const FALLBACK_BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['echo', echo],
  ['true', () => 0],
  ['false', () => 1],
  ['which', which],
]);

/** What `help` lists: each builtin's usage and the key of its one-line summary. */
const BUILTIN_SUMMARY: ReadonlyMap<string, SandboxKey> = new Map<string, SandboxKey>([
  ['cd [dir]', 'help.cd'],
  ['pwd', 'help.pwd'],
  ['echo [-n] [text]', 'help.echo'],
  ['export NAME=value', 'help.export'],
  ['unset NAME', 'help.unset'],
  ['history [-c]', 'help.history'],
  ['clear', 'help.clear'],
  ['type NAME', 'help.type'],
  ['exit [N]', 'help.exit'],
  ['help', 'help.help'],
]);

/** Names of all builtins, for completion. */
export function builtinNames(): string[] {
  return [...SPECIAL_BUILTINS.keys(), ...FALLBACK_BUILTINS.keys()].filter((n) => n !== ':' && n !== '[');
}
