/**
 * The port mapper (libnetwork portmapper, and the bridge driver's allocatePort around it): for one
 * binding, a host port from the allocator, the forwarding rules, and a docker-proxy listening on
 * the host that relays connections made to it (including from localhost, which DNAT does not see).
 * A proxy that cannot bind undoes the rest; a dynamic port is then tried again with the next one.
 */
import { exchange, type Uplink } from '../kernel/delivery.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { parseIp } from '../kernel/ipv4.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import { isV6HostIp, type PortBinding, type PortSpec } from './container.ts';
import { fail, ok, type Result } from './errdefs.ts';
import { installPortRules, removePortRules } from './iptables-rules.ts';
import type { Network } from './network.ts';
import type { PortAllocator } from './portallocator.ts';

/** The bridge driver's maxAllocatePortAttempts: how often a dynamic port is tried when its proxy cannot bind. */
const MAX_ALLOCATE_PORT_ATTEMPTS = 10;

/** What mapping a container's ports needs from the daemon. */
export interface PortMapperContext {
  kernel: Kernel;
  allocator: PortAllocator;
  uplink: Uplink | undefined;
  /** The network of the endpoint the ports go to, and the container's address there. */
  network: Network;
  containerIp: number;
}

/** One binding in place: its host side and the docker-proxy serving it. */
export interface PortMapping {
  binding: PortBinding;
  proxy: Socket;
}

/**
 * The bindings one -p spec makes (allocatePortsInternal): without an address, one on 0.0.0.0 and
 * one on `::`; an IPv4 address binds IPv4 only, an IPv6 address IPv6 only.
 */
export function hostAddresses(spec: PortSpec): string[] {
  if (spec.hostIp === '') return ['0.0.0.0', '::'];
  return [spec.hostIp];
}

/**
 * allocatePort: map `spec` on `hostIp`, retrying a dynamic port up to ten times (each attempt
 * takes the allocator's next port) when its proxy cannot bind; an explicit port fails at once.
 */
export function allocatePort(ctx: PortMapperContext, spec: PortSpec & { proto: PortBinding['proto'] }, hostIp: string): Result<PortMapping> {
  const start = spec.hostPort;
  const end = spec.hostPortEnd ?? spec.hostPort;
  let last: Result<PortMapping> = fail('system', 'all ports are allocated');
  for (let i = 0; i < MAX_ALLOCATE_PORT_ATTEMPTS; i++) {
    last = mapRange(ctx, { hostIp, hostPort: 0, containerPort: spec.containerPort, proto: spec.proto }, start, end);
    if (last.ok || start !== 0) break;
  }
  return last;
}

/** MapRange: a port from the allocator, the forwarding rules, then the proxy; undone if the proxy fails. */
function mapRange(ctx: PortMapperContext, want: PortBinding, start: number, end: number): Result<PortMapping> {
  const port = ctx.allocator.requestPortInRange(want.hostIp, want.proto, start, end);
  if (!port.ok) return port;
  const binding: PortBinding = { ...want, hostPort: port.value };
  // IPv6 bindings go to ip6tables, which a network without --ipv6 does not program.
  const forwards = !isV6HostIp(binding.hostIp);
  if (forwards) installPortRules(ctx.kernel.init.netfilter, ctx.network, ctx.containerIp, binding);
  const proxy = proxySocket(ctx, binding);
  if (!listen(ctx.kernel.init, proxy)) {
    if (forwards) removePortRules(ctx.kernel.init.netfilter, ctx.network, ctx.containerIp, binding);
    ctx.allocator.releasePort(binding.hostIp, binding.proto, binding.hostPort);
    return fail('system', `Error starting userland proxy: ${listenAddress(binding)}: bind: address already in use`);
  }
  return ok({ binding, proxy });
}

/** Undo a mapping (Unmap): stop the proxy, delete the rules, give the port back. */
export function unmapPort(ctx: PortMapperContext, m: PortMapping): void {
  unlisten(ctx.kernel.init, m.proxy);
  if (!isV6HostIp(m.binding.hostIp)) removePortRules(ctx.kernel.init.netfilter, ctx.network, ctx.containerIp, m.binding);
  ctx.allocator.releasePort(m.binding.hostIp, m.binding.proto, m.binding.hostPort);
}

/** Go's `listen tcp4 127.0.0.1:8080` / `listen tcp6 [::]:8080`, as docker-proxy reports a failed bind. */
function listenAddress(b: PortBinding): string {
  return isV6HostIp(b.hostIp) ? `listen ${b.proto}6 [${b.hostIp}]:${b.hostPort}` : `listen ${b.proto}4 ${b.hostIp}:${b.hostPort}`;
}

/** docker-proxy's listening socket for a binding: tcp4/udp4, or tcp6/udp6 (IPV6_V6ONLY, so it does not clash with IPv4). */
function proxySocket(ctx: PortMapperContext, b: PortBinding): Socket {
  const v6 = isV6HostIp(b.hostIp);
  return {
    proto: b.proto,
    addr: v6 ? 0 : (parseIp(b.hostIp) ?? 0),
    port: b.hostPort,
    process: 'docker-proxy',
    ...(v6 ? { v6: true } : {}),
    respond(request) {
      const out = exchange(ctx.kernel.init, { proto: b.proto, dst: ctx.containerIp, dport: b.containerPort, bytes: 60 + request.length, request }, ctx.uplink);
      return out.kind === 'reply' ? out.response : undefined;
    },
  };
}

/** docker-proxy's path on Debian's docker.io package (recorded: docker-proxy #1). */
const PROXY_PATH = '/usr/sbin/docker-proxy';

/**
 * Where a container's docker-proxy processes sit in the process table: in the pids handed out
 * with the container, around its containerd-shim (pid - 3), one per binding in start order, so
 * `ps` and `ss -p` name the same process.
 */
const PROXY_PID_OFFSETS = [-6, -5, -4, -2, -1];

/** The pid of the `index`th docker-proxy of the container whose main process is `containerPid`. */
export function proxyPid(containerPid: number, index: number): number {
  return containerPid + (PROXY_PID_OFFSETS[index] ?? 1000 + index);
}

/** The command line dockerd 20.10 starts one docker-proxy with: one process per binding. */
export function proxyArgv(b: PortBinding, containerIp: string): string[] {
  return [PROXY_PATH, '-proto', b.proto, '-host-ip', b.hostIp, '-host-port', String(b.hostPort), '-container-ip', containerIp, '-container-port', String(b.containerPort)];
}
