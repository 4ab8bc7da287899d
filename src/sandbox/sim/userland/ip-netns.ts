/**
 * `ip netns` (iproute2 ipnetns.c): named network namespaces as files under /run/netns. add makes
 * a namespace and mounts it there, delete unmounts it (the namespace goes with its last holder),
 * list reads the directory (newest first, with the netnsid this namespace gave each), exec runs
 * any program with the namespace entered, identify and pids map processes to names.
 */
import { strerror } from '../kernel/errno.ts';
import { knownNetnsId, setNetnsId } from '../kernel/netnsid.ts';
import { attachNetns, createNamedNetns, nsFilesIn, removeNsFile } from '../kernel/nsfs.ts';
import { namedNetns, netnsAtPath, netnsNames, netnsOfPid, netnsPath, NETNS_RUN_DIR } from './netns-paths.ts';
import type { Proc } from './proc.ts';
import type { ProgramContext } from './program.ts';
import { failWith, type Exec } from './registry.ts';

/** iproute2's matches(): the word typed is a prefix of the keyword. */
function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/** A name iproute2 refuses: it would escape /run/netns. */
function invalidName(name: string): boolean {
  return name.includes('/') || name === '.' || name === '..';
}

function list(p: Proc, ctx: ProgramContext): number {
  let out = '';
  for (const { name } of nsFilesIn(p.kernel, NETNS_RUN_DIR)) {
    const ns = netnsAtPath(p, netnsPath(name));
    const id = ns ? knownNetnsId(p.netns, ns) : undefined;
    out += id === undefined ? `${name}\n` : `${name} (id: ${id})\n`;
  }
  ctx.io.stdout(out);
  return 0;
}

function add(p: Proc, ctx: ProgramContext, name: string | undefined): number {
  if (name === undefined) return failWith(ctx, 'No netns name specified');
  const made = createNamedNetns(p.kernel, netnsPath(name));
  if (typeof made === 'string') return failWith(ctx, `Cannot create namespace file "${netnsPath(name)}": ${strerror(made)}`);
  return 0;
}

/** ip netns attach NAME PID: name the namespace a process is in. */
function attach(p: Proc, ctx: ProgramContext, name: string | undefined, pidWord: string | undefined): number {
  if (name === undefined) return failWith(ctx, 'No netns name specified');
  const pid = Number(pidWord);
  if (pidWord === undefined || !/^\d+$/.test(pidWord)) return failWith(ctx, `Invalid pid "${pidWord ?? ''}"`, 255);
  const ns = netnsOfPid(p, pid);
  if (!ns) return failWith(ctx, `Cannot open namespace file "/proc/${pid}/ns/net": No such file or directory`, 255);
  const err = attachNetns(p.kernel, netnsPath(name), ns);
  return err ? failWith(ctx, `Cannot create namespace file "${netnsPath(name)}": ${strerror(err)}`) : 0;
}

function remove(p: Proc, ctx: ProgramContext, name: string | undefined): number {
  if (name === undefined) return failWith(ctx, 'No netns name specified');
  const err = removeNsFile(p.kernel, netnsPath(name));
  return err ? failWith(ctx, `Cannot remove namespace file "${netnsPath(name)}": ${strerror(err)}`) : 0;
}

function identify(p: Proc, ctx: ProgramContext, pidWord: string | undefined): number {
  let ns = p.netns;
  if (pidWord !== undefined) {
    if (!/^\d+$/.test(pidWord)) return failWith(ctx, `Invalid pid "${pidWord}"`);
    const found = netnsOfPid(p, Number(pidWord));
    if (!found) return failWith(ctx, `Cannot open pid ${pidWord} network namespace: No such file or directory`);
    ns = found;
  }
  ctx.io.stdout(
    netnsNames(p, ns)
      .map((n) => `${n}\n`)
      .join('') || '\n',
  );
  return 0;
}

function pids(p: Proc, ctx: ProgramContext, name: string | undefined): number {
  if (name === undefined) return failWith(ctx, 'No netns name specified');
  const ns = namedNetns(p, name);
  if (!ns) return failWith(ctx, 'Cannot open network namespace: No such file or directory');
  const inside = p.node.processes.entries.filter((e) => e.netns === ns).map((e) => `${e.pid}\n`);
  ctx.io.stdout(inside.join(''));
  return 0;
}

/** ip netns set NAME NETNSID: give the namespace an id of this one's choosing. */
function set(p: Proc, ctx: ProgramContext, name: string | undefined, idWord: string | undefined): number {
  if (name === undefined || idWord === undefined) return failWith(ctx, 'No netns name specified');
  const ns = namedNetns(p, name);
  if (!ns) return failWith(ctx, `Cannot open network namespace "${name}": No such file or directory`, 255);
  const id = Number(idWord);
  if (!/^\d+$/.test(idWord)) return failWith(ctx, `Invalid "netnsid" value`, 255);
  const err = setNetnsId(p.netns, ns, id);
  return err ? failWith(ctx, `RTNETLINK answers: ${strerror(err)}`, 2) : 0;
}

/** ip netns exec NAME CMD…: the program runs with the namespace entered (files stay the host's). */
async function execIn(p: Proc, ctx: ProgramContext, exec: Exec, args: string[]): Promise<number> {
  const [name, ...argv] = args;
  if (name === undefined) return failWith(ctx, 'No netns name specified');
  const program = argv[0];
  if (program === undefined) return failWith(ctx, 'No command specified');
  const ns = namedNetns(p, name);
  if (!ns) return failWith(ctx, `Cannot open network namespace "${name}": No such file or directory`, 255);
  const target = { ...ctx.target, netns: ns };
  if (!exec.finds(target, program)) return failWith(ctx, `exec of "${program}" failed: No such file or directory`);
  return exec(argv, { ...ctx, target });
}

/** The `ip netns` object: argv after "netns". */
export async function ipNetns(p: Proc, ctx: ProgramContext, exec: Exec, args: string[]): Promise<number> {
  const [cmd, ...rest] = args;
  if (cmd === undefined) return list(p, ctx);
  if (rest[0] !== undefined && invalidName(rest[0])) return failWith(ctx, `Invalid netns name "${rest[0]}"`, 255);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return list(p, ctx);
  if (matches(cmd, 'add')) return add(p, ctx, rest[0]);
  if (matches(cmd, 'set')) return set(p, ctx, rest[0], rest[1]);
  if (matches(cmd, 'delete')) return remove(p, ctx, rest[0]);
  if (matches(cmd, 'identify')) return identify(p, ctx, rest[0]);
  if (matches(cmd, 'pids')) return pids(p, ctx, rest[0]);
  if (matches(cmd, 'exec')) return execIn(p, ctx, exec, rest);
  if (matches(cmd, 'attach')) return attach(p, ctx, rest[0], rest[1]);
  return failWith(ctx, `Command "${cmd}" is unknown, try "ip netns help".`, 255);
}
