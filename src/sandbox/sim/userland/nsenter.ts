/**
 * nsenter (util-linux 2.38): run a program in the namespaces of another process, the way a learner
 * steps into a container's network with `nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n`.
 * The network namespace is the one that matters to the model; -m brings the container's files and
 * programs, -u its hostname; -p and -i are accepted (the model's pid and IPC views follow -m).
 */
import type { Netns } from '../kernel/netns.ts';
import { netnsAtPath, processNamespaces, type ProcessNamespaces } from './netns-paths.ts';
import type { ProgramContext, ExecTarget } from './program.ts';
import { failWith, type Main } from './registry.ts';

type Kind = 'net' | 'mnt' | 'uts' | 'ipc' | 'pid' | 'user' | 'cgroup' | 'time';

/** Short and long names of the namespace options (all take an optional file). */
const NAMESPACE_OPTIONS: Readonly<Record<string, Kind>> = {
  n: 'net',
  net: 'net',
  m: 'mnt',
  mount: 'mnt',
  u: 'uts',
  uts: 'uts',
  i: 'ipc',
  ipc: 'ipc',
  p: 'pid',
  pid: 'pid',
  U: 'user',
  user: 'user',
  C: 'cgroup',
  cgroup: 'cgroup',
  T: 'time',
  time: 'time',
};

/** Options that take no argument (or one util-linux accepts and the model ignores). */
const PLAIN = new Set(['a', 'all', 'F', 'no-fork', 'preserve-credentials', 'Z', 'follow-context']);
const WITH_VALUE = new Set(['S', 'setuid', 'G', 'setgid']);
const OPTIONAL_VALUE = new Set(['r', 'root', 'w', 'wd']);

interface Request {
  target?: string;
  /** Namespaces asked for, each with the file given (`--net=/run/netns/red`) or undefined for the target's. */
  namespaces: Map<Kind, string | undefined>;
  all: boolean;
  argv: string[];
}

function usageError(ctx: ProgramContext, message: string): number {
  return failWith(ctx, `nsenter: ${message}\nTry 'nsenter --help' for more information.`);
}

/** getopt_long over "+ahVt:m::u::i::n::p::C::U::T::S:G:r::w::FZ". */
function parse(ctx: ProgramContext, args: readonly string[]): Request | number {
  const req: Request = { namespaces: new Map(), all: false, argv: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      req.argv = args.slice(i + 1);
      return req;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name === 'target') {
        const v = value ?? args[++i];
        if (v === undefined) return usageError(ctx, "option '--target' requires an argument");
        req.target = v;
      } else if (NAMESPACE_OPTIONS[name] !== undefined) req.namespaces.set(NAMESPACE_OPTIONS[name], value);
      else if (name === 'all') req.all = true;
      else if (WITH_VALUE.has(name)) {
        if (value === undefined && args[++i] === undefined) return usageError(ctx, `option '--${name}' requires an argument`);
      } else if (!PLAIN.has(name) && !OPTIONAL_VALUE.has(name)) return usageError(ctx, `unrecognized option '${a}'`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a.charAt(j);
        const rest = a.slice(j + 1);
        if (f === 't' || WITH_VALUE.has(f)) {
          const v = rest !== '' ? rest : args[++i];
          if (v === undefined) return usageError(ctx, `option requires an argument -- '${f}'`);
          if (f === 't') req.target = v;
          break;
        }
        if (NAMESPACE_OPTIONS[f] !== undefined) {
          // An optional argument sticks to its letter: -n/run/netns/red.
          req.namespaces.set(NAMESPACE_OPTIONS[f], rest !== '' ? rest : undefined);
          break;
        }
        if (OPTIONAL_VALUE.has(f)) break;
        if (f === 'a') req.all = true;
        else if (!PLAIN.has(f)) return usageError(ctx, `invalid option -- '${f}'`);
      }
      continue;
    }
    req.argv = args.slice(i);
    return req;
  }
  return req;
}

/** The nsenter program. */
export const nsenter: Main = async (p, ctx, exec) => {
  const req = parse(ctx, ctx.argv.slice(1));
  if (typeof req === 'number') return req;
  let pid: number | undefined;
  if (req.target !== undefined) {
    if (!/^\d+$/.test(req.target)) return failWith(ctx, `nsenter: failed to parse pid: '${req.target}'`);
    pid = Number(req.target);
    if (pid === 0) pid = undefined;
  }
  if (req.all) for (const k of ['mnt', 'uts', 'ipc', 'net', 'pid', 'cgroup'] as const) if (!req.namespaces.has(k)) req.namespaces.set(k, undefined);
  const source: ProcessNamespaces | undefined = pid === undefined ? undefined : processNamespaces(p, pid);
  for (const [kind, file] of req.namespaces) {
    if (file !== undefined) continue;
    if (pid === undefined) return failWith(ctx, `nsenter: neither filename nor target pid supplied for ns/${kind}`);
    if (!source) return failWith(ctx, `nsenter: cannot open /proc/${pid}/ns/${kind}: No such file or directory`);
  }
  const target: ExecTarget = { ...ctx.target };
  const netFile = req.namespaces.get('net');
  if (req.namespaces.has('net')) {
    const ns: Netns | undefined = netFile !== undefined ? netnsAtPath(p, netFile) : source?.netns;
    if (!ns) return failWith(ctx, `nsenter: cannot open ${netFile ?? ''}: No such file or directory`);
    target.netns = ns;
  }
  if (req.namespaces.has('mnt') && source) {
    // The container's files and programs; the network stays whatever it was unless -n moved it.
    target.netns ??= p.netns;
    if (source.container) target.container = source.container.id;
    else delete target.container;
  }
  if (req.namespaces.has('uts') && source) {
    if (source.container) target.utsOf = source.container.id;
    else delete target.utsOf;
  }
  // Without a program, nsenter starts the user's shell.
  const [program = ctx.env.SHELL ?? '/bin/sh', ...rest] = req.argv;
  if (!exec.finds(target, program)) return failWith(ctx, `nsenter: failed to execute ${program}: No such file or directory`, 127);
  return exec([program, ...rest], { ...ctx, target });
};
