import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles } from './import-cycles.ts';
import { findKernelWrites } from './kernel-writes.ts';

const SIM = resolve(import.meta.dirname, '../../../src/sandbox/sim');

describe('the kernel has an API', () => {
  it('only src/sandbox/sim/kernel writes kernel state; daemon and userland call its operations', () => {
    expect(findKernelWrites(SIM, resolve(SIM, 'kernel'))).toEqual([]);
  }, 120_000);

  it('the check sees a direct write when there is one', () => {
    const planted = findKernelWrites(resolve(import.meta.dirname, 'fixtures'), resolve(import.meta.dirname, 'fixtures/kernel'));
    expect(planted.map((w) => w.code)).toEqual([
      "dev.addrs.push({ addr: 1, len: 8, scope: 'global' })",
      'dev.up = true',
      'ns.routes = []',
      'dev.stats.rxPackets++',
      'Object.assign(dev.stats, { rxPackets: 1 })',
      "dev.fdb?.set('00:00:00:00:00:01', dev)",
    ]);
  }, 120_000);
});

describe('the simulator layers import one way', () => {
  it('the simulator has no runtime import cycles (daemon.ts ↔ swarm.ts, programs.ts ↔ docker/ included)', () => {
    expect(importCycles(SIM)).toEqual([]);
  });

  it('the cycle check finds one when there is one', () => {
    expect(importCycles(resolve(import.meta.dirname, 'fixtures/cycle'))).toEqual([['a.ts', 'b.ts']]);
  });
});

describe('network drivers are registered in one place', () => {
  it('each registered driver answers to its own name, and unknown ones are plugins not found', async () => {
    const { driverNamed } = await import('../../../src/sandbox/sim/daemon/drivers/registry.ts');
    for (const name of ['bridge', 'overlay', 'host', 'null']) expect(driverNamed(name)?.name).toBe(name);
    expect(driverNamed('macvlan')).toBeUndefined();
    expect(driverNamed('toString')).toBeUndefined();
  });
});
