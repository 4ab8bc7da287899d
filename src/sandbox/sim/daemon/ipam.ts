/**
 * Address management after libnetwork's default IPAM driver: subnets come from the default
 * address pools (172.17.0.0/16 … 172.31.0.0/16, then 192.168.0.0/20 …) handed out round-robin
 * (a removed network's subnet is not the next one given), addresses from a pool's lowest free host
 * address, the gateway is the first one, released addresses are reused.
 */
import { broadcastOf, networkOf, prefixesOverlap, type Prefix } from '../kernel/ipv4.ts';
import { fail, ok, type Result } from './errdefs.ts';

/** One allocated subnet and the addresses taken in it. */
export interface Pool {
  subnet: Prefix;
  /** Where dynamic addresses come from (--ip-range); the subnet when not given. */
  range: Prefix;
  gateway: number;
  /** Whether --gateway was given (inspect then shows it for a user-chosen subnet). */
  gatewayGiven: boolean;
  /** Whether the subnet came from the default pools. */
  fromDefaults: boolean;
  used: Set<number>;
}

/** Docker's default local address pools, in allocation order. */
function* defaultSubnets(): Generator<Prefix> {
  for (let b = 17; b <= 31; b++) yield { addr: ((172 << 24) | (b << 16)) >>> 0, len: 16 };
  for (let c = 0; c < 256; c += 16) yield { addr: ((192 << 24) | (168 << 16) | (c << 8)) >>> 0, len: 20 };
}

/** Docker's default local address pools, in allocation order (computed once). */
const DEFAULT_SUBNETS: readonly Prefix[] = [...defaultSubnets()];

/** The address space of one daemon. */
export class Ipam {
  private readonly pools: Pool[] = [];
  /** Where the next search of the default pools starts (libnetwork's predefinedStartIndices). */
  private nextDefault = 0;
  private readonly defaults: readonly Prefix[];
  private readonly roundRobin: boolean;

  /** An address space over `defaults` (Docker's local pools unless given, e.g. swarm's 10.0.0.0/8 in /24s). */
  constructor(defaults: readonly Prefix[] = DEFAULT_SUBNETS, roundRobin = true) {
    this.defaults = defaults;
    this.roundRobin = roundRobin;
  }

  /** Allocate a pool: the requested subnet, or the first default one that overlaps nothing in use. */
  requestPool(subnet?: Prefix, range?: Prefix, gateway?: number): Result<Pool> {
    let chosen: Prefix | undefined;
    if (subnet) {
      const s = { addr: networkOf(subnet.addr, subnet.len), len: subnet.len };
      if (this.pools.some((p) => prefixesOverlap(p.subnet, s))) return fail('forbidden', 'Pool overlaps with other one on this address space');
      chosen = s;
    } else {
      const n = this.defaults.length;
      for (let k = 0; k < n; k++) {
        const i = (this.nextDefault + k) % n;
        const candidate = this.defaults[i];
        if (candidate && !this.pools.some((p) => prefixesOverlap(p.subnet, candidate))) {
          chosen = candidate;
          if (this.roundRobin) this.nextDefault = (i + 1) % n;
          break;
        }
      }
      if (!chosen) return fail('system', 'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
    }
    const gw = gateway ?? (chosen.addr + 1) >>> 0;
    if (gateway !== undefined && networkOf(gateway, chosen.len) !== chosen.addr) {
      return fail('invalid', `Invalid gateway address ${gateway} for subnet`);
    }
    const pool: Pool = { subnet: chosen, range: range ?? chosen, gateway: gw, gatewayGiven: gateway !== undefined, fromDefaults: !subnet, used: new Set([gw]) };
    this.pools.push(pool);
    return ok(pool);
  }

  /** Give a pool back (network removed). */
  releasePool(pool: Pool): void {
    const i = this.pools.indexOf(pool);
    if (i >= 0) this.pools.splice(i, 1);
  }

  /** The lowest free address of the pool's range, or the requested one if free. */
  requestAddress(pool: Pool, wanted?: number): Result<number> {
    if (wanted !== undefined) {
      if (networkOf(wanted, pool.subnet.len) !== pool.subnet.addr) return fail('invalid', "no available IPv4 addresses on this network's address pools");
      // The subnet's network and broadcast addresses are reserved from the start, so they are "in use".
      const reserved = wanted === pool.subnet.addr || wanted === broadcastOf(pool.subnet.addr, pool.subnet.len);
      if (reserved || pool.used.has(wanted)) return fail('forbidden', 'Address already in use');
      pool.used.add(wanted);
      return ok(wanted);
    }
    // The range's own first address is skipped, as libnetwork's bitmask for a sub-range starts at 1.
    const first = networkOf(pool.range.addr, pool.range.len) + (pool.range.len < 31 ? 1 : 0);
    const last = broadcastOf(pool.range.addr, pool.range.len);
    const subnetBroadcast = broadcastOf(pool.subnet.addr, pool.subnet.len);
    for (let a = first; a <= last; a++) {
      if (a === pool.subnet.addr || a === subnetBroadcast || pool.used.has(a)) continue;
      pool.used.add(a);
      return ok(a);
    }
    return fail('system', `no available IPv4 addresses on this network's address pools: bridge (${'pool'})`);
  }

  /** Free an address for reuse. */
  releaseAddress(pool: Pool, addr: number): void {
    if (addr !== pool.gateway) pool.used.delete(addr);
  }
}
