/**
 * Host profiles on the Docker driver: the shared built-in profiles (src/sandbox/profiles/builtin.ts)
 * mapped onto sandbox-host containers. Each host of the profile is one container named after it;
 * when every host has an interface on a `lan`, the first such address is the host's on a LAN the
 * init tunnels between them (images/sandbox-host), like the Vagrant pair's host-only eth1; shared
 * folders become named volumes. The rest (the NAT adapter's address, tools, images) is the
 * sandbox-host image's own. An unknown name is refused with UnknownProfileError, as by the simulator.
 */
import { builtinProfile, DEFAULT_PROFILE_NAME } from '../profiles/builtin.ts';
import { lanNeighbours } from '../profiles/lan-neighbours.ts';
import { hostProfileOf } from '../profiles/lab-profile.ts';

export const DEFAULT_PROFILE = DEFAULT_PROFILE_NAME;

/** The name of the profile `profile` asks for (the default when undefined); throws UnknownProfileError otherwise. */
export function resolveProfile(profile: string | undefined): string {
  builtinProfile(profile);
  // A lab's sandbox host is its host profile's (the warm pool has those); the lab's setup runs on it after.
  return hostProfileOf(profile) ?? DEFAULT_PROFILE;
}

/** What the hosts of a profile share besides their private network. */
export interface ProfileExtras {
  /** Each host's address on the shared LAN, with prefix length, in host order. */
  lanAddresses?: readonly string[];
  sharedFolders?: readonly string[];
}

/** The LAN and shared folders of a resolved profile (none for the default). */
export function profileExtras(profile: string): ProfileExtras {
  const { hosts, sharedFolders } = builtinProfile(profile);
  const lanAddresses = hosts.map((host) => host.interfaces.find((spec) => spec.lan !== undefined)?.address);
  return {
    ...(lanAddresses.every((address) => address !== undefined) ? { lanAddresses } : {}),
    ...(sharedFolders ? { sharedFolders } : {}),
  };
}

/** The node names of a resolved profile. */
export function profileNodes(profile: string): readonly string[] {
  return builtinProfile(profile).hosts.map((host) => host.name);
}

/**
 * The other hosts on host `index`'s LAN in a resolved profile, `address=hostname` each, space-separated:
 * its init writes them into /etc/hosts (VETHLAB_LAN_HOSTS), as the simulator's boot does.
 */
export function lanHostEntries(profile: string, index: number): string {
  const resolved = builtinProfile(profile);
  const host = resolved.hosts[index];
  if (!host) return '';
  return lanNeighbours(resolved, host)
    .map(([address, hostname]) => `${address}=${hostname}`)
    .join(' ');
}
