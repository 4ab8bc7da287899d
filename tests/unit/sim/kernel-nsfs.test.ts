import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { bootKernel } from '../../../src/sandbox/sim/kernel/kernel.ts';
import { createNetns, deleteNetns, linkByName } from '../../../src/sandbox/sim/kernel/netns.ts';
import { knownNetnsId } from '../../../src/sandbox/sim/kernel/netnsid.ts';
import { attachNetns, createNamedNetns, nsFilesIn, removeNsFile } from '../../../src/sandbox/sim/kernel/nsfs.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { addLink, deleteLink, moveLinkToNetns } from '../../../src/sandbox/sim/kernel/rtnetlink/links.ts';
import type { Netns } from '../../../src/sandbox/sim/kernel/netns.ts';

function kernel() {
  return bootKernel('h', new VirtualClock(), seededRandom(3));
}

function named(k: ReturnType<typeof kernel>, path: string): Netns {
  const ns = createNamedNetns(k, path);
  if (typeof ns === 'string') throw new Error(ns);
  return ns;
}

describe('namespace files keep namespaces alive', () => {
  it('the last file made by ip netns add takes the namespace and its devices along', () => {
    const k = kernel();
    const red = named(k, '/run/netns/red');
    expect(createNamedNetns(k, '/run/netns/red')).toBe('EEXIST');
    const veth = addLink(k.init, { name: 'r0', kind: 'veth', peer: 'r1' });
    if (typeof veth === 'string') throw new Error(veth);
    expect(moveLinkToNetns(linkByName(k.init, 'r1')!, red)).toBeUndefined();
    expect(attachNetns(k, '/run/netns/also-red', red)).toBeUndefined();
    expect(removeNsFile(k, '/run/netns/red')).toBeUndefined();
    expect(linkByName(k.init, 'r0')).toBeDefined();
    expect(removeNsFile(k, '/run/netns/also-red')).toBeUndefined();
    expect(linkByName(k.init, 'r0')).toBeUndefined();
    expect(removeNsFile(k, '/run/netns/red')).toBe('ENOENT');
    expect(k.nsDirs.has('/run/netns')).toBe(true);
  });

  it('a name given to a namespace someone else made leaves it alone when removed', () => {
    const k = kernel();
    const theirs = createNetns(k);
    addLink(theirs, { name: 'd0', kind: 'dummy' });
    expect(attachNetns(k, '/run/netns/c1', theirs)).toBeUndefined();
    expect(removeNsFile(k, '/run/netns/c1')).toBeUndefined();
    expect(linkByName(theirs, 'd0')).toBeDefined();
  });

  it('lists a directory newest first', () => {
    const k = kernel();
    named(k, '/run/netns/a');
    named(k, '/run/netns/b');
    named(k, '/var/lib/other/c');
    expect(nsFilesIn(k, '/run/netns').map((e) => e.name)).toEqual(['b', 'a']);
  });
});

describe('netnsids and moving devices', () => {
  it('a veth peer moving away gives both namespaces an id, the lowest free, freed with the namespace', () => {
    const k = kernel();
    const a = createNetns(k);
    const b = createNetns(k);
    for (const [ns, name] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      addLink(k.init, { name: `${name}0`, kind: 'veth', peer: `${name}1` });
      moveLinkToNetns(linkByName(k.init, `${name}1`)!, ns);
    }
    expect([knownNetnsId(k.init, a), knownNetnsId(k.init, b), knownNetnsId(a, k.init)]).toEqual([0, 1, 0]);
    deleteNetns(a);
    const c = createNetns(k);
    addLink(k.init, { name: 'c0', kind: 'veth', peer: 'c1' });
    moveLinkToNetns(linkByName(k.init, 'c1')!, c);
    expect(knownNetnsId(k.init, c)).toBe(0);
  });

  it('lo and bridges stay in their namespace; a name taken there is EEXIST; the device arrives down and bare', () => {
    const k = kernel();
    const ns = createNetns(k);
    const br = addLink(k.init, { name: 'br0', kind: 'bridge' });
    if (typeof br === 'string') throw new Error(br);
    expect(moveLinkToNetns(linkByName(k.init, 'lo')!, ns)).toBe('EINVAL');
    expect(moveLinkToNetns(br, ns)).toBe('EINVAL');
    addLink(ns, { name: 'x0', kind: 'dummy' });
    const x0 = addLink(k.init, { name: 'x0', kind: 'dummy' });
    if (typeof x0 === 'string') throw new Error(x0);
    expect(moveLinkToNetns(x0, ns)).toBe('EEXIST');
    expect(deleteLink(linkByName(k.init, 'lo')!)).toBe('EOPNOTSUPP');
  });

  it('veth without a peer name takes the first free vethN, which may be the name asked for', () => {
    const k = kernel();
    expect(addLink(k.init, { name: 'veth0', kind: 'veth' })).toBe('EEXIST');
    const v = addLink(k.init, { name: 'vx', kind: 'veth' });
    if (typeof v === 'string') throw new Error(v);
    expect(v.peer?.name).toBe('veth0');
  });
});
