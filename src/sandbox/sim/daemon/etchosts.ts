/**
 * The /etc/hosts Docker writes into a container (libnetwork/etchosts): the fixed header and one
 * line per address the container has, naming its hostname.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { containerHostname, type Container } from './container.ts';

const HEADER = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'ff00::0\tip6-mcastprefix',
  'ff02::1\tip6-allnodes',
  'ff02::2\tip6-allrouters',
];

/** The content of /etc/hosts in a container that has its own network namespace. */
export function containerEtcHosts(c: Container): string {
  const lines = [...HEADER];
  for (const ep of c.endpoints) if (ep.addr !== undefined) lines.push(`${formatIp(ep.addr)}\t${containerHostname(c)}`);
  return lines.join('\n') + '\n';
}

/** The Debian host's /etc/hosts. */
export function hostEtcHosts(hostname: string): string {
  return [
    '127.0.0.1\tlocalhost',
    `127.0.1.1\t${hostname}`,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1     localhost ip6-localhost ip6-loopback',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
  ].join('\n') + '\n';
}
