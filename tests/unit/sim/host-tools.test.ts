import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

async function twoContainers() {
  const sim = newSim();
  await run(sim, 'docker run -dit --name b1 busybox');
  await run(sim, 'docker run -d --name web -p 8080:80 nginx');
  return sim;
}

describe('host tools read the model', () => {
  it('brctl show lists docker0 with its veth ports, sorted', async () => {
    const sim = await twoContainers();
    const out = (await run(sim, 'brctl show')).out;
    const lines = out.split('\n');
    expect(lines[0]).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces');
    expect(lines[1]).toMatch(/^docker0\t\t8000\.0242[0-9a-f]{8}\tno\t\tveth[0-9a-f]{7}$/);
    expect(lines[2]).toMatch(/^\t{7}veth[0-9a-f]{7}$/);
    expect(lines[1]!.split('\t').pop()! < lines[2]!.trim()).toBe(true);
  });

  it('bridge link shows each port with its master and state', async () => {
    const sim = await twoContainers();
    const out = (await run(sim, 'bridge link')).out;
    expect(out).toMatch(/^5: veth[0-9a-f]{7}@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 \n7: veth[0-9a-f]{7}@if6: /);
    await run(sim, 'ping -c 1 172.17.0.2');
    expect((await run(sim, 'bridge fdb show dev docker0')).out).toContain('02:42:ac:11:00:02 dev veth');
  });

  it('route -n and netstat -rn print the FIB in net-tools layout', async () => {
    const sim = await twoContainers();
    expect((await run(sim, 'route -n')).out).toBe(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n' +
        '0.0.0.0         10.0.2.2        0.0.0.0         UG    0      0        0 eth0\n' +
        '10.0.2.0        0.0.0.0         255.255.255.0   U     0      0        0 eth0\n' +
        '172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n',
    );
    expect((await run(sim, 'netstat -rn')).out).toContain('0.0.0.0         10.0.2.2        0.0.0.0         UG        0 0          0 eth0\n');
  });

  it('ping fills the neighbour table: arp -n and ip neigh, answered and unanswered', async () => {
    const sim = await twoContainers();
    expect((await run(sim, 'ip neigh')).out).toBe('');
    await run(sim, 'ping -c 1 172.17.0.2');
    await run(sim, 'ping -c 1 -W 1 172.17.0.99');
    expect((await run(sim, 'ip neigh show dev docker0')).out).toBe('172.17.0.99 INCOMPLETE \n172.17.0.2 lladdr 02:42:ac:11:00:02 REACHABLE \n');
    expect((await run(sim, 'arp -n')).out).toBe(
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
        '172.17.0.99                      (incomplete)                              docker0\n' +
        '172.17.0.2               ether   02:42:ac:11:00:02   C                     docker0\n',
    );
    // A container learns its peer too (busybox layout), and entries go stale with time.
    await run(sim, 'docker run -dit --name b2 busybox');
    await run(sim, 'ping -c 1 172.17.0.2', { target: inContainer(sim, 'b2') });
    expect((await run(sim, 'ip neigh', { target: inContainer(sim, 'b2') })).out).toBe('172.17.0.2 dev eth0 lladdr 02:42:ac:11:00:02 ref 1 used 0/0/0 probes 1 REACHABLE\n');
    await sim.clock.sleep(60_000);
    expect((await run(sim, 'ip neigh show dev docker0')).out).toBe('172.17.0.99 FAILED \n172.17.0.2 lladdr 02:42:ac:11:00:02 STALE \n');
  });

  it('ip route get names the route, source and gateway', async () => {
    const sim = await twoContainers();
    expect((await run(sim, 'ip route get 172.17.0.2')).out).toBe('172.17.0.2 dev docker0 src 172.17.0.1 uid 0 \n    cache \n');
    expect((await run(sim, 'ip route get 8.8.8.8')).out).toBe('8.8.8.8 via 10.0.2.2 dev eth0 src 10.0.2.15 uid 0 \n    cache \n');
  });

  it('ss -tlnp and netstat -tlnp show the docker-proxy listeners, IPv4 and IPv6', async () => {
    const sim = await twoContainers();
    expect((await run(sim, 'ss -tln')).out).toBe(
      'State    Recv-Q   Send-Q     Local Address:Port     Peer Address:Port  Process  \n' +
        'LISTEN   0        4096             0.0.0.0:8080          0.0.0.0:*              \n' +
        'LISTEN   0        4096                [::]:8080             [::]:*              \n',
    );
    expect((await run(sim, 'ss -tlnp')).out).toContain('users:(("docker-proxy",');
    const netstat = (await run(sim, 'netstat -tlnp')).out;
    expect(netstat).toContain('tcp6       0      0 :::8080                 :::*                    LISTEN     ');
    expect(netstat).toContain('/docker-proxy');
  });

  it("ss spreads the terminal's spare width over its columns: by content, with -p, and with nothing listening", async () => {
    const sim = newSim();
    expect((await run(sim, 'ss -ltn')).out).toBe('State   Recv-Q   Send-Q     Local Address:Port     Peer Address:Port  Process   \n');
    await run(sim, 'docker run -d -p 8080:80 nginx');
    const withProcess = (await run(sim, 'ss -ltnp')).out.split('\n');
    // The Process column does not fit beside the others: it gets a line's width of its own.
    expect(withProcess[0]).toBe(`State     Recv-Q    Send-Q       Local Address:Port        Peer Address:Port    ${'Process'.padEnd(80)}`);
    expect(withProcess[1]).toMatch(/^LISTEN {4}0 {9}4096 {15}0\.0\.0\.0:8080 {13}0\.0\.0\.0:\* {8}users:\(\("docker-proxy",pid=\d+,fd=4\)\) +$/);
  });

  it('--link on the default bridge writes the linked container into /etc/hosts', async () => {
    const sim = await twoContainers();
    expect((await run(sim, 'docker run -dit --name client --link web:www busybox')).code).toBe(0);
    const hosts = (await run(sim, 'cat /etc/hosts', { target: inContainer(sim, 'client') })).out;
    expect(hosts).toMatch(/\n172\.17\.0\.3\twww [0-9a-f]{12} web\n172\.17\.0\.4\t[0-9a-f]{12}\n$/);
    const ping = await run(sim, 'ping -c 1 www', { target: inContainer(sim, 'client') });
    expect(ping.out).toContain('PING www (172.17.0.3)');
    const missing = await run(sim, 'docker run -d --link nosuch:db busybox');
    expect(missing.err).toBe("docker: Error response from daemon: could not get container for nosuch.\nSee 'docker run --help'.\n");
  });

  // Recorded on 20.10 (fidelity scenario connect-cycles): the route is there, the isolation rules drop.
  it('an --internal network has no way out, but its containers reach each other', async () => {
    const sim = newSim();
    await run(sim, 'docker network create --internal secret');
    await run(sim, 'docker run -dit --name s1 --network secret busybox');
    await run(sim, 'docker run -dit --name s2 --network secret busybox');
    const s1 = inContainer(sim, 's1');
    expect((await run(sim, 'ip route', { target: s1 })).out).toBe('default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n');
    const out = await run(sim, 'ping -c 1 -W 1 8.8.8.8', { target: s1 });
    expect(out.code).toBe(1);
    expect(out.out).toContain('1 packets transmitted, 0 packets received');
    // The host's own addresses are not forwarded to, so they still answer.
    expect((await run(sim, 'ping -c 1 172.17.0.1', { target: s1 })).code).toBe(0);
    expect((await run(sim, 'ping -c 1 s2', { target: s1 })).code).toBe(0);
    expect((await run(sim, 'iptables -S DOCKER-ISOLATION-STAGE-1')).out).toContain('! -d 172.18.0.0/16 -i br-');
  });

  it('docker images lists what the host has; an unknown image is looked up and not found', async () => {
    const sim = newSim();
    const images = (await run(sim, 'docker images --format "{{.Repository}} {{.ID}} {{.Size}}"')).out;
    expect(images).toContain('busybox a416a98b71e2 4.26MB\n');
    const r = await run(sim, 'docker run --rm nosuchimage');
    expect(r.err).toBe(
      "Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: Get \"https://registry-1.docker.io/v2/\": this sandbox has no registry: only the course images can be pulled (busybox, alpine, nginx, ubuntu, centos).\nSee 'docker run --help'.\n",
    );
    expect(r.code).toBe(125);
  });
});
