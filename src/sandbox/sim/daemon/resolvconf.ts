/**
 * The /etc/resolv.conf Docker gives a container (libnetwork/resolvconf): on the default bridge a
 * copy of the host's (minus loopback nameservers, which cannot work from another namespace); on
 * user-defined networks the embedded DNS server at 127.0.0.11.
 */

/** The embedded DNS server's address inside every container on a user-defined network. */
export const EMBEDDED_DNS = '127.0.0.11';

/** Docker's fallback when the host only has loopback resolvers. */
const DEFAULT_NAMESERVERS = ['8.8.8.8', '8.8.4.4'];

/** --dns, --dns-search and --dns-option: each replaces the host's value when given. */
export interface DnsOverrides {
  dns?: readonly string[];
  dnsSearch?: readonly string[];
  dnsOptions?: readonly string[];
}

/** The values of `keyword` lines ("search a b" → ["a", "b"]). */
function values(text: string, keyword: string): string[] {
  return text.split('\n').flatMap((l) => {
    const words = l.trim().split(/\s+/);
    return words[0] === keyword ? words.slice(1) : [];
  });
}

/**
 * resolvconf.Build as libnetwork calls it when the container has its own DNS settings: search,
 * nameservers and options, each from the flag if given, else from `host`.
 */
function builtResolvConf(host: string, o: DnsOverrides, nameserverList: readonly string[]): string {
  const search = o.dnsSearch ?? values(host, 'search');
  const options = o.dnsOptions ?? values(host, 'options');
  const lines: string[] = [];
  if (search.length > 0) lines.push(`search ${search.join(' ')}`);
  for (const ns of nameserverList) lines.push(`nameserver ${ns}`);
  if (options.length > 0) lines.push(`options ${options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** Whether any of the DNS flags was given. */
function hasOverrides(o: DnsOverrides): boolean {
  return o.dns !== undefined || o.dnsSearch !== undefined || o.dnsOptions !== undefined;
}

/** The host's resolv.conf as a container on the default bridge gets it (or built from its DNS flags). */
export function copiedResolvConf(host: string, o: DnsOverrides = {}): string {
  if (hasOverrides(o)) return builtResolvConf(host, o, o.dns ?? nameservers(copiedResolvConf(host)));
  const lines = host.split('\n').filter((l) => !/^\s*nameserver\s+(127\.|::1)/.test(l));
  const text = lines.join('\n');
  if (/^\s*nameserver\s/m.test(text)) return text.endsWith('\n') ? text : text + '\n';
  return text.replace(/\n*$/, '\n') + DEFAULT_NAMESERVERS.map((n) => `nameserver ${n}\n`).join('');
}

/**
 * resolv.conf for a container whose DNS is the embedded server: search domains are kept (or the
 * --dns-search ones), --dns servers become the embedded server's upstreams, ndots:0 is added
 * unless an ndots option was given (libnetwork sandbox_dns_unix.go rebuildDNS).
 */
export function embeddedResolvConf(host: string, o: DnsOverrides = {}): string {
  if (hasOverrides(o)) {
    const options = o.dnsOptions ?? values(host, 'options');
    const withNdots = options.some((opt) => opt.startsWith('ndots:')) ? options : [...options, 'ndots:0'];
    return builtResolvConf(host, { ...o, dnsOptions: withNdots }, [EMBEDDED_DNS]);
  }
  const search = host.split('\n').filter((l) => /^\s*(search|domain)\s/.test(l));
  return [...search, `nameserver ${EMBEDDED_DNS}`, 'options ndots:0'].join('\n') + '\n';
}

/** The nameservers a resolv.conf names, in order. */
export function nameservers(resolvConf: string): string[] {
  const out: string[] = [];
  for (const line of resolvConf.split('\n')) {
    const server = /^\s*nameserver\s+(\S+)/.exec(line)?.[1];
    if (server !== undefined) out.push(server);
  }
  return out;
}
