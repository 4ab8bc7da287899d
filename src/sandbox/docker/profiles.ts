/**
 * Host profiles: which sandbox hosts a lesson's sandbox has. The default is one host, node1; the
 * two-node lessons (cross-host networking, overlay) get node1 and node2 on one private network,
 * each resolving the other by name. As on the simulator, a profile this driver has no hosts for
 * (a prepared state only the simulator knows) gets the default.
 */
import { TWO_NODES_PROFILE } from './options.ts';

export const DEFAULT_PROFILE = 'default';

const PROFILES: Record<string, readonly string[]> = {
  [DEFAULT_PROFILE]: ['node1'],
  [TWO_NODES_PROFILE]: ['node1', 'node2'],
};

/** The profile whose hosts `profile` gets: itself when known, else the default. */
export function resolveProfile(profile: string | undefined): string {
  return profile !== undefined && profile in PROFILES ? profile : DEFAULT_PROFILE;
}

/**
 * What the hosts of a profile share besides their private network, as the simulator's profile of
 * the same name has it (src/sandbox/sim/profiles/builtin.ts): the Vagrant pair's host-only LAN on
 * eth1 (node N gets `${lanPrefix}.${lanFirst + N - 1}/24`) and its synced folder /vagrant.
 */
export interface ProfileExtras {
  lan?: { prefix: string; first: number };
  sharedFolders?: readonly string[];
}

const EXTRAS: Record<string, ProfileExtras> = {
  [TWO_NODES_PROFILE]: { lan: { prefix: '192.168.56', first: 11 }, sharedFolders: ['/vagrant'] },
};

/** The LAN and shared folders of a resolved profile (none for the default). */
export function profileExtras(profile: string): ProfileExtras {
  return EXTRAS[profile] ?? {};
}

/** The node names of a resolved profile. */
export function profileNodes(profile: string): readonly string[] {
  return PROFILES[profile] ?? PROFILES[DEFAULT_PROFILE]!;
}
