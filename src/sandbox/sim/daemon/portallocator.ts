/**
 * libnetwork's port allocator: which host ports are taken, per host address and protocol.
 *
 * Each address (`0.0.0.0`, `::`, `127.0.0.1`, ...) has its own map, so the allocator lets
 * 127.0.0.1:8080 go while 0.0.0.0:8080 is held (it is docker-proxy's bind that then fails), and
 * the IPv4 and IPv6 bindings of one `-p 80` are counted apart. A dynamic request walks its range
 * from a cursor that remembers the last port handed out, so a released port is not reused until
 * the cursor comes round again (r1 gets 32773, is removed, r3 gets 32774).
 */
import { fail, ok, type Result } from './errdefs.ts';

/** The kernel's ip_local_port_range on the recorded hosts, where dockerd 20.10 takes ephemeral ports from. */
export const EPHEMERAL_PORTS = { begin: 32768, end: 60999 } as const;

/** A range with its cursor (portallocator.portRange). */
interface PortRange {
  begin: number;
  end: number;
  last: number;
}

/** One address and protocol's ports (portallocator.portMap). */
interface PortMap {
  used: Set<number>;
  ranges: Map<string, PortRange>;
}

/** The ports of one daemon (portallocator.PortAllocator; dockerd has one for all networks). */
export class PortAllocator {
  private readonly maps = new Map<string, PortMap>();

  private portMap(ip: string, proto: string): PortMap {
    const key = `${ip}/${proto}`;
    let m = this.maps.get(key);
    if (!m) {
      m = { used: new Set(), ranges: new Map() };
      this.maps.set(key, m);
    }
    return m;
  }

  /**
   * RequestPortInRange: the port asked for (start = end), the next free one of a range
   * (start < end), or with start = end = 0 the next free ephemeral port after the cursor.
   */
  requestPortInRange(ip: string, proto: string, start: number, end: number): Result<number> {
    const m = this.portMap(ip, proto);
    if (start !== 0 && start === end) {
      if (m.used.has(start)) return fail('system', `Bind for ${ip}:${start} failed: port is already allocated`);
      m.used.add(start);
      return ok(start);
    }
    const range = this.range(m, start, end);
    let port = range.last;
    for (let i = 0; i <= range.end - range.begin; i++) {
      port = port >= range.end ? range.begin : port + 1;
      if (!m.used.has(port)) {
        m.used.add(port);
        range.last = port;
        return ok(port);
      }
    }
    return fail('system', 'all ports are allocated');
  }

  /** Give a port back; the cursor stays where it is. */
  releasePort(ip: string, proto: string, port: number): void {
    this.maps.get(`${ip}/${proto}`)?.used.delete(port);
  }

  private range(m: PortMap, start: number, end: number): PortRange {
    const [begin, last] = start === 0 && end === 0 ? [EPHEMERAL_PORTS.begin, EPHEMERAL_PORTS.end] : [start, end];
    const key = `${begin}-${last}`;
    let r = m.ranges.get(key);
    if (!r) {
      // A new range starts with its cursor on the last port, so the first port handed out is its first.
      r = { begin, end: last, last };
      m.ranges.set(key, r);
    }
    return r;
  }
}
