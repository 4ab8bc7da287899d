/**
 * The port mapper (libnetwork portmapper + portallocator): binds published host ports, picking
 * ephemeral ones from 32768 up (the kernel's ip_local_port_range) for `-p 80` and `-P`, and runs a docker-proxy per binding that
 * relays connections made to the host (including from localhost, which DNAT does not see).
 */
import { exchange, type Uplink } from '../kernel/delivery.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { parseIp } from '../kernel/ipv4.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import type { PortBinding, PortSpec } from './container.ts';
import { fail, ok, type Result } from './errdefs.ts';

/** First port of Docker's ephemeral range. */
const EPHEMERAL_START = 32768;

/** Host ports in use on one daemon. */
export class PortAllocator {
  private readonly used = new Map<string, number>();

  private key(proto: string, hostIp: string, port: number): string {
    return `${proto}/${hostIp || '0.0.0.0'}/${port}`;
  }

  private taken(proto: string, hostIp: string, port: number): boolean {
    for (const k of this.used.keys()) {
      const [p, ip, n] = k.split('/');
      if (p === proto && Number(n) === port && (ip === '0.0.0.0' || hostIp === '' || hostIp === '0.0.0.0' || ip === hostIp)) return true;
    }
    return false;
  }

  /** Reserve the requested port (the first free of a host range), or the lowest free ephemeral one for port 0. */
  allocate(spec: PortSpec & { proto: PortBinding['proto'] }): Result<PortBinding> {
    if (spec.hostPortEnd !== undefined && spec.hostPort !== 0) {
      for (let p = spec.hostPort; p <= spec.hostPortEnd; p++) {
        if (!this.taken(spec.proto, spec.hostIp, p)) {
          this.used.set(this.key(spec.proto, spec.hostIp, p), p);
          return ok({ hostIp: spec.hostIp, hostPort: p, containerPort: spec.containerPort, proto: spec.proto });
        }
      }
      return fail('system', `Bind for ${spec.hostIp || '0.0.0.0'}:${spec.hostPort}-${spec.hostPortEnd} failed: port is already allocated`);
    }
    if (spec.hostPort !== 0) {
      if (this.taken(spec.proto, spec.hostIp, spec.hostPort)) {
        return fail('system', `Bind for ${spec.hostIp || '0.0.0.0'}:${spec.hostPort} failed: port is already allocated`);
      }
      this.used.set(this.key(spec.proto, spec.hostIp, spec.hostPort), spec.hostPort);
      return ok({ ...spec });
    }
    for (let p = EPHEMERAL_START; p <= 65535; p++) {
      if (!this.taken(spec.proto, spec.hostIp, p)) {
        this.used.set(this.key(spec.proto, spec.hostIp, p), p);
        return ok({ ...spec, hostPort: p });
      }
    }
    return fail('system', 'no free ports');
  }

  /** Give a port back. */
  release(b: PortBinding): void {
    this.used.delete(this.key(b.proto, b.hostIp, b.hostPort));
  }
}

/**
 * Start docker-proxy for a binding: it listens on the host and connects to the container. A
 * binding to all addresses gets two proxies, 0.0.0.0 and [::], as dockerd 20.10 starts them.
 */
export function startProxy(kernel: Kernel, b: PortBinding, containerIp: number, uplink: Uplink | undefined): Socket[] {
  const make = (v6: boolean): Socket => ({
    proto: b.proto,
    addr: b.hostIp === '' ? 0 : (parseIp(b.hostIp) ?? 0),
    port: b.hostPort,
    process: 'docker-proxy',
    ...(v6 ? { v6: true } : {}),
    respond(request) {
      const out = exchange(kernel.init, { proto: b.proto, dst: containerIp, dport: b.containerPort, bytes: 60 + request.length, request }, uplink);
      return out.kind === 'reply' ? out.response : undefined;
    },
  });
  const sockets = b.hostIp === '' || b.hostIp === '0.0.0.0' ? [make(false), make(true)] : [make(false)];
  return sockets.filter((s) => listen(kernel.init, s));
}

/** docker-proxy's path on Debian's docker.io package (recorded: docker-proxy #1). */
const PROXY_PATH = '/usr/sbin/docker-proxy';

/**
 * Where a container's docker-proxy processes sit in the process table: in the pids handed out
 * with the container, around its containerd-shim (pid - 3), one per socket in start order, so
 * `ps` and `ss -p` name the same process.
 */
const PROXY_PID_OFFSETS = [-6, -5, -4, -2, -1];

/** The pid of the `index`th docker-proxy of the container whose main process is `containerPid`. */
export function proxyPid(containerPid: number, index: number): number {
  return containerPid + (PROXY_PID_OFFSETS[index] ?? 1000 + index);
}

/** The command line dockerd 20.10 starts one docker-proxy with: one process per socket, `::` for the IPv6 one. */
export function proxyArgv(socket: Socket, b: PortBinding, containerIp: string): string[] {
  const hostIp = socket.v6 ? '::' : b.hostIp === '' ? '0.0.0.0' : b.hostIp;
  return [PROXY_PATH, '-proto', b.proto, '-host-ip', hostIp, '-host-port', String(b.hostPort), '-container-ip', containerIp, '-container-port', String(b.containerPort)];
}

/** Stop a docker-proxy. */
export function stopProxy(kernel: Kernel, socket: Socket): void {
  unlisten(kernel.init, socket);
}
