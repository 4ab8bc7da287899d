/**
 * busybox traceroute: probes with TTL 1, 2, … through the model; a router whose forwarding runs
 * the TTL out answers time exceeded (kernel/delivery.ts), the destination answers the probe, and
 * silence prints `*` after the wait. The probes are ICMP echoes in the model whatever the mode
 * (busybox sends UDP to port 33434+ unless -I; the destination's port unreachable ends it the same
 * way), so a capture shows them as pings. Without -n a hop is named as getnameinfo names it.
 */
import { Interrupted } from '../clock.ts';
import { exchange, type Outcome } from '../kernel/delivery.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { busyboxUsage } from './busybox-usage.ts';
import { failWith, type Tool } from './registry.ts';
import { resolveHost, reverseLookup } from './resolve.ts';

const USAGE = busyboxUsage('traceroute [-46IFlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]');

interface Options {
  numeric: boolean;
  firstTtl: number;
  maxTtl: number;
  probes: number;
  waitSec: number;
  host?: string;
  bytes: number;
}

function parse(args: readonly string[]): Options | string {
  const o: Options = { numeric: false, firstTtl: 1, maxTtl: 30, probes: 3, waitSec: 3, bytes: 46 };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const letter = a[j] ?? '';
      if ('46IFlrv'.includes(letter)) continue;
      if (letter === 'n') {
        o.numeric = true;
        continue;
      }
      if (!'fmqptwsiz'.includes(letter)) return `traceroute: invalid option -- '${letter}'\n${USAGE}`;
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (value === undefined) return `traceroute: option requires an argument -- '${letter}'\n${USAGE}`;
      const n = Number(value);
      if ('fmqwz'.includes(letter) && !/^\d+$/.test(value)) return `traceroute: invalid number '${value}'`;
      if (letter === 'f') o.firstTtl = n;
      else if (letter === 'm') o.maxTtl = n;
      else if (letter === 'q') o.probes = n;
      else if (letter === 'w') o.waitSec = n;
      break;
    }
  }
  const [host, bytes] = operands;
  if (host === undefined || operands.length > 2) return USAGE;
  o.host = host;
  if (bytes !== undefined) o.bytes = Number(bytes);
  if (o.firstTtl < 1 || o.firstTtl > o.maxTtl) return `traceroute: first ttl (${o.firstTtl}) may not be greater than max ttl (${o.maxTtl})`;
  return o;
}

/** The traceroute program. */
export const traceroute: Tool = async (p, ctx) => {
  const o = parse(ctx.argv.slice(1));
  if (typeof o === 'string') return failWith(ctx, o);
  const host = o.host ?? '';
  const resolved = resolveHost(p, host);
  if (resolved.addr === undefined) return failWith(ctx, `traceroute: bad address '${host}'`);
  const dst = resolved.addr;
  ctx.io.stdout(`traceroute to ${host} (${formatIp(dst)}), ${o.maxTtl} hops max, ${o.bytes} byte packets\n`);
  const id = (ctx.clock.now() ^ dst) & 0xffff;
  let seq = 0;
  for (let ttl = o.firstTtl; ttl <= o.maxTtl; ttl++) {
    let line = ttl.toString().padStart(2);
    let shown: number | undefined;
    let reached = false;
    for (let probe = 0; probe < o.probes; probe++) {
      const out: Outcome = exchange(p.netns, { proto: 'icmp', dst, bytes: o.bytes, seq: seq++, sport: id, ttl }, p.daemon.uplink);
      if (out.kind === 'no-route') return failWith(ctx, `${line}\ntraceroute: sendto: Network is unreachable`);
      if (out.kind === 'reply' || out.kind === 'time-exceeded' || out.kind === 'host-unreachable') {
        const from = out.from;
        if (from !== shown) {
          line += o.numeric ? `  ${formatIp(from)}` : `  ${reverseLookup(p, from) ?? formatIp(from)} (${formatIp(from)})`;
          shown = from;
        }
        if (out.kind === 'host-unreachable') {
          line += '  !H';
          reached = true;
          continue;
        }
        line += `  ${out.rttMs.toFixed(3)} ms`;
        if (out.kind === 'reply') reached = true;
        continue;
      }
      line += '  *';
      try {
        await ctx.clock.sleep(o.waitSec * 1000, ctx.signal);
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        ctx.io.stdout(`${line}\n`);
        return 130;
      }
    }
    ctx.io.stdout(`${line}\n`);
    if (reached) break;
  }
  return 0;
};
