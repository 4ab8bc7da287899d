/**
 * ping: busybox's in busybox images, iputils' on hosts and Debian images. Each echo request is
 * a round trip through the model (routes, veth, bridge, netfilter, NAT), one per second on the
 * process clock; Ctrl-C stops and prints the summary.
 */
import { Interrupted } from '../clock.ts';
import { exchange, type Outcome } from '../kernel/delivery.ts';
import { routeLookup } from '../kernel/route.ts';
import { formatIp } from '../kernel/ipv4.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';
import { resolveHost } from './resolve.ts';
import { busyboxUsage } from './busybox-usage.ts';

interface Options {
  count?: number;
  /** Seconds to wait for replies (-W). */
  wait: number;
  interval: number;
  size: number;
  /** -q: only the first line and the statistics. */
  quiet: boolean;
  host?: string;
}

function parse(args: string[], bb: boolean): Options | string {
  const o: Options = { wait: bb ? 10 : 10, interval: 1, size: 56, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    const value = (): string | undefined => (a.length > 2 ? a.slice(2) : args[++i]);
    if (a.startsWith('-c')) o.count = Number(value());
    else if (a.startsWith('-W') || a.startsWith('-w')) o.wait = Number(value());
    else if (a.startsWith('-i')) o.interval = Number(value());
    else if (a.startsWith('-s')) o.size = Number(value());
    else if (a === '-q') o.quiet = true;
    else if (a === '-4' || a === '-n') continue;
    else if (a.startsWith('-')) return bb ? `ping: invalid option -- '${a.slice(1, 2)}'` : `ping: invalid option -- '${a.slice(1, 2)}'`;
    else o.host = a;
  }
  if (o.count !== undefined && (!Number.isFinite(o.count) || o.count < 1)) return bb ? `ping: invalid number '${args.join(' ')}'` : 'ping: bad number of packets to transmit.';
  return o;
}

function fmt(ms: number): string {
  return ms.toFixed(3);
}

/** The ping program. */
export const ping: Tool = async (p: Proc, ctx) => {
  const bb = p.toolset === 'busybox';
  const o = parse(ctx.argv.slice(1), bb);
  if (typeof o === 'string') return failWith(ctx, o, bb ? 1 : 2);
  if (o.host === undefined) {
    return failWith(ctx, bb ? busyboxUsage('ping [OPTIONS] HOST') : 'ping: usage error: Destination address required', bb ? 1 : 2);
  }
  const r = resolveHost(p, o.host);
  if (r.addr === undefined) return failWith(ctx, bb ? `ping: bad address '${o.host}'` : `ping: ${o.host}: Name or service not known`, bb ? 1 : 2);
  const dst = r.addr;
  const ip = formatIp(dst);
  const bytes = o.size + 28;
  // iputils first connect()s a probe socket to pick its source address: no route, no PING line.
  if (!bb && routeLookup(p.netns, dst).kind === 'unreachable') return failWith(ctx, 'ping: connect: Network is unreachable', 2);
  ctx.io.stdout(bb ? `PING ${o.host} (${ip}): ${o.size} data bytes\n` : `PING ${o.host} (${ip}) ${o.size}(${bytes}) bytes of data.\n`);
  const rtts: number[] = [];
  let sent = 0;
  let errors = 0;
  const start = ctx.clock.now();
  let interrupted = false;
  // iputils reports an unanswered ARP only after its ~3 s resolution timeout, 3 packets later.
  const unreachable = new Map<number, number>();
  // One echo identifier per run: busybox ping's is its pid (a container's pids are small and
  // predictable: conntrack shows id=7 for the first exec); iputils' (a ping socket's port) is
  // chosen without drawing from the model's randomness.
  const id = bb && p.pid !== undefined ? p.pid & 0xffff : (start ^ dst ^ (dst >>> 16)) & 0xffff;
  for (let seq = 0; o.count === undefined || seq < o.count; seq++) {
    if (ctx.signal.aborted) {
      interrupted = true;
      break;
    }
    // busybox numbers echo requests from 0, iputils from 1.
    const out: Outcome = exchange(p.netns, { proto: 'icmp', dst, bytes, seq: bb ? seq : seq + 1, sport: id }, p.daemon.uplink);
    if (out.kind === 'no-route') {
      if (bb) {
        ctx.io.stderr('ping: sendto: Network is unreachable\n');
        return 1;
      }
      ctx.io.stderr('ping: connect: Network is unreachable\n');
      return 2;
    }
    sent++;
    if (out.kind === 'reply') {
      rtts.push(out.rttMs);
      if (!o.quiet)
        ctx.io.stdout(
          bb
            ? `${bytes - 20} bytes from ${formatIp(out.from)}: seq=${seq} ttl=${out.ttl} time=${fmt(out.rttMs)} ms\n`
            : `${bytes - 20} bytes from ${formatIp(out.from)}: icmp_seq=${seq + 1} ttl=${out.ttl} time=${out.rttMs < 1 ? fmt(out.rttMs) : out.rttMs.toFixed(1)} ms\n`,
        );
    } else if (out.kind === 'host-unreachable' && !bb) {
      unreachable.set(seq, out.from);
    }
    const late = unreachable.get(seq - 3);
    if (late !== undefined) {
      errors++;
      if (!o.quiet) ctx.io.stdout(`From ${formatIp(late)} icmp_seq=${seq - 2} Destination Host Unreachable\n`);
    }
    const last = o.count !== undefined && seq + 1 >= o.count;
    // After the last request only a missing reply makes ping wait (up to -W seconds).
    const pause = last ? (out.kind === 'reply' ? 0 : Math.min(o.wait, 10) * 1000) : o.interval * 1000;
    if (pause > 0) {
      try {
        await ctx.clock.sleep(pause, ctx.signal);
      } catch (e) {
        if (!(e instanceof Interrupted)) throw e;
        interrupted = true;
        break;
      }
    }
  }
  const received = rtts.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - received) * 100) / sent);
  const min = Math.min(...rtts);
  const max = Math.max(...rtts);
  const avg = rtts.reduce((s, x) => s + x, 0) / (received || 1);
  if (bb) {
    ctx.io.stdout(`\n--- ${o.host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`);
    if (received > 0) ctx.io.stdout(`round-trip min/avg/max = ${fmt(min)}/${fmt(avg)}/${fmt(max)} ms\n`);
  } else {
    const elapsed = Math.max(0, Math.round(ctx.clock.now() - start - (received > 0 && !interrupted ? 0 : 0)));
    const total = sent <= 1 ? 0 : elapsed;
    ctx.io.stdout(`\n--- ${o.host} ping statistics ---\n${sent} packets transmitted, ${received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${total}ms\n`);
    if (received === 0) ctx.io.stdout('\n');
    if (received > 0) {
      const mdev = Math.sqrt(rtts.reduce((s, x) => s + (x - avg) ** 2, 0) / received);
      ctx.io.stdout(`rtt min/avg/max/mdev = ${fmt(min)}/${fmt(avg)}/${fmt(max)}/${fmt(mdev)} ms\n`);
    }
  }
  return received > 0 ? 0 : 1;
};
