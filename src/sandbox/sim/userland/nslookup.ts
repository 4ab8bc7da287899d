/**
 * nslookup (busybox 1.35+): asks the first nameserver of /etc/resolv.conf (or the one named) an A
 * and an AAAA question (one with -type=a / -type=aaaa) from one socket, and prints each answer:
 * the addresses, NXDOMAIN, or, when nothing answered, busybox's time-out line.
 */
import type { DnsQtype } from '../kernel/dns-message.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { traceDns } from '../kernel/trace.ts';
import { readFile } from './filesystem.ts';
import { nameservers } from '../daemon/resolvconf.ts';
import { failWith, type Tool } from './registry.ts';
import { askDnsAll, lookupPort, type DnsReply } from './resolve.ts';
import { busyboxUsage } from './busybox-usage.ts';

const TYPES: Record<string, DnsQtype[]> = { a: ['A'], aaaa: ['AAAA'] };

/** The nslookup program. */
export const nslookup: Tool = async (p, ctx) => {
  const typeOption = ctx.argv
    .slice(1)
    .find((a) => /^-(?:type|query|q)=/.test(a))
    ?.replace(/^[^=]*=/, '')
    .toLowerCase();
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (name === undefined) return failWith(ctx, busyboxUsage('nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]'));
  const conf = readFile(p, '/etc/resolv.conf');
  const server = args[1] ?? (conf.ok ? nameservers(conf.text)[0] : undefined) ?? '127.0.0.1';
  // Both questions leave together; the AAAA's (empty) answer is printed first, as recorded.
  const types = (typeOption !== undefined ? TYPES[typeOption] : undefined) ?? ['A', 'AAAA'];
  const sport = lookupPort(p, name);
  const replies = askDnsAll(p, server, name, types, sport).reverse();
  traceDns(p.netns, server, name, replies.flatMap((r) => r.addrs)[0]);
  if (replies.every((r) => r.rcode === undefined)) {
    ctx.io.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  ctx.io.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n${replies.map((r) => section(name, r)).join('')}`);
  return replies.some((r) => r.rcode === 'NXDomain') ? 1 : 0;
};

function section(name: string, r: DnsReply): string {
  if (r.rcode === 'NXDomain') return `** server can't find ${name}: NXDOMAIN\n\n`;
  if (r.rcode === undefined) return '';
  return `Non-authoritative answer:\n${r.addrs.map((a) => `Name:\t${name}\nAddress: ${formatIp(a)}\n`).join('')}\n`;
}
