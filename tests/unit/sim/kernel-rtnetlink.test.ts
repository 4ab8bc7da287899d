import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { parseIp } from '../../../src/sandbox/sim/kernel/ipv4.ts';
import { bootKernel } from '../../../src/sandbox/sim/kernel/kernel.ts';
import { neighbours, nudState } from '../../../src/sandbox/sim/kernel/neighbour.ts';
import { createNetns, deleteNetns, linkByName } from '../../../src/sandbox/sim/kernel/netns.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { mainTable, routeLookup } from '../../../src/sandbox/sim/kernel/route.ts';
import { addAddress, deleteAddress } from '../../../src/sandbox/sim/kernel/rtnetlink/addresses.ts';
import { createLink, createVethPair, moveLinkToNetns, renameLink, setLinkMaster, setLinkMtu, setLinkUp } from '../../../src/sandbox/sim/kernel/rtnetlink/links.ts';
import { addNeighbour, deleteNeighbour, replaceNeighbour } from '../../../src/sandbox/sim/kernel/rtnetlink/neighbours.ts';
import { addRoute, DEFAULT_DST, deleteRoute, flushRoutes, replaceRoute } from '../../../src/sandbox/sim/kernel/rtnetlink/routes.ts';

const MAC = [2, 0, 0, 0, 0, 1];

function host() {
  const kernel = bootKernel('h', new VirtualClock(), seededRandom(1));
  const eth0 = createLink(kernel.init, { name: 'eth0', kind: 'ether', mac: MAC });
  addAddress(eth0, { addr: parseIp('10.0.2.15')!, len: 24, scope: 'global' });
  setLinkUp(eth0, true);
  return { kernel, ns: kernel.init, eth0 };
}

describe('kernel rtnetlink operations', () => {
  it('adds and deletes addresses with the errors iproute2 reports', () => {
    const { eth0 } = host();
    expect(addAddress(eth0, { addr: parseIp('10.0.2.15')!, len: 24, scope: 'global' })).toBe('EEXIST');
    expect(addAddress(eth0, { addr: parseIp('10.0.3.1')!, len: 24, scope: 'global' })).toBeUndefined();
    expect(deleteAddress(eth0, parseIp('10.0.3.1')!, 24)).toBeUndefined();
    expect(deleteAddress(eth0, parseIp('10.0.3.1')!)).toBe('EADDRNOTAVAIL');
    expect(eth0.addrs).toHaveLength(1);
  });

  it('adds, replaces and deletes routes; the lookup follows', () => {
    const { ns, eth0 } = host();
    const gw = parseIp('10.0.2.2')!;
    expect(addRoute(ns, { dst: DEFAULT_DST, via: gw, dev: eth0, proto: 'boot', scope: 'global' })).toBeUndefined();
    expect(addRoute(ns, { dst: DEFAULT_DST, via: gw, dev: eth0, proto: 'static', scope: 'global' })).toBe('EEXIST');
    expect(routeLookup(ns, parseIp('8.8.8.8')!)).toMatchObject({ kind: 'unicast', nexthop: gw });
    replaceRoute(ns, { dst: DEFAULT_DST, via: parseIp('10.0.2.3')!, dev: eth0, proto: 'static', scope: 'global' });
    expect(mainTable(ns).filter((r) => r.dst.len === 0)).toHaveLength(1);
    expect(routeLookup(ns, parseIp('8.8.8.8')!)).toMatchObject({ nexthop: parseIp('10.0.2.3') });
    expect(deleteRoute(ns, { dst: DEFAULT_DST, via: gw })).toBe('ESRCH');
    expect(deleteRoute(ns, { dst: DEFAULT_DST })).toBeUndefined();
    expect(routeLookup(ns, parseIp('8.8.8.8')!).kind).toBe('unreachable');
    addRoute(ns, { dst: { addr: parseIp('192.168.0.0')!, len: 16 }, dev: eth0, proto: 'static', scope: 'link' });
    expect(flushRoutes(ns, { dst: { addr: parseIp('192.168.0.0')!, len: 16 } })).toBe(1);
  });

  it('refuses a route through a device of another namespace', () => {
    const { kernel, eth0 } = host();
    const other = createNetns(kernel);
    expect(addRoute(other, { dst: DEFAULT_DST, dev: eth0, proto: 'static', scope: 'global' })).toBe('ENODEV');
  });

  it('enslaves only to bridges, renames to free names (up or down), checks the MTU', () => {
    const { ns, eth0 } = host();
    const br = createLink(ns, { name: 'br0', kind: 'bridge', mac: MAC });
    const [a] = createVethPair(ns, 'va', MAC, 'vb', MAC);
    expect(setLinkMaster(a, eth0)).toBe('EOPNOTSUPP');
    expect(setLinkMaster(a, br)).toBeUndefined();
    expect(a.master).toBe(br);
    // Linux 6.2+ (the recording kernel) renames an up device (netns-errors #43).
    expect(renameLink(eth0, 'wan0')).toBeUndefined();
    expect(renameLink(eth0, 'eth0')).toBeUndefined();
    expect(renameLink(a, 'eth0')).toBe('EEXIST');
    expect(renameLink(a, 'veth-a')).toBeUndefined();
    expect(linkByName(ns, 'veth-a')).toBe(a);
    expect(setLinkMtu(a, 20)).toBe('EINVAL');
    expect(setLinkMtu(a, 1450)).toBeUndefined();
  });

  it('deleting a namespace takes the far end of its veth pairs with it', () => {
    const { kernel, ns } = host();
    const inner = createNetns(kernel);
    const [outside, inside] = createVethPair(ns, 'veth0', MAC, 'ceth0', MAC);
    moveLinkToNetns(inside, inner, 'eth0');
    expect(linkByName(inner, 'eth0')).toBe(inside);
    deleteNetns(inner);
    expect(linkByName(ns, outside.name)).toBeUndefined();
  });

  it('static neighbours: add, replace, delete', () => {
    const { ns, eth0, kernel } = host();
    const addr = parseIp('10.0.2.9')!;
    expect(addNeighbour(ns, { dev: eth0, addr, mac: MAC, permanent: true })).toBeUndefined();
    expect(addNeighbour(ns, { dev: eth0, addr, mac: MAC, permanent: true })).toBe('EEXIST');
    expect(nudState(neighbours(ns, eth0)[0]!, kernel.clock.now())).toBe('PERMANENT');
    replaceNeighbour(ns, { dev: eth0, addr, mac: [2, 0, 0, 0, 0, 9], permanent: false });
    expect(neighbours(ns, eth0)).toHaveLength(1);
    expect(nudState(neighbours(ns, eth0)[0]!, kernel.clock.now())).toBe('REACHABLE');
    expect(deleteNeighbour(ns, eth0, addr)).toBeUndefined();
    expect(deleteNeighbour(ns, eth0, addr)).toBe('ENOENT');
  });
});
