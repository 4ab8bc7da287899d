/**
 * The built-in host profiles lessons name in their frontmatter (`sandbox: { profile: two-nodes }`),
 * the same for every driver. `default` is the machine the fidelity recordings were made on;
 * `two-nodes` is the classic Vagrant/VirtualBox pair: each VM has its own NAT adapter (eth0,
 * 10.0.2.15 on both, as VirtualBox gives every VM a private NAT network) and a host-only adapter on
 * one shared LAN (eth1).
 */
import { UnknownProfileError } from '../driver.ts';
import type { HostProfile } from './host-profile.ts';
import { hostProfileOf } from './lab-profile.ts';

/** Name of the profile used when none is asked for. */
export const DEFAULT_PROFILE_NAME = 'default';

const NAT = { defaultRoute: '10.0.2.2', resolver: '10.0.2.3' };

/** Built-in profiles by name. */
export const BUILTIN_PROFILES: ReadonlyMap<string, HostProfile> = new Map<string, HostProfile>([
  [
    DEFAULT_PROFILE_NAME,
    {
      name: DEFAULT_PROFILE_NAME,
      hosts: [{ name: 'node1', hostname: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], ...NAT }],
    },
  ],
  [
    'two-nodes',
    {
      name: 'two-nodes',
      // Vagrant syncs the project folder into every VM at /vagrant.
      sharedFolders: ['/vagrant'],
      hosts: ['11', '12'].map((last, i) => ({
        name: `node${i + 1}`,
        hostname: `node${i + 1}`,
        interfaces: [
          { name: 'eth0', address: '10.0.2.15/24' },
          { name: 'eth1', address: `192.168.56.${last}/24`, lan: 'lan', altname: 'enp0s8' },
        ],
        ...NAT,
      })),
    },
  ],
]);

/** The built-in profile `name` (the default when undefined); an unknown name is refused, never replaced. */
export function builtinProfile(name: string | undefined): HostProfile {
  // A lab's profile (lab-profile.ts) builds its host profile's machines.
  const profile = BUILTIN_PROFILES.get(hostProfileOf(name) ?? DEFAULT_PROFILE_NAME);
  if (!profile) throw new UnknownProfileError(`unknown host profile "${name}" (known: ${[...BUILTIN_PROFILES.keys()].join(', ')})`);
  return profile;
}
