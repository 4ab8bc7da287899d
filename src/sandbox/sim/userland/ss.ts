/** ss (iproute2): listening sockets in the layout ss uses on an 80-column terminal. */
import { proxyPid } from '../daemon/portmapper.ts';
import { formatIp } from '../kernel/ipv4.ts';
import type { Socket } from '../kernel/socket.ts';
import { failWith, type Tool } from './registry.ts';

function row(state: string, recvQ: string, sendQ: string, local: string, localPort: string, peer: string, peerPort: string, process: string): string {
  const head = `${state.padEnd(9)}${recvQ.padEnd(9)}${sendQ}${local.padStart(24 - sendQ.length)}:`;
  return `${head}${localPort}${peer.padStart(21 - localPort.length)}:${peerPort.padEnd(6)}${process.padEnd(9)}\n`;
}

/** ss [-t] [-u] [-l] [-n] [-p]. */
export const ss: Tool = async (p, ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .map((a) => a.slice(1))
    .join('');
  const bad = [...flags].find((f) => !'tulnpa4-'.includes(f));
  if (bad) return failWith(ctx, `ss: invalid option -- '${bad}'`, 1);
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u');
  const withProcess = flags.includes('p');
  const sockets = p.netns.sockets.filter((s) => (s.proto === 'tcp' && tcp) || (s.proto === 'udp' && udp));
  const ordered = [...sockets.filter((s) => !s.v6), ...sockets.filter((s) => s.v6)];
  // A docker-proxy socket belongs to the process ps lists for it; other services get a stable stand-in.
  const proxyOwner = (s: Socket) => {
    for (const c of p.daemon.containers) {
      const i = c.proxies.indexOf(s);
      if (i >= 0) return proxyPid(c.pid, i);
    }
    return undefined;
  };
  const pidOf = (s: Socket) => proxyOwner(s) ?? 1000 + (s.port % 7000);
  // Each docker-proxy is a process of its own (fd 4); a service with both families has the IPv6 one next.
  const fdOf = (s: Socket) => (s.v6 && proxyOwner(s) === undefined ? 7 : 4);
  let out = udp && !tcp ? 'State    Recv-Q   Send-Q     Local Address:Port     Peer Address:Port  Process  \n' : 'State    Recv-Q   Send-Q     Local Address:Port     Peer Address:Port  Process  \n';
  for (const s of ordered) {
    const addr = s.v6 ? (s.addr === 0 ? '[::]' : `[::ffff:${formatIp(s.addr)}]`) : s.addr === 0 ? '0.0.0.0' : formatIp(s.addr);
    const peer = s.v6 ? '[::]' : '0.0.0.0';
    const process = withProcess ? `users:(("${s.process}",pid=${pidOf(s)},fd=${fdOf(s)}))` : '';
    out += row(s.proto === 'tcp' ? 'LISTEN' : 'UNCONN', '0', s.proto === 'tcp' ? '4096' : '0', addr, String(s.port), peer, '*', process);
  }
  ctx.io.stdout(out);
  return 0;
};
