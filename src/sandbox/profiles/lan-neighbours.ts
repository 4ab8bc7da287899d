/**
 * Which hosts of a profile share a LAN with a host, as /etc/hosts lists them. Its own module so that
 * booting a profile's machines does not bring in the profile format's validation (zod), which the
 * browser's sandbox worker never needs for its built-in profiles.
 */
import type { HostProfile, HostSpec } from './host-profile.ts';

/** The other hosts on `host`'s LANs, `[address, hostname]` each, as Vagrant's hostmanager writes them into /etc/hosts. */
export function lanNeighbours(profile: HostProfile, host: HostSpec): [string, string][] {
  const mine = new Set(host.interfaces.map((f) => f.lan).filter((l) => l !== undefined));
  const out: [string, string][] = [];
  for (const other of profile.hosts) {
    if (other === host) continue;
    const f = other.interfaces.find((x) => x.lan !== undefined && mine.has(x.lan));
    if (f) out.push([f.address.split('/', 1)[0] ?? f.address, other.hostname ?? other.name]);
  }
  return out;
}
