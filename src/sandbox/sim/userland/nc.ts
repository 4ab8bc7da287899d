/**
 * busybox nc (1.35) as a client: `nc [-w SEC] HOST PORT` opens one TCP connection through the
 * model, sends its stdin and prints what the server answers; a refused, unreachable or silently
 * dropped connection ends with busybox's message. Listen mode and the other options are not
 * modelled; an unknown option prints the applet's usage, as busybox does.
 */
import { Interrupted } from '../clock.ts';
import { exchange } from '../kernel/delivery.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { failWith, type Tool } from './registry.ts';
import { resolveHost } from './resolve.ts';

const USAGE = `BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]

Open a pipe to IP:PORT or FILE

\t-l\tListen mode, for inbound connects
\t\t(use -ll with -e for persistent server)
\t-p PORT\tLocal port
\t-w SEC\tConnect timeout
\t-i SEC\tDelay interval for lines sent
\t-f FILE\tUse file (ala /dev/ttyS0) instead of network
\t-e PROG\tRun PROG after connect`;

/** The nc program. */
export const nc: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  let timeoutSec: number | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-w') timeoutSec = Number(args[++i]);
    else if (/^-w\d+$/.test(a)) timeoutSec = Number(a.slice(2));
    else if (a.startsWith('-') && a !== '-') return failWith(ctx, `nc: invalid option -- '${a.slice(1, 2)}'\n${USAGE}`);
    else operands.push(a);
  }
  const [host, portText] = operands;
  if (host === undefined || portText === undefined || operands.length > 2) return failWith(ctx, USAGE);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return failWith(ctx, `nc: bad port '${portText}'`);
  const resolved = resolveHost(p, host);
  if (resolved.addr === undefined) return failWith(ctx, `nc: bad address '${host}'`);
  const request = ctx.io.stdin;
  const out = exchange(p.netns, { proto: 'tcp', dst: resolved.addr, dport: port, bytes: 60 + request.length, request }, p.daemon.uplink);
  const where = formatIp(resolved.addr);
  if (out.kind === 'refused') return failWith(ctx, `nc: can't connect to remote host (${where}): Connection refused`);
  // EHOSTUNREACH in glibc's words (busybox is built against glibc: musl would say "Host is unreachable").
  if (out.kind === 'no-route' || out.kind === 'host-unreachable') return failWith(ctx, `nc: can't connect to remote host (${where}): No route to host`);
  if (out.kind !== 'reply') {
    // No answer to the SYN: -w bounds the connect, without it the kernel gives up after ~2 minutes.
    try {
      await ctx.clock.sleep((timeoutSec ?? 127) * 1000, ctx.signal);
    } catch (error) {
      if (error instanceof Interrupted) return 130;
      throw error;
    }
    return failWith(ctx, timeoutSec !== undefined ? 'nc: timed out' : `nc: can't connect to remote host (${where}): Connection timed out`);
  }
  if (out.response !== undefined) ctx.io.stdout(out.response);
  return 0;
};
