/**
 * conntrack (conntrack-tools 1.4.7): lists, counts, deletes and flushes the kernel's connection
 * tracking table of the namespace it runs in (kernel/conntrack.ts), with the tool's filters
 * (-p, -s, -d, -r, -q, --sport/--dport after -p tcp|udp) and its messages on stderr.
 */
import { deleteConntrack, flushConntrack, liveEntries, secondsLeft, type ConntrackEntry, type Tuple } from '../kernel/conntrack.ts';
import { formatIp, parseIp } from '../kernel/ipv4.ts';
import type { Netns } from '../kernel/netns.ts';
import type { ProgramContext } from './program.ts';
import type { Tool } from './registry.ts';

const BANNER = 'conntrack v1.4.7 (conntrack-tools)';

/** What `conntrack` alone prints. */
const USAGE =
  [
    'Command line interface for the connection tracking system. Version 1.4.7',
    'Usage: conntrack [commands] [options]',
    '',
    'Commands:',
    '  -L [table] [options]\t\tList conntrack or expectation table',
    '  -G [table] parameters\t\tGet conntrack or expectation',
    '  -D [table] parameters\t\tDelete conntrack or expectation',
    '  -I [table] parameters\t\tCreate a conntrack or expectation',
    '  -U [table] parameters\t\tUpdate a conntrack',
    '  -E [table] [options]\t\tShow events',
    '  -F [table]\t\t\tFlush table',
    '  -C [table]\t\t\tShow counter',
    '  -S\t\t\t\tShow statistics',
    '',
    'Tables: conntrack, expect, dying, unconfirmed',
    '',
    'Conntrack parameters and options:',
    '  -n, --src-nat ip\t\t\tsource NAT ip',
    '  -g, --dst-nat ip\t\t\tdestination NAT ip',
    '  -j, --any-nat ip\t\t\tsource or destination NAT ip',
    '  -m, --mark mark\t\t\tSet mark',
    '  -c, --secmark secmark\t\t\tSet selinux secmark',
    '  -e, --event-mask eventmask\t\tEvent mask, eg. NEW,DESTROY',
    '  -z, --zero \t\t\t\tZero counters while listing',
    '  -o, --output type[,...]\t\tOutput format, eg. xml',
    '  -l, --label label[,...]\t\tconntrack labels',
    '',
    'Expectation parameters and options:',
    '  --tuple-src ip\tSource address in expect tuple',
    '  --tuple-dst ip\tDestination address in expect tuple',
    '',
    'Updating parameters and options:',
    '  --label-add label\tAdd label',
    '  --label-del label\tDelete label',
    '',
    'Common parameters and options:',
    '  -s, --src, --orig-src ip\t\tSource address from original direction',
    '  -d, --dst, --orig-dst ip\t\tDestination address from original direction',
    '  -r, --reply-src ip\t\tSource addres from reply direction',
    '  -q, --reply-dst ip\t\tDestination address from reply direction',
    "  -p, --protonum proto\t\tLayer 4 Protocol, eg. 'tcp'",
    "  -f, --family proto\t\tLayer 3 Protocol, eg. 'ipv6'",
    '  -t, --timeout timeout\t\tSet timeout',
    '  -u, --status status\t\tSet status, eg. ASSURED',
    '  -w, --zone value\t\tSet conntrack zone',
    '  --orig-zone value\t\tSet zone for original direction',
    '  --reply-zone value\t\tSet zone for reply direction',
    '  -b, --buffer-size\t\tNetlink socket buffer size',
    '  --mask-src ip\t\t\tSource mask address',
    '  --mask-dst ip\t\t\tDestination mask address',
    '',
  ].join('\n') + '\n';

const PROTOCOLS: Record<string, { name: string; num: number }> = {
  tcp: { name: 'tcp', num: 6 },
  udp: { name: 'udp', num: 17 },
  icmp: { name: 'icmp', num: 1 },
  igmp: { name: 'unknown', num: 2 },
};
const BY_NUMBER: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '2': 'igmp' };

type Command = 'list' | 'count' | 'delete' | 'flush';
const COMMANDS: Record<string, Command> = {
  '-L': 'list',
  '--dump': 'list',
  '-C': 'count',
  '--count': 'count',
  '-D': 'delete',
  '--delete': 'delete',
  '-F': 'flush',
  '--flush': 'flush',
};

/** Filters on the original and reply tuples. */
interface Filter {
  proto?: string;
  origSrc?: number;
  origDst?: number;
  replySrc?: number;
  replyDst?: number;
  sport?: number;
  dport?: number;
}

const ADDRESS_OPTIONS: Record<string, 'origSrc' | 'origDst' | 'replySrc' | 'replyDst'> = {
  '-s': 'origSrc',
  '--src': 'origSrc',
  '--orig-src': 'origSrc',
  '-d': 'origDst',
  '--dst': 'origDst',
  '--orig-dst': 'origDst',
  '-r': 'replySrc',
  '--reply-src': 'replySrc',
  '-q': 'replyDst',
  '--reply-dst': 'replyDst',
};
const PORT_OPTIONS: Record<string, 'sport' | 'dport'> = { '--sport': 'sport', '--orig-port-src': 'sport', '--dport': 'dport', '--orig-port-dst': 'dport' };

function fail(ctx: ProgramContext, message: string): number {
  ctx.io.stderr(`${BANNER}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

/** The conntrack program. */
export const conntrack: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.io.stdout(USAGE);
    return 0;
  }
  let command: Command | undefined;
  const filter: Filter = {};
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    const cmd = COMMANDS[a];
    if (cmd !== undefined) {
      if (command !== undefined) return fail(ctx, 'Invalid parameters');
      command = cmd;
      // A table name may follow (-L conntrack); only the conntrack table is modelled.
      if (args[i + 1] === 'conntrack') i += 1;
      continue;
    }
    if (a === '-p' || a === '--protonum') {
      const v = value();
      if (v === undefined) return fail(ctx, `option \`${a}' requires an argument`);
      const proto = PROTOCOLS[v] !== undefined && v !== 'igmp' ? v : BY_NUMBER[v];
      if (proto === undefined) return fail(ctx, `\`${v}' unsupported protocol`);
      filter.proto = proto;
      continue;
    }
    const field = ADDRESS_OPTIONS[a];
    if (field !== undefined) {
      const v = value();
      if (v === undefined) return fail(ctx, `option \`${a}' requires an argument`);
      const addr = parseIp(v);
      if (addr === undefined) return fail(ctx, `Invalid IP address \`${v}'`);
      filter[field] = addr;
      continue;
    }
    const port = PORT_OPTIONS[a];
    // Port options belong to the tcp and udp modules, loaded by a -p before them.
    if (port !== undefined && (filter.proto === 'tcp' || filter.proto === 'udp')) {
      const v = value();
      if (v === undefined) return fail(ctx, `option \`${a}' requires an argument`);
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) return fail(ctx, `invalid port \`${v}'`);
      filter[port] = n;
      continue;
    }
    if (a === '-f' || a === '--family') {
      const v = value();
      if (v === undefined) return fail(ctx, `option \`${a}' requires an argument`);
      continue;
    }
    if (a === '-n' || a === '--numeric' || a === '-o' || a === '--output') {
      if (a.startsWith('-o') || a === '--output') value();
      continue;
    }
    return fail(ctx, `unknown option \`${a}'`);
  }
  if (command === undefined) return fail(ctx, 'no command specified');
  const ns = p.netns;
  const chosen = liveEntries(ns)
    .filter((e) => matches(e, filter))
    .reverse();
  switch (command) {
    case 'count':
      ctx.io.stdout(`${liveEntries(ns).length}\n`);
      return 0;
    case 'flush':
      flushConntrack(ns);
      ctx.io.stderr(`${BANNER}: connection tracking table has been emptied.\n`);
      return 0;
    case 'list':
      ctx.io.stdout(chosen.map((e) => `${formatEntry(ns, e)}\n`).join(''));
      ctx.io.stderr(`${BANNER}: ${chosen.length} flow entries have been shown.\n`);
      return 0;
    case 'delete': {
      ctx.io.stdout(chosen.map((e) => `${formatEntry(ns, e)}\n`).join(''));
      const doomed = new Set(chosen);
      const n = deleteConntrack(ns, (e) => doomed.has(e));
      ctx.io.stderr(`${BANNER}: ${n} flow entries have been deleted.\n`);
      return n > 0 ? 0 : 1;
    }
  }
};

function matches(e: ConntrackEntry, f: Filter): boolean {
  if (f.proto !== undefined && e.proto !== f.proto) return false;
  if (f.origSrc !== undefined && e.orig.src !== f.origSrc) return false;
  if (f.origDst !== undefined && e.orig.dst !== f.origDst) return false;
  if (f.replySrc !== undefined && e.reply.src !== f.replySrc) return false;
  if (f.replyDst !== undefined && e.reply.dst !== f.replyDst) return false;
  if (f.sport !== undefined && e.orig.sport !== f.sport) return false;
  if (f.dport !== undefined && e.orig.dport !== f.dport) return false;
  return true;
}

function formatTuple(e: ConntrackEntry, t: Tuple, reply: boolean): string {
  const addrs = `src=${formatIp(t.src)} dst=${formatIp(t.dst)}`;
  switch (e.proto) {
    case 'icmp':
      return `${addrs} type=${reply ? 0 : 8} code=0 id=${t.sport}`;
    case 'igmp':
      return addrs;
    default:
      return `${addrs} sport=${t.sport} dport=${t.dport}`;
  }
}

/** One line of `conntrack -L`, as conntrack-tools' default output prints an entry. */
export function formatEntry(ns: Netns, e: ConntrackEntry): string {
  const proto = PROTOCOLS[e.proto] ?? { name: 'unknown', num: 0 };
  const state = e.tcpState !== undefined ? `${e.tcpState} ` : '';
  const unreplied = e.seenReply ? '' : '[UNREPLIED] ';
  const assured = e.assured ? '[ASSURED] ' : '';
  return `${proto.name.padEnd(8)} ${proto.num} ${secondsLeft(ns, e)} ${state}${formatTuple(e, e.orig, false)} ${unreplied}${formatTuple(e, e.reply, true)} ${assured}mark=0 use=1`;
}
