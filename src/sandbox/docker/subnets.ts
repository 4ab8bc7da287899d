/**
 * Private networks of the sandboxes get /28 subnets carved out of one pool (default
 * 10.213.0.0/16: 4096 networks). Never from Docker's own default pools (172.17/16 …, 192.168/16):
 * the inner dockerd of a sandbox host picks those for its docker0 and user networks, and a lesson
 * expects to see 172.17.0.1 and 172.18.0.0/16 there, as on any fresh engine.
 */

const PREFIX = 28;

/** Parse `a.b.c.d/n` into its first address and prefix length. */
export function parseCidr(cidr: string): { base: number; prefix: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!match) throw new Error(`"${cidr}" is not an IPv4 CIDR like 10.213.0.0/16`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > PREFIX) throw new Error(`"${cidr}" is not a usable IPv4 pool (/${PREFIX} or larger)`);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

function format(address: number, prefix: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${prefix}`;
}

/** The address `offset` places into `subnet` (no prefix): offset 1 is the gateway IPAM keeps. */
export function addressInSubnet(subnet: string, offset: number): string {
  const { base, prefix } = parseCidr(subnet);
  if (offset < 1 || offset >= 2 ** (32 - prefix) - 1) throw new Error(`no host number ${offset} in ${subnet}`);
  const [address = ''] = format(base + offset, prefix).split('/');
  return address;
}

/** Hands out /28s of `pool` that are not in `inUse` (subnets of existing networks). */
export class SubnetAllocator {
  private readonly base: number;
  private readonly count: number;
  /** Handed out by this process and not yet released: the engine may not list them yet. */
  private readonly taken = new Set<string>();

  constructor(pool: string) {
    const { base, prefix } = parseCidr(pool);
    this.base = base;
    this.count = 2 ** (PREFIX - prefix);
  }

  /** A free /28, or undefined when the pool is exhausted. */
  allocate(inUse: Iterable<string>): string | undefined {
    const busy = new Set(inUse);
    for (let i = 0; i < this.count; i++) {
      const subnet = format(this.base + i * 2 ** (32 - PREFIX), PREFIX);
      if (busy.has(subnet) || this.taken.has(subnet)) continue;
      this.taken.add(subnet);
      return subnet;
    }
    return undefined;
  }

  release(subnet: string): void {
    this.taken.delete(subnet);
  }
}
