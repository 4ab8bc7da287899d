import { describe, expect, it } from 'vitest';
import { newSim, run } from './run-program.ts';

describe("ip route add/del change any route of the table, with iproute2's errors", () => {
  it('adds routes via a gateway and onto a device, refuses a gateway off-link, deletes once', async () => {
    const sim = newSim();
    expect((await run(sim, 'ip route add 10.201.0.0/24 via 10.0.2.9')).code).toBe(0);
    expect(await run(sim, 'ip route add 10.202.0.0/24 via 10.99.0.1')).toEqual({ out: '', err: 'Error: Nexthop has invalid gateway.\n', code: 2 });
    expect((await run(sim, 'ip route add 10.203.0.0/24 dev eth0')).code).toBe(0);
    const table = (await run(sim, 'ip route show')).out;
    expect(table).toContain('10.201.0.0/24 via 10.0.2.9 dev eth0 \n');
    expect(table).toContain('10.203.0.0/24 dev eth0 scope link \n');
    expect((await run(sim, 'ip route get 10.203.0.7')).out).toBe('10.203.0.7 dev eth0 src 10.0.2.15 uid 0 \n    cache \n');
    expect(await run(sim, 'ip route add 10.203.0.0/24 dev eth0')).toEqual({ out: '', err: 'RTNETLINK answers: File exists\n', code: 2 });
    expect((await run(sim, 'ip route del 10.201.0.0/24')).code).toBe(0);
    expect(await run(sim, 'ip route del 10.201.0.0/24')).toEqual({ out: '', err: 'RTNETLINK answers: No such process\n', code: 2 });
    expect(await run(sim, 'ip route add default via 10.0.2.2')).toEqual({ out: '', err: 'RTNETLINK answers: File exists\n', code: 2 });
  });
});

describe('ip neigh add/del set static entries', () => {
  it('a permanent entry shows and goes away', async () => {
    const sim = newSim();
    expect((await run(sim, 'ip neigh add 10.0.2.9 lladdr 02:00:00:00:00:09 dev eth0')).code).toBe(0);
    expect((await run(sim, 'ip neigh show dev eth0')).out).toBe('10.0.2.9 lladdr 02:00:00:00:00:09 PERMANENT \n');
    expect((await run(sim, 'ip neigh del 10.0.2.9 dev eth0')).code).toBe(0);
    expect((await run(sim, 'ip neigh show dev eth0')).out).toBe('');
    expect((await run(sim, 'ip neigh del 10.0.2.9 dev eth0')).code).toBe(2);
  });
});
