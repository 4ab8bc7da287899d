/**
 * docker top: the container's processes as the daemon lists them (it runs ps -ef on the host and
 * keeps the container's pids): UID PID PPID C STIME TTY TIME CMD, or the columns of `-o`, laid
 * out by the CLI's tabwriter (minimum width 20, padding 3).
 */
import { getContainer } from '../../daemon/daemon.ts';
import { containerProcesses, hhmm, type Row } from '../ps.ts';
import { operand, type DockerCall } from './command.ts';
import { tabwrite } from './tabwriter.ts';

/** ps -o field names the daemon passes through, with their header and value. */
const FIELDS: Readonly<Record<string, [string, (r: Row) => string]>> = {
  uid: ['UID', () => '0'],
  user: ['USER', () => 'root'],
  pid: ['PID', (r) => String(r.pid)],
  ppid: ['PPID', (r) => String(r.ppid)],
  c: ['C', () => '0'],
  stime: ['STIME', (r) => hhmm(r.started)],
  tty: ['TT', (r) => r.tty ?? '?'],
  time: ['TIME', () => '00:00:00'],
  comm: ['COMMAND', (r) => r.comm],
  cmd: ['CMD', (r) => r.args],
  args: ['COMMAND', (r) => r.args],
};

const DEFAULT: readonly [string, (r: Row) => string][] = [
  ['UID', () => 'root'],
  ['PID', (r) => String(r.pid)],
  ['PPID', (r) => String(r.ppid)],
  ['C', () => '0'],
  ['STIME', (r) => hhmm(r.started)],
  ['TTY', (r) => r.tty ?? '?'],
  ['TIME', () => '00:00:00'],
  ['CMD', (r) => r.args],
];

/** docker top CONTAINER [ps OPTIONS]. */
export async function topCommand(call: DockerCall): Promise<number> {
  const { p, ctx, args } = call;
  const found = getContainer(p.daemon, operand(call, 0));
  if (!found.ok) {
    ctx.io.stderr(`Error response from daemon: ${found.error.message}\n`);
    return 1;
  }
  const c = found.value;
  if (c.status !== 'running') {
    ctx.io.stderr(`Error response from daemon: Container ${c.id} is not running\n`);
    return 1;
  }
  let columns = DEFAULT;
  const psArgs = args.slice(1);
  if (psArgs.length > 0) {
    const o = psArgs.indexOf('-o');
    const names = o >= 0 ? (psArgs[o + 1] ?? '').split(',') : [];
    const picked = names.map((n) => FIELDS[n]);
    if (o < 0 || names.length === 0 || picked.some((f) => f === undefined)) {
      ctx.io.stderr(`Error response from daemon: ps: exit status 1: error: unknown user-defined format specifier "${names.find((n) => !FIELDS[n]) ?? psArgs.join(' ')}"\n`);
      return 1;
    }
    columns = picked as [string, (r: Row) => string][];
  }
  const rows = containerProcesses(p, c);
  ctx.io.stdout(tabwrite([columns.map(([h]) => h), ...rows.map((r) => columns.map(([, v]) => v(r)))], 20, 3));
  return 0;
}
