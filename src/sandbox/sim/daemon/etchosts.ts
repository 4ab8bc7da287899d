/**
 * The /etc/hosts Docker writes into a container (libnetwork/etchosts): the fixed header and one
 * line per address the container has, naming its hostname.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { containerHostname, type Container } from './container.ts';

const HEADER = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'ff00::0\tip6-mcastprefix', 'ff02::1\tip6-allnodes', 'ff02::2\tip6-allrouters'];

/** The names of the container's own line: "host.domain host" with --domainname, else its hostname. */
function ownNames(c: Container): string {
  const host = containerHostname(c);
  return c.config.domainname ? `${host}.${c.config.domainname} ${host}` : host;
}

/** --add-host NAME:IP entries as lines, in the order given. */
function extraHostLines(c: Container): string[] {
  return (c.config.extraHosts ?? []).map((e) => {
    const colon = e.indexOf(':');
    return `${e.slice(colon + 1)}\t${e.slice(0, colon)}`;
  });
}

/**
 * /etc/hosts of a --network host container with --add-host: libnetwork builds it from the header
 * and the extra hosts (without them it copies the host's file).
 */
export function hostModeEtcHosts(c: Container): string | undefined {
  const extra = extraHostLines(c);
  return extra.length > 0 ? [...HEADER, ...extra].join('\n') + '\n' : undefined;
}

/** The content of /etc/hosts in a container that has its own network namespace. */
export function containerEtcHosts(c: Container): string {
  const lines = [...HEADER, ...extraHostLines(c)];
  // Legacy links (default bridge): alias, the linked container's hostname and its name.
  for (const link of c.links ?? []) {
    const ep = link.target.endpoints.find((e) => e.network.predefined && e.addr !== undefined);
    if (!ep || ep.addr === undefined) continue;
    const names = [link.alias, containerHostname(link.target)];
    if (link.alias !== link.target.name) names.push(link.target.name);
    lines.push(`${formatIp(ep.addr)}\t${names.join(' ')}`);
  }
  for (const ep of c.endpoints) if (ep.addr !== undefined) lines.push(`${formatIp(ep.addr)}\t${ownNames(c)}`);
  return lines.join('\n') + '\n';
}

/** The Debian host's /etc/hosts, with `others` (address, name) for the hosts on its LANs. */
export function hostEtcHosts(hostname: string, others: readonly (readonly [string, string])[] = []): string {
  return (
    [
      '127.0.0.1\tlocalhost',
      `127.0.1.1\t${hostname}`,
      ...others.map(([addr, name]) => `${addr}\t${name}`),
      '',
      '# The following lines are desirable for IPv6 capable hosts',
      '::1     localhost ip6-localhost ip6-loopback',
      'ff02::1 ip6-allnodes',
      'ff02::2 ip6-allrouters',
    ].join('\n') + '\n'
  );
}
