/**
 * docker network create's --subnet, --ip-range and --gateway as the CLI pairs them before asking
 * the daemon (cli/command/network/create.go consolidateIpam): each range and gateway must fall in
 * exactly one given subnet, at most one of each per subnet, and subnets must not overlap.
 */
import { networkOf, parseIp, parsePrefix, prefixesOverlap, type Prefix } from '../../kernel/ipv4.ts';

/** One IPAM config of the request. */
export interface IpamConfigRequest {
  subnet: Prefix;
  ipRange?: Prefix;
  gateway?: number;
}

/** What went wrong: the CLI's own complaint (exit 1, no prefix) or one the daemon makes. */
export type IpamFlagError = { cli: string } | { daemon: string };

/** A CIDR as the daemon parses it; the daemon's message when it does not. */
function cidr(text: string): Prefix | undefined {
  return text.includes('/') ? parsePrefix(text) : undefined;
}

/** Whether `inner` (a prefix or an address) lies in `subnet`. */
function inSubnet(subnet: Prefix, inner: Prefix): boolean {
  return inner.len >= subnet.len && networkOf(inner.addr, subnet.len) === networkOf(subnet.addr, subnet.len);
}

/** Pair the flags into IPAM configs, in the order consolidateIpam checks them. */
export function consolidateIpam(subnets: readonly string[], ranges: readonly string[], gateways: readonly string[]): IpamConfigRequest[] | IpamFlagError {
  if (subnets.length < ranges.length || subnets.length < gateways.length) return { cli: 'every ip-range or gateway must have a corresponding subnet' };
  const configs: { text: string; rangeText?: string; gatewayText?: string; config: IpamConfigRequest }[] = [];
  for (const s of subnets) {
    const subnet = cidr(s);
    if (!subnet) return { daemon: `Invalid subnet ${s} : invalid CIDR address: ${s}` };
    if (configs.some((c) => prefixesOverlap(c.config.subnet, subnet))) return { cli: 'multiple overlapping subnet configuration is not supported' };
    configs.push({ text: s, config: { subnet } });
  }
  for (const r of ranges) {
    const range = cidr(r);
    if (!range) return { daemon: `Invalid subnet ${r} : invalid CIDR address: ${r}` };
    const owner = configs.find((c) => inSubnet(c.config.subnet, range));
    if (!owner) return { cli: `no matching subnet for range ${r}` };
    if (owner.rangeText !== undefined) return { cli: `cannot configure multiple ranges (${r}, ${owner.rangeText}) on the same subnet (${owner.text})` };
    owner.config.ipRange = range;
    owner.rangeText = r;
  }
  for (const g of gateways) {
    const gateway = parseIp(g);
    if (gateway === undefined) return { daemon: `invalid address: ${g}` };
    const owner = configs.find((c) => inSubnet(c.config.subnet, { addr: gateway, len: 32 }));
    if (!owner) return { cli: `no matching subnet for gateway ${g}` };
    if (owner.gatewayText !== undefined) return { cli: `cannot configure multiple gateways (${g}, ${owner.gatewayText}) for the same subnet (${owner.text})` };
    owner.config.gateway = gateway;
    owner.gatewayText = g;
  }
  return configs.map((c) => c.config);
}
