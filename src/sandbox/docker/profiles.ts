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

/** The node names of a resolved profile. */
export function profileNodes(profile: string): readonly string[] {
  return PROFILES[profile] ?? PROFILES[DEFAULT_PROFILE]!;
}
