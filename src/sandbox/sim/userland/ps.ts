/**
 * ps: the process list computed from the model. In a container: its main process as PID 1 (the
 * container record), an nginx worker when nginx runs, and the processes started since (docker
 * exec, background programs, ps itself). On a host: init, sshd, containerd, dockerd, a
 * docker-proxy per published socket (0.0.0.0 and :: for a port on all addresses), a containerd-shim and the main process per running
 * container, the login shell and its programs. Busybox prints `PID USER TIME COMMAND`; procps
 * prints its default columns, or BSD `aux` / `-ef` style.
 */
import { mainArgv, sharesNetns, type Container } from '../daemon/container.ts';
import { proxyArgv, proxyPid } from '../daemon/portmapper.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { reapProcesses } from './process-table.ts';
import type { Proc } from './proc.ts';
import type { ProgramContext } from './program.ts';
import type { Tool } from './registry.ts';

/** One row of the listing. */
export interface Row {
  pid: number;
  ppid: number;
  /** Full command line as `ps aux` shows it. */
  args: string;
  /** The command name (comm), as default `ps` shows it. */
  comm: string;
  tty?: string;
  started: number;
  /** Resident and virtual size (KiB) for `aux`; rough but stable per program. */
  rss: number;
  vsz: number;
  stat: string;
}

/** The login shell's pid on a host (matches the shell's $$). */
const HOST_SHELL_PID = 1021;

const SIZES: Readonly<Record<string, [number, number]>> = {
  init: [11516, 163676],
  sshd: [9220, 15408],
  containerd: [46212, 1358656],
  dockerd: [84532, 1570840],
  'docker-proxy': [3984, 1148940],
  'containerd-shim-runc-v2': [9908, 720468],
  bash: [5180, 8644],
  nginx: [5740, 8908],
  ps: [3412, 11088],
};

function basename(word: string): string {
  return word.split('/').pop() ?? word;
}

/** The command line a process shows: nginx renames itself; an entrypoint script execs its command. */
function displayArgv(argv: readonly string[]): { args: string; comm: string } {
  let words = [...argv];
  if (basename(words[0] ?? '') === 'docker-entrypoint.sh') words = words.slice(1);
  const comm = basename(words[0] ?? '');
  if (comm === 'nginx') return { args: `nginx: master process ${words.join(' ')}`, comm };
  return { args: words.join(' '), comm };
}

function row(pid: number, ppid: number, argv: readonly string[], started: number, tty?: string): Row {
  const { args, comm } = displayArgv(argv);
  const [rss, vsz] = SIZES[comm] ?? [1024 + ((comm.length * 97) % 2048), 2000 + ((comm.length * 331) % 9000)];
  return { pid, ppid, args, comm: comm.slice(0, 15), started, rss, vsz, stat: pid === 1 ? 'Ss' : 'S', ...(tty ? { tty } : {}) };
}

/** Processes in container `c`, by their pids in its namespace. */
function containerRows(p: Proc, c: Container): Row[] {
  const started = c.startedAt ?? p.daemon.startedAt;
  const mainTty = c.config.tty ? 'pts/0' : undefined;
  const argv = mainArgv(c);
  const rows = [row(1, 0, argv, started, mainTty)];
  if (displayArgv(argv).comm === 'nginx') rows.push({ ...row(31, 1, ['nginx'], started), args: 'nginx: worker process' });
  for (const e of p.node.processes.entries) {
    if (e.container === c.id) rows.push(row(e.nspid, 1, e.argv, e.started, e.tty));
  }
  return rows.sort((a, b) => a.pid - b.pid);
}

/** The processes of container `c` by their host pids (what docker top lists), its main process first. */
export function containerProcesses(p: Proc, c: Container): Row[] {
  return containerRows(p, c).map((r) => {
    const entry = p.node.processes.entries.find((e) => e.container === c.id && e.nspid === r.pid);
    const pid = r.pid === 1 ? c.pid : entry ? entry.pid : c.pid + r.pid - 1;
    return { ...r, pid, ppid: r.pid === 1 ? c.pid - 3 : c.pid };
  });
}

/** Every process of the host, by host pids. */
function hostRows(p: Proc): Row[] {
  const d = p.daemon;
  const boot = p.kernel.bootedAt;
  const rows: Row[] = [
    row(1, 0, ['/sbin/init'], boot),
    // sshd and the login shell rename their command line; comm keeps the program's name.
    { ...row(521, 1, ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], boot), comm: 'sshd' },
    row(612, 1, ['/usr/bin/containerd'], boot),
    row(745, 1, ['/usr/sbin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'], d.startedAt),
    { ...row(HOST_SHELL_PID, 1019, ['-bash'], boot, 'pts/0'), comm: 'bash' },
  ];
  for (const c of d.containers) {
    if (c.status !== 'running') continue;
    const started = c.startedAt ?? d.startedAt;
    const ip = c.endpoints.find((e) => e.addr !== undefined)?.addr;
    if (!sharesNetns(c) && ip !== undefined) {
      c.ports.forEach((b, i) => {
        rows.push(row(proxyPid(c.pid, i), 745, proxyArgv(b, formatIp(ip)), started));
      });
    }
    rows.push(row(c.pid - 3, 1, ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', c.id, '-address', '/run/containerd/containerd.sock'], started));
    rows.push(...containerProcesses(p, c));
  }
  for (const e of p.node.processes.entries) {
    if (e.container === undefined) rows.push(row(e.pid, HOST_SHELL_PID, e.argv, e.started, e.tty ?? 'pts/0'));
  }
  return rows.sort((a, b) => a.pid - b.pid);
}

/** [[h]h:]mm:ss of CPU time; everything here is idle. */
function cpuTime(style: 'busybox' | 'procps' | 'bsd'): string {
  return style === 'busybox' ? '0:00' : style === 'bsd' ? '0:00' : '00:00:00';
}

export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * The arguments without the width letters (`w`, `ww`: wider, unlimited), which change no column;
 * this listing is never cut to the terminal's width anyway.
 */
function withoutWidth(args: readonly string[]): string[] {
  return args.map((a) => (/^-?[a-zA-Z]+$/.test(a) ? a.replace(/w/g, '') : a)).filter((a) => a !== '' && a !== '-');
}

/** Which listing the arguments ask for. */
function styleOf(given: readonly string[]): 'default' | 'aux' | 'ef' | 'all' | undefined {
  if (given.length === 0) return 'default';
  const args = withoutWidth(given);
  if (args.length === 0) return 'default';
  const joined = args.join(' ');
  if (/^-?aux?$|^-?axu$|^a?x$/.test(joined.replace(/\s+/g, ''))) return 'aux';
  if (/^-ef$|^-e\s*-f$|^-fe$|^-Af$/.test(joined)) return 'ef';
  if (joined === '-e' || joined === '-A') return 'all';
  return undefined;
}

function busyboxPs(p: Proc, ctx: ProgramContext): number {
  const rows = p.container ? containerRows(p, p.container) : hostRows(p);
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const r of rows) out += `${String(r.pid).padStart(5)} ${'root'.padEnd(8)} ${cpuTime('busybox').padStart(5)} ${r.args}\n`;
  ctx.io.stdout(out);
  return 0;
}

/** The ps program. */
export const ps: Tool = async (p, ctx) => {
  reapProcesses(p.node.processes, p.daemon.containers);
  if (p.toolset === 'busybox') return busyboxPs(p, ctx);
  const style = styleOf(ctx.argv.slice(1));
  if (!style) {
    ctx.io.stderr(
      `error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`,
    );
    return 1;
  }
  let rows = p.container ? containerRows(p, p.container) : hostRows(p);
  const self = rows.find((r) => r.comm === 'ps' && r.pid === Math.max(...rows.filter((x) => x.comm === 'ps').map((x) => x.pid)));
  const tty = p.container ? self?.tty : 'pts/0';
  if (style === 'default') {
    // Processes on ps's own terminal (none: those without one).
    rows = p.container ? rows.filter((r) => r.tty === tty) : rows.filter((r) => r.tty !== undefined);
    let out = '    PID TTY          TIME CMD\n';
    for (const r of rows) out += `${String(r.pid).padStart(7)} ${(r.tty ?? '?').padEnd(8)} ${cpuTime('procps')} ${r.comm}\n`;
    ctx.io.stdout(out);
    return 0;
  }
  if (style === 'all') {
    let out = '    PID TTY          TIME CMD\n';
    for (const r of rows) out += `${String(r.pid).padStart(7)} ${(r.tty ?? '?').padEnd(8)} ${cpuTime('procps')} ${r.comm}\n`;
    ctx.io.stdout(out);
    return 0;
  }
  if (style === 'ef') {
    let out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const r of rows) {
      out += `${'root'.padEnd(8)} ${String(r.pid).padStart(7)} ${String(r.ppid).padStart(7)}  0 ${hhmm(r.started)} ${(r.tty ?? '?').padEnd(8)} ${cpuTime('procps')} ${r.args}\n`;
    }
    ctx.io.stdout(out);
    return 0;
  }
  const mem = p.container ? 2_097_152 : 2_014_000;
  let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  for (const r of rows) {
    const pct = ((r.rss / mem) * 100).toFixed(1);
    const stat = r.comm === 'ps' ? 'R+' : r.tty ? `${r.stat}+` : r.stat;
    out += `${'root'.padEnd(8)} ${String(r.pid).padStart(7)} ${'0.0'.padStart(4)} ${pct.padStart(4)} ${String(r.vsz).padStart(6)} ${String(r.rss).padStart(5)} ${(r.tty ?? '?').padEnd(8)} ${stat.padEnd(4)} ${hhmm(r.started).padEnd(5)} ${cpuTime('bsd').padStart(6)} ${r.args}\n`;
  }
  ctx.io.stdout(out);
  return 0;
};
