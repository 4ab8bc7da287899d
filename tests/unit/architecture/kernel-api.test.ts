import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
