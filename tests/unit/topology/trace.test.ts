import { describe, expect, it } from 'vitest';
import { latestTrace, simulationState } from '../../../src/sandbox/sim/topology.ts';
import { inContainer, newSim, run } from '../sim/run-program.ts';

describe('the path of the last packet', () => {
  it('ping across a user bridge: DNS, route, veth → bridge → veth, FORWARD rules, answered', async () => {
    const sim = newSim();
    await run(sim, 'docker network create appnet');
    await run(sim, 'docker run -dit --name box1 --network appnet busybox');
    await run(sim, 'docker run -dit --name box2 --network appnet busybox');
    await run(sim, 'ping -c 1 box2', { target: inContainer(sim, 'box1') });
    const path = simulationState(sim.world).lastPath!;
    expect(path.outcome).toBe('answered');
    expect(path.summary).toBe('ICMP echo 172.18.0.2 → 172.18.0.3 from container box1');
    const texts = path.hops.map((h) => h.text);
    expect(texts[0]).toBe("DNS: A box2? asked of 127.0.0.11:53 (Docker's embedded DNS server) → 172.18.0.3");
    expect(texts).toContain('route: 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2');
    expect(path.hops.find((h) => h.kind === 'link')!.text).toMatch(/^eth0 → veth pair → veth[0-9a-f]{7}, a port of br-[0-9a-f]{12}$/);
    expect(path.hops.some((h) => h.kind === 'bridge' && /^bridge br-[0-9a-f]{12} forwards from veth/.test(h.text))).toBe(true);
    const rules = path.hops.filter((h) => h.kind === 'rule' && h.dir === 'request').map((h) => `${h.rule} => ${h.verdict}`);
    expect(rules[0]).toBe('-A FORWARD -j DOCKER-USER => jump to DOCKER-USER');
    expect(rules).toContain('-A DOCKER-USER -j RETURN => RETURN');
    expect(rules.at(-1)).toMatch(/^-A FORWARD -i br-[0-9a-f]{12} -o br-[0-9a-f]{12} -j ACCEPT => ACCEPT$/);
    expect(path.hops.some((h) => h.dir === 'reply')).toBe(true);
    // Both containers, both veth ends and the bridge are on the path.
    const state = simulationState(sim.world);
    const box1 = state.hosts[0]!.namespaces.find((n) => n.containers[0]?.name === 'box1')!;
    const box2 = state.hosts[0]!.namespaces.find((n) => n.containers[0]?.name === 'box2')!;
    const bridge = state.hosts[0]!.bridges.find((b) => b.network === 'appnet')!;
    for (const id of [box1.id, box2.id, `${box1.id}#eth0`, `${box2.id}#eth0`, bridge.id]) expect(path.elements).toContain(id);
  });

  it('wget to a published port on the host address goes through the DNAT rule', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web -p 1234:80 nginx');
    await run(sim, 'wget -qO- http://10.0.2.15:1234/');
    const path = simulationState(sim.world).lastPath!;
    expect(path.outcome).toBe('answered');
    expect(path.hops).toContainEqual(
      expect.objectContaining({ kind: 'rule', table: 'nat', chain: 'DOCKER', rule: '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 1234 -j DNAT --to-destination 172.17.0.2:80', verdict: 'DNAT' }),
    );
    expect(path.hops).toContainEqual(expect.objectContaining({ kind: 'nat', text: 'DNAT: destination 10.0.2.15:1234 → 172.17.0.2:80' }));
    expect(path.hops.some((h) => h.kind === 'unnat')).toBe(true);
    expect(path.hops.some((h) => h.kind === 'deliver' && h.text === 'delivered to nginx listening on 0.0.0.0:80' && h.where === 'container web')).toBe(true);
  });

  it('wget 127.0.0.1:<published port> names the DNAT rule and shows docker-proxy relaying', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web -p 1234:80 nginx');
    await run(sim, 'wget -qO- 127.0.0.1:1234');
    const path = simulationState(sim.world).lastPath!;
    expect(path.hops.some((h) => h.text === 'delivered to docker-proxy listening on 0.0.0.0:1234')).toBe(true);
    expect(path.hops).toContainEqual(expect.objectContaining({ kind: 'note', rule: '-A DOCKER ! -i docker0 -p tcp -m tcp --dport 1234 -j DNAT --to-destination 172.17.0.2:80' }));
    expect(path.hops.some((h) => h.depth === 1 && h.text === 'delivered to nginx listening on 0.0.0.0:80')).toBe(true);
  });

  it('ping blocked by iptables -I DOCKER-USER -j DROP names that rule', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    await run(sim, 'docker run -dit --name b2 busybox');
    await run(sim, 'iptables -I DOCKER-USER -j DROP');
    await run(sim, 'ping -c 1 -W 1 172.17.0.3', { target: inContainer(sim, 'b1') });
    const path = simulationState(sim.world).lastPath!;
    expect(path.outcome).toBe('dropped');
    const drop = path.hops.at(-1)!;
    expect(drop).toMatchObject({ kind: 'drop', rule: '-A DOCKER-USER -j DROP', chain: 'DOCKER-USER', table: 'filter', where: 'host node1' });
    expect(drop.text).toBe('dropped by filter DOCKER-USER: -A DOCKER-USER -j DROP');
  });

  it('explain prints the same path in the terminal, in containers too', async () => {
    const sim = newSim();
    expect((await run(sim, 'explain')).err).toMatch(/no packet yet/);
    await run(sim, 'docker run -dit --name b1 busybox');
    await run(sim, 'docker run -dit --name b2 busybox');
    await run(sim, 'iptables -I DOCKER-USER -j DROP');
    await run(sim, 'ping -c 1 -W 1 172.17.0.3', { target: inContainer(sim, 'b1') });
    const out = (await run(sim, 'explain', { target: inContainer(sim, 'b1') })).out;
    expect(out).toMatch(/^The last packet: ICMP echo 172\.17\.0\.2 → 172\.17\.0\.3 from container b1\nOutcome: dropped/);
    expect(out).toContain('[host node1] filter DOCKER-USER: -A DOCKER-USER -j DROP → DROP');
    expect(out).toContain('[host node1] dropped by filter DOCKER-USER: -A DOCKER-USER -j DROP');
  });

  it('nslookup alone is explained as a DNS question and answer', async () => {
    const sim = newSim();
    await run(sim, 'docker network create appnet');
    await run(sim, 'docker run -dit --name a1 --network appnet busybox');
    await run(sim, 'docker run -dit --name a2 --network appnet busybox');
    await run(sim, 'nslookup a2', { target: inContainer(sim, 'a1') });
    const path = simulationState(sim.world).lastPath!;
    expect(path.outcome).toBe('dns');
    expect(path.hops.map((h) => h.text)).toEqual(["DNS: A a2? asked of 127.0.0.11:53 (Docker's embedded DNS server) → 172.18.0.3"]);
  });
});

describe('traces belong to their simulation', () => {
  it('two simulations in one process number and keep their traces apart', async () => {
    const a = newSim(1);
    const b = newSim(2);
    await run(a, 'ping -c 1 10.0.2.2');
    await run(b, 'ping -c 1 8.8.8.8');
    await run(b, 'ping -c 1 10.0.2.2');
    // Each simulation counts its own traces from 1, whatever the other did in between.
    expect(latestTrace(a.world)?.seq).toBe(1);
    expect(latestTrace(b.world)?.seq).toBe(2);
    expect(simulationState(a.world).lastPath?.summary).toBe('ICMP echo 10.0.2.15 → 10.0.2.2 from host node1');
    expect(simulationState(b.world).lastPath?.summary).toBe('ICMP echo 10.0.2.15 → 10.0.2.2 from host node1');
    await run(a, 'ping -c 1 8.8.8.8');
    expect(latestTrace(a.world)?.seq).toBe(2);
    expect(latestTrace(b.world)?.seq).toBe(2);
  });
});
