/** The /etc/hosts entries a Docker-driver sandbox host gets for the other nodes of its LAN (src/sandbox/docker/profiles.ts). */
import { describe, expect, it } from 'vitest';
import { lanHostEntries } from '../../../src/sandbox/docker/profiles.ts';

describe('LAN host entries', () => {
  it('names the other node of the two-node profile by its LAN address, as the simulator boots it', () => {
    expect(lanHostEntries('two-nodes', 0)).toBe('192.168.56.12=node2');
    expect(lanHostEntries('two-nodes', 1)).toBe('192.168.56.11=node1');
  });

  it('has none for a host without a LAN', () => {
    expect(lanHostEntries('default', 0)).toBe('');
  });
});
