/**
 * conntrack (conntrack-tools 1.4.7): lists, gets, counts, deletes and flushes the kernel's
 * connection tracking table of the namespace it runs in (kernel/conntrack.ts), follows its events
 * (-E, kernel/conntrack-events.ts) and prints its per-CPU statistics (-S), with the tool's filters
 * (-p, -s, -d, -r, -q, --sport/--dport after -p tcp|udp, --icmp-* after -p icmp, -e) and its
 * messages on stderr.
 */
import { deleteConntrack, flushConntrack, liveEntries, secondsLeft, timeoutSeconds, type ConntrackEntry, type Tuple } from '../kernel/conntrack.ts';
import { subscribeConntrack, type ConntrackEventType } from '../kernel/conntrack-events.ts';
import { CONNTRACK_STAT_FIELDS, conntrackStats } from '../kernel/conntrack-stats.ts';
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

type Command = 'list' | 'get' | 'count' | 'delete' | 'flush' | 'event' | 'stats';
const COMMANDS: Record<string, Command> = {
  '-L': 'list',
  '--dump': 'list',
  '-G': 'get',
  '--get': 'get',
  '-C': 'count',
  '--count': 'count',
  '-D': 'delete',
  '--delete': 'delete',
  '-F': 'flush',
  '--flush': 'flush',
  '-E': 'event',
  '--event': 'event',
  '-S': 'stats',
  '--stats': 'stats',
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
  icmpType?: number;
  icmpCode?: number;
  icmpId?: number;
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
/** conntrack-tools' name of each option in its "Illegal option" message. */
const OPTION_NAMES: Record<string, string> = {
  origSrc: 'src',
  origDst: 'dst',
  replySrc: 'reply-src',
  replyDst: 'reply-dst',
  proto: 'protonum',
  family: 'family',
  events: 'event-mask',
  zero: 'zero',
  output: 'output',
};
const PORT_OPTIONS: Record<string, 'sport' | 'dport'> = { '--sport': 'sport', '--orig-port-src': 'sport', '--dport': 'dport', '--orig-port-dst': 'dport' };
/** Options of the icmp module, loaded by `-p icmp` before them. */
const ICMP_OPTIONS: Record<string, 'icmpType' | 'icmpCode' | 'icmpId'> = { '--icmp-type': 'icmpType', '--icmp-code': 'icmpCode', '--icmp-id': 'icmpId' };
const EVENT_TYPES: Record<string, readonly ConntrackEventType[]> = { NEW: ['NEW'], UPDATE: ['UPDATE'], DESTROY: ['DESTROY'], ALL: ['NEW', 'UPDATE', 'DESTROY'] };
/** Options each command refuses (conntrack.c's commands_v_options): -S and -F take none, -E no -z. */
const ILLEGAL: Partial<Record<Command, (option: string) => boolean>> = {
  stats: () => true,
  event: (option) => option === 'zero',
};

/** A parsed command line. */
interface Invocation {
  command: Command;
  filter: Filter;
  /** Options given, by their conntrack-tools names, in order. */
  given: string[];
  events: Set<ConntrackEventType>;
}

function fail(ctx: ProgramContext, message: string): number {
  ctx.io.stderr(`${BANNER}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

/** Parse argv; a string is the error message. */
function parse(args: readonly string[]): Invocation | string {
  let command: Command | undefined;
  const filter: Filter = {};
  const given: string[] = [];
  const events = new Set<ConntrackEventType>(EVENT_TYPES.ALL);
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    const cmd = COMMANDS[a];
    if (cmd !== undefined) {
      if (command !== undefined) return 'Invalid commands combination';
      command = cmd;
      // A table name may follow (-L conntrack); only the conntrack table is modelled.
      if (args[i + 1] === 'conntrack') i += 1;
      continue;
    }
    if (a === '-p' || a === '--protonum') {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      const proto = PROTOCOLS[v] !== undefined && v !== 'igmp' ? v : BY_NUMBER[v];
      if (proto === undefined) return `\`${v}' unsupported protocol`;
      filter.proto = proto;
      given.push('proto');
      continue;
    }
    const field = ADDRESS_OPTIONS[a];
    if (field !== undefined) {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      const addr = parseIp(v);
      if (addr === undefined) return `Invalid IP address \`${v}'`;
      filter[field] = addr;
      given.push(field);
      continue;
    }
    const port = PORT_OPTIONS[a];
    // Port options belong to the tcp and udp modules, loaded by a -p before them.
    if (port !== undefined && (filter.proto === 'tcp' || filter.proto === 'udp')) {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) return `invalid port \`${v}'`;
      filter[port] = n;
      continue;
    }
    const icmp = ICMP_OPTIONS[a];
    if (icmp !== undefined && filter.proto === 'icmp') {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      filter[icmp] = Number.parseInt(v, 10) & (icmp === 'icmpId' ? 0xffff : 0xff);
      continue;
    }
    if (a === '-e' || a === '--event-mask') {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      events.clear();
      for (const name of v.split(',')) {
        const types = EVENT_TYPES[name];
        if (types === undefined) return `Bad parameter \`${name}'`;
        for (const t of types) events.add(t);
      }
      given.push('events');
      continue;
    }
    if (a === '-z' || a === '--zero') {
      given.push('zero');
      continue;
    }
    if (a === '-f' || a === '--family') {
      const v = value();
      if (v === undefined) return `option \`${a}' requires an argument`;
      given.push('family');
      continue;
    }
    if (a === '-n' || a === '--numeric' || a === '-o' || a === '--output') {
      if (a.startsWith('-o') || a === '--output') value();
      continue;
    }
    return `unknown option \`${a}'`;
  }
  if (command === undefined) return 'no command specified';
  const illegal = ILLEGAL[command];
  const refused = illegal && given.find((g) => illegal(OPTION_NAMES[g] ?? g));
  if (refused !== undefined) return `Illegal option \`--${OPTION_NAMES[refused] ?? refused}' with this command`;
  return { command, filter, given, events };
}

/** What -G needs to name one flow: the protocol, both addresses and the protocol's own fields. */
function incompleteTuple(f: Filter): string | undefined {
  if (f.proto === undefined) return "You need to supply the `--protonum' option for this command";
  if (f.origSrc === undefined || f.origDst === undefined) return "you have to specify `--src' and `--dst'";
  if (f.proto === 'icmp') {
    if (f.icmpType === undefined) return "You need to supply the `--icmp-type' option for this command";
    if (f.icmpCode === undefined) return "You need to supply the `--icmp-code' option for this command";
    if (f.icmpId === undefined) return "You need to supply the `--icmp-id' option for this command";
  }
  if ((f.proto === 'tcp' || f.proto === 'udp') && (f.sport === undefined || f.dport === undefined)) return "you have to specify `--sport' and `--dport'";
  return undefined;
}

/** The conntrack program. */
export const conntrack: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.io.stdout(USAGE);
    return 0;
  }
  const parsed = parse(args);
  if (typeof parsed === 'string') return fail(ctx, parsed);
  const { command, filter } = parsed;
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
    case 'get':
      return get(ns, ctx, filter);
    case 'stats':
      ctx.io.stdout(formatStats(ns));
      return 0;
    case 'event':
      return watchEvents(ns, ctx, filter, parsed.events);
    case 'delete': {
      ctx.io.stdout(chosen.map((e) => `${formatEntry(ns, e)}\n`).join(''));
      const doomed = new Set(chosen);
      const n = deleteConntrack(ns, (e) => doomed.has(e));
      ctx.io.stderr(`${BANNER}: ${n} flow entries have been deleted.\n`);
      return n > 0 ? 0 : 1;
    }
  }
};

/** `-G`: the one flow whose original tuple is given (the lookup holds a reference: use=2). */
function get(ns: Netns, ctx: ProgramContext, f: Filter): number {
  const missing = incompleteTuple(f);
  if (missing !== undefined) return fail(ctx, missing);
  const found = liveEntries(ns).find((e) => matches(e, f) && (e.proto !== 'icmp' || (f.icmpType === 8 && f.icmpCode === 0 && e.orig.sport === f.icmpId)));
  if (!found) {
    ctx.io.stderr(`${BANNER}: Operation failed: such conntrack doesn't exist\n`);
    return 1;
  }
  ctx.io.stdout(`${formatEntry(ns, found).replace(/use=1$/, 'use=2')}\n`);
  ctx.io.stderr(`${BANNER}: 1 flow entries have been shown.\n`);
  return 0;
}

/** `-S`: one line of counters per CPU. */
function formatStats(ns: Netns): string {
  return conntrackStats(ns)
    .map((cpu, i) => `${`cpu=${i}`.padEnd(8)}\t${CONNTRACK_STAT_FIELDS.map((f) => `${f}=${cpu[f]}`).join(' ')} \n`)
    .join('');
}

/** `-E`: print the table's events as they happen until a signal, then how many were shown. */
async function watchEvents(ns: Netns, ctx: ProgramContext, f: Filter, types: ReadonlySet<ConntrackEventType>): Promise<number> {
  let shown = 0;
  const close = subscribeConntrack(ns, ({ type, entry }) => {
    if (!types.has(type) || !matches(entry, f)) return;
    shown += 1;
    ctx.io.stdout(`${`[${type}]`.padStart(9)} ${formatEvent(entry, type)}\n`);
  });
  try {
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    close();
  }
  ctx.io.stderr(`${BANNER}: ${shown} flow events have been shown.\n`);
  return 0;
}

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
  return `${formatFlow(e, secondsLeft(ns, e))} ${e.assured ? '[ASSURED] ' : ''}mark=0 use=1`;
}

/** An event's flow: a destroyed one has no timeout left, and events carry no mark or use count. */
function formatEvent(e: ConntrackEntry, type: ConntrackEventType): string {
  return `${formatFlow(e, type === 'DESTROY' ? undefined : timeoutSeconds(e))}${e.assured ? ' [ASSURED]' : ''}`;
}

/** protocol, timeout, TCP state and both tuples, as conntrack-tools prints a flow. */
function formatFlow(e: ConntrackEntry, timeout: number | undefined): string {
  const proto = PROTOCOLS[e.proto] ?? { name: 'unknown', num: 0 };
  const state = e.tcpState !== undefined ? `${e.tcpState} ` : '';
  const unreplied = e.seenReply ? '' : '[UNREPLIED] ';
  return `${proto.name.padEnd(8)} ${proto.num} ${timeout === undefined ? '' : `${timeout} `}${state}${formatTuple(e, e.orig, false)} ${unreplied}${formatTuple(e, e.reply, true)}`;
}
