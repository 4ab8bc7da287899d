/** The host-profile format: every problem found in one pass, each at its JSON path. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../../src/sandbox/profiles/builtin.ts';
import { parseProfile, validateProfile } from '../../../src/sandbox/profiles/host-profile.ts';
import { issuePath } from '../../../src/sandbox/profiles/issue-paths.ts';

const vocabulary = { tools: ['ip', 'ping'], images: ['busybox', 'nginx'] };

function errorsOf(value: unknown): string[] {
  const checked = validateProfile(value, vocabulary);
  return checked.ok ? [] : checked.errors;
}

describe('host profile schema', () => {
  it('accepts every built-in profile', () => {
    for (const [name, profile] of BUILTIN_PROFILES) expect(validateProfile(profile, vocabulary), name).toEqual({ ok: true, profile });
  });

  it('writes issue paths as JavaScript does', () => {
    expect(issuePath(['hosts', 0, 'interfaces', 1, 'address'])).toBe('hosts[0].interfaces[1].address');
    expect(issuePath([])).toBe('');
  });

  it('names a bad address with its place, as the README shows', () => {
    const errors = errorsOf({
      hosts: [
        {
          name: 'node1',
          interfaces: [
            { name: 'eth0', address: '10.0.2.15/24' },
            { name: 'eth1', address: '192.168.56.300/24' },
          ],
        },
      ],
    });
    expect(errors).toEqual(['hosts[0].interfaces[1].address: "192.168.56.300/24" is not an IPv4 address with a prefix length from /8 to /30 (like "10.0.2.15/24")']);
  });

  it('reports each unknown key with the keys it knows', () => {
    expect(errorsOf({ hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], colour: 'red', size: 2 }] })).toEqual([
      'hosts[0]: unknown key "colour" (known: name, hostname, interfaces, defaultRoute, resolver, tools, withoutTools, images, ipForward, kernel)',
      'hosts[0]: unknown key "size" (known: name, hostname, interfaces, defaultRoute, resolver, tools, withoutTools, images, ipForward, kernel)',
    ]);
  });

  it('takes a kernel release and version for uname, and says what a bad one should look like', () => {
    const host = { name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }] };
    expect(errorsOf({ hosts: [{ ...host, kernel: { release: '6.8.0-45-generic', version: '#45-Ubuntu SMP' } }] })).toEqual([]);
    expect(errorsOf({ hosts: [{ ...host, kernel: { release: 'six point one', version: '#1' } }] })).toEqual(['hosts[0].kernel.release: must be a kernel release like "6.1.0-18-amd64"']);
  });

  it('checks across interfaces and hosts: duplicates, one subnet per LAN, the gateway on a subnet', () => {
    const errors = errorsOf({
      hosts: [
        {
          name: 'node1',
          interfaces: [
            { name: 'eth0', address: '192.168.56.11/24', lan: 'lab' },
            { name: 'eth0', address: '10.0.0.0/24' },
          ],
          defaultRoute: '172.16.0.1',
        },
        {
          name: 'node1',
          interfaces: [
            { name: 'eth0', address: '192.168.56.11/24', lan: 'lab' },
            { name: 'eth1', address: '192.168.57.2/24', lan: 'lab' },
          ],
        },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'hosts[0].interfaces[1].address: 10.0.0.0/24 is the network address, not a host address',
        'hosts[0].interfaces[1].name: "eth0" appears twice',
        'hosts[0].defaultRoute: 172.16.0.1 is not on the subnet of any interface (Nexthop has invalid gateway)',
        'hosts[1].name: "node1" is used by another host',
        'hosts[1].interfaces[0].address: 192.168.56.11/24 is already used by hosts[0].interfaces[0] on lan "lab"',
        'hosts[1].interfaces[1].address: lan "lab" is 192.168.56.0/24, 192.168.57.2/24 is not on it',
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it('knows only the programs and images the sandbox has', () => {
    expect(errorsOf({ hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], tools: ['ip', 'telnet'], images: ['nginx:latest', 'redis'] }] })).toEqual([
      'hosts[0].tools: the simulator has no program "telnet" (known: ip ping)',
      'hosts[0].images: the simulator has no image "redis" (known: busybox nginx)',
    ]);
  });

  it('refuses what is not a profile at all', () => {
    expect(errorsOf([])).toEqual(['the profile must be a JSON object with a "hosts" array']);
    expect(errorsOf({})).toEqual(['hosts: must be a non-empty array']);
    expect(errorsOf({ hosts: [], sharedFolders: ['/etc/x'] })).toEqual(['hosts: must be a non-empty array', 'sharedFolders: "/etc/x" must be an absolute path outside /etc, /proc, /sys and /dev']);
    expect(parseProfile('{"hosts": [', vocabulary)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^not valid JSON: /)] });
  });
});
