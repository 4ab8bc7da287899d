/**
 * tcpdump: opens a packet socket on a device (or on every device, `-i any`) of the process's
 * network namespace and prints the frames the model moves through it, until `-c` packets were
 * printed or Ctrl-C; then its counters. Banners, errors and exit statuses are tcpdump 4.99.3's
 * on Debian 12 (tests/fidelity/scenarios/tcpdump.sh).
 */
import { formatIp, parseIp } from '../../kernel/ipv4.ts';
import type { Link } from '../../kernel/link.ts';
import { linkByName } from '../../kernel/netns.ts';
import { openAnySocket, openCaptureSocket } from '../../kernel/packet-socket.ts';
import { readFile } from '../filesystem.ts';
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import { failWith, type Tool } from '../registry.ts';
import { Capture } from './capture.ts';
import { compileFilter } from './filter.ts';
import { numericNames, type NameLookup } from './format.ts';
import { parseCommandLine, USAGE_TEXT, VERSION_TEXT, type TcpdumpOptions } from './options.ts';
import { TcpSequenceTracker } from './tcp-sequence.ts';

/** Services tcpdump names without -n (Debian's /etc/services). */
const SERVICES: ReadonlyMap<number, string> = new Map([
  [80, 'http'],
  [443, 'https'],
  [53, 'domain'],
  [22, 'ssh'],
  [8080, 'http-alt'],
  [123, 'ntp'],
  [67, 'bootps'],
  [68, 'bootpc'],
]);

/** The tcpdump program. */
export const tcpdump: Tool = async (p, ctx) => {
  const parsed = parseCommandLine(ctx.argv.slice(1));
  switch (parsed.kind) {
    case 'version':
      ctx.io.stdout(VERSION_TEXT);
      return 0;
    case 'usage':
      ctx.io.stderr(`${parsed.message ? `${parsed.message}\n` : ''}${VERSION_TEXT}${USAGE_TEXT}`);
      return parsed.status;
    case 'error':
      return failWith(ctx, parsed.message, 1);
    case 'list-interfaces':
      ctx.io.stdout(listInterfaces(p));
      return 0;
    case 'capture':
      return capture(p, ctx, parsed.options);
  }
};

/** `-D`: the devices libpcap finds, up ones first, `any` after the first. */
function listInterfaces(p: Proc): string {
  const flags = (l: Link) => (l.kind === 'loopback' ? 'Up, Running, Loopback' : l.up ? 'Up, Running, Connected' : 'Disconnected');
  const links = [...p.netns.links].sort((a, b) => Number(b.up) - Number(a.up) || Number(a.kind === 'loopback') - Number(b.kind === 'loopback'));
  const rows = links.map((l) => `${l.name} [${flags(l)}]`);
  rows.splice(Math.min(1, rows.length), 0, 'any (Pseudo-device that captures on all interfaces) [Up, Running]');
  return rows.map((r, i) => `${i + 1}.${r}\n`).join('');
}

async function capture(p: Proc, ctx: ProgramContext, options: TcpdumpOptions): Promise<number> {
  const any = options.iface === 'any';
  const link = any ? undefined : options.iface === undefined ? defaultDevice(p) : linkByName(p.netns, options.iface);
  if (!any && !link) {
    const name = options.iface ?? 'any';
    return failWith(ctx, `tcpdump: ${name}: No such device exists\n(No such device exists)`, 1);
  }
  if (link && !link.up) return failWith(ctx, `tcpdump: ${link.name}: That device is not up`, 1);
  const filter = compileFilter(options.expression);
  if ('error' in filter) return failWith(ctx, `tcpdump: ${filter.error}`, 1);

  const device = link?.name ?? 'any';
  ctx.io.stderr(
    (any ? 'tcpdump: data link type LINUX_SLL2\n' : '') +
      (options.verbose > 0 ? 'tcpdump: ' : 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n') +
      `listening on ${device}, link-type ${any ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)'}, snapshot length 262144 bytes\n`,
  );
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const names = options.numeric ? numericNames() : hostNames(p);
  const cap = new Capture(
    filter,
    { options, names, cooked: any, tcp: new TcpSequenceTracker() },
    (t) => ctx.io.stdout(t),
    () => ctx.clock.now(),
    stop,
  );
  const close = link ? openCaptureSocket(link, (f, l) => cap.deliver(f, l), !options.noPromisc) : openAnySocket(p.netns, (f, l) => cap.deliver(f, l));
  const onAbort = () => stop();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  if (ctx.signal.aborted) stop();
  try {
    await stopped;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    close();
  }
  // Stopped by a signal: tcpdump ends a line it may have been printing.
  if (ctx.signal.aborted) ctx.io.stdout('\n');
  const { captured, receivedByFilter } = cap.counts;
  ctx.io.stderr(`${plural(captured)} captured\n${plural(receivedByFilter)} received by filter\n0 packets dropped by kernel\n`);
  return 0;
}

function plural(n: number): string {
  return `${n} packet${n === 1 ? '' : 's'}`;
}

/** With no -i: the first device that is up and not a loopback (pcap_findalldevs' first). */
function defaultDevice(p: Proc): Link | undefined {
  return p.netns.links.find((l) => l.up && l.kind !== 'loopback') ?? p.netns.links.find((l) => l.up);
}

/** Without -n: names from the process's /etc/hosts (the sandbox's resolvers know no reverse names). */
function hostNames(p: Proc): NameLookup {
  const byAddr = new Map<number, string>();
  const hosts = readFile(p, '/etc/hosts');
  if (hosts.ok) {
    for (const line of hosts.text.split('\n')) {
      const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
      const a = parseIp(addr ?? '');
      if (a !== undefined && name && !byAddr.has(a)) byAddr.set(a, name);
    }
  }
  return {
    host: (addr) => byAddr.get(addr) ?? formatIp(addr),
    port: (port) => SERVICES.get(port) ?? String(port),
  };
}
