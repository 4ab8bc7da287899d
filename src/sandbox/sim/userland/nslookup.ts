/** nslookup (busybox 1.35+): asks the first nameserver of /etc/resolv.conf, A then AAAA. */
import { formatIp } from '../kernel/ipv4.ts';
import { readFile } from './filesystem.ts';
import { nameservers } from '../daemon/resolvconf.ts';
import { failWith, type Tool } from './registry.ts';
import { queryDns } from './resolve.ts';

/** The nslookup program. */
export const nslookup: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (name === undefined) return failWith(ctx, 'BusyBox v1.36.1 (2023-07-17 18:29:09 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
  const conf = readFile(p, '/etc/resolv.conf');
  const server = args[1] ?? (conf.ok ? nameservers(conf.text)[0] : undefined) ?? '127.0.0.1';
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  const addr = queryDns(p, server, name);
  if (addr === undefined) {
    ctx.io.stdout(`${head}** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  // The AAAA query's empty answer arrives first (as recorded); busybox still prints its header.
  ctx.io.stdout(`${head}Non-authoritative answer:\n\nNon-authoritative answer:\nName:\t${name}\nAddress: ${formatIp(addr)}\n\n`);
  return 0;
};
