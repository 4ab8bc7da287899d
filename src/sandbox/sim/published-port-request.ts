/**
 * The simulator's answer to a request for a published port (Sandbox.requestPort): the request is
 * sent from the node's own namespace to the address the port is published on, as `curl
 * http://10.0.2.15:8080/` on the host would be, so it travels the model: nat OUTPUT's DNAT to the
 * container (or docker-proxy for a loopback binding), the bridge, the container's server, which
 * writes its access-log line (`docker logs`), and back through conntrack.
 */
import { exchange } from './kernel/delivery.ts';
import { formatIp, parseIp } from './kernel/ipv4.ts';
import type { World } from './userland/machine.ts';
import { parseHttpResponse, PORT_USER_AGENT, type PortRequest, type PortResult } from '../published-port.ts';

/** Send `request` through the model of `world` and return what the port answered. */
export function requestPublishedPort(world: World, request: PortRequest): PortResult {
  const node = world.nodes.get(request.node);
  const binding = node?.daemon.containers
    .filter((c) => c.status === 'running')
    .flatMap((c) => c.ports)
    .find((p) => p.proto === 'tcp' && p.hostPort === request.port);
  if (!node || !binding) return { ok: false, reason: 'not-published', message: `no container publishes port ${request.port} on ${request.node}` };
  const init = node.kernel.init;
  const specific = binding.hostIp !== '' && binding.hostIp !== '0.0.0.0' ? parseIp(binding.hostIp) : undefined;
  // A binding to all addresses is reached on the node's first uplink address, as from the LAN.
  const dst = specific ?? init.links.find((l) => l.kind === 'ether')?.addrs[0]?.addr ?? parseIp('127.0.0.1');
  if (dst === undefined) return { ok: false, reason: 'unreachable', message: `${request.node} has no address` };
  const text = `${request.method} ${request.path} HTTP/1.1\r\nHost: ${formatIp(dst)}:${request.port}\r\nUser-Agent: ${PORT_USER_AGENT}\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
  const out = exchange(init, { proto: 'tcp', dst, dport: request.port, bytes: 60 + text.length, request: text }, node.daemon.uplink);
  if (out.kind === 'refused') return { ok: false, reason: 'refused', message: `connection to ${formatIp(dst)}:${request.port} refused` };
  if (out.kind === 'no-route' || out.kind === 'host-unreachable') return { ok: false, reason: 'unreachable', message: `no route to ${formatIp(dst)}` };
  if (out.kind !== 'reply' || out.response === undefined) return { ok: false, reason: 'timeout', message: `${formatIp(dst)}:${request.port} did not answer` };
  return parseHttpResponse(out.response);
}
