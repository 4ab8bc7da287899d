/**
 * The /etc/resolv.conf Docker gives a container (libnetwork/resolvconf): on the default bridge a
 * copy of the host's (minus loopback nameservers, which cannot work from another namespace); on
 * user-defined networks the embedded DNS server at 127.0.0.11.
 */

/** The embedded DNS server's address inside every container on a user-defined network. */
export const EMBEDDED_DNS = '127.0.0.11';

/** Docker's fallback when the host only has loopback resolvers. */
const DEFAULT_NAMESERVERS = ['8.8.8.8', '8.8.4.4'];

/** The host's resolv.conf as a container on the default bridge gets it. */
export function copiedResolvConf(host: string): string {
  const lines = host.split('\n').filter((l) => !/^\s*nameserver\s+(127\.|::1)/.test(l));
  const text = lines.join('\n');
  if (/^\s*nameserver\s/m.test(text)) return text.endsWith('\n') ? text : text + '\n';
  return text.replace(/\n*$/, '\n') + DEFAULT_NAMESERVERS.map((n) => `nameserver ${n}\n`).join('');
}

/** resolv.conf for a container whose DNS is the embedded server; search domains are kept. */
export function embeddedResolvConf(host: string): string {
  const search = host.split('\n').filter((l) => /^\s*(search|domain)\s/.test(l));
  return [...search, `nameserver ${EMBEDDED_DNS}`, 'options ndots:0'].join('\n') + '\n';
}

/** The nameservers a resolv.conf names, in order. */
export function nameservers(resolvConf: string): string[] {
  const out: string[] = [];
  for (const line of resolvConf.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}
