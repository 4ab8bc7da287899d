/**
 * Name resolution as a process's libc does it: a literal address, then /etc/hosts, then the
 * nameservers of /etc/resolv.conf — the embedded DNS server (127.0.0.11) answers container names
 * on user-defined networks; the host's upstream resolver knows no names in the sandbox.
 */
import { findContainer, type Container } from '../daemon/container.ts';
import { resolveContainerName } from '../daemon/resolver.ts';
import { EMBEDDED_DNS, nameservers } from '../daemon/resolvconf.ts';
import { parseIp } from '../kernel/ipv4.ts';
import { traceDns } from '../kernel/trace.ts';
import { readFile } from './filesystem.ts';
import type { Proc } from './proc.ts';

/** Where an answer came from, for nslookup. */
export interface Resolution {
  addr?: number;
  /** The nameserver asked (undefined when /etc/hosts or a literal answered). */
  server?: string;
}

/** The container whose network identity the process has (the netns owner in container: mode). */
function asker(p: Proc): Container | undefined {
  const c = p.container;
  if (!c) return undefined;
  if (c.config.networkMode.startsWith('container:')) return findContainer(p.daemon.containers, c.config.networkMode.slice(10)) ?? c;
  return c;
}

/** Ask the DNS server `server` for `name`. */
export function queryDns(p: Proc, server: string, name: string): number | undefined {
  if (server === EMBEDDED_DNS) {
    const c = asker(p);
    const answer = c ? resolveContainerName(c, name) : undefined;
    traceDns(p.netns, server, name, answer);
    return answer;
  }
  traceDns(p.netns, server, name, undefined);
  return undefined;
}

/** Resolve `name` to an IPv4 address. */
export function resolveHost(p: Proc, name: string): Resolution {
  const literal = parseIp(name);
  if (literal !== undefined) return { addr: literal };
  const hosts = readFile(p, '/etc/hosts');
  if (hosts.ok) {
    for (const line of hosts.text.split('\n')) {
      const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
      const a = parseIp(addr ?? '');
      if (a !== undefined && names.includes(name)) return { addr: a };
    }
  }
  const conf = readFile(p, '/etc/resolv.conf');
  const servers = conf.ok ? nameservers(conf.text) : [];
  for (const server of servers) {
    const addr = queryDns(p, server, name);
    if (addr !== undefined) return { addr, server };
  }
  return servers[0] !== undefined ? { server: servers[0] } : {};
}
