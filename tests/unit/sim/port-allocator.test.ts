import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { PortAllocator } from '../../../src/sandbox/sim/daemon/portallocator.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(5) }) });
}

const value = (r: ReturnType<PortAllocator['requestPortInRange']>) => (r.ok ? r.value : r.error.message);

describe('the port allocator', () => {
  it('hands out ephemeral ports after a cursor, so a released port is not reused at once', () => {
    const a = new PortAllocator();
    expect([value(a.requestPortInRange('0.0.0.0', 'tcp', 0, 0)), value(a.requestPortInRange('0.0.0.0', 'tcp', 0, 0))]).toEqual([32768, 32769]);
    a.releasePort('0.0.0.0', 'tcp', 32768);
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 0, 0))).toBe(32770);
  });

  it('keeps one map per address and protocol', () => {
    const a = new PortAllocator();
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 8001, 8001))).toBe(8001);
    expect(value(a.requestPortInRange('127.0.0.2', 'tcp', 8001, 8001))).toBe(8001);
    expect(value(a.requestPortInRange('0.0.0.0', 'udp', 8001, 8001))).toBe(8001);
    expect(value(a.requestPortInRange('::', 'tcp', 0, 0))).toBe(32768);
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 8001, 8001))).toBe('Bind for 0.0.0.0:8001 failed: port is already allocated');
  });

  it('gives each host range its own cursor and says when it is used up', () => {
    const a = new PortAllocator();
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 8090, 8091))).toBe(8090);
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 8090, 8091))).toBe(8091);
    expect(value(a.requestPortInRange('0.0.0.0', 'tcp', 8090, 8091))).toBe('all ports are allocated');
  });
});

describe('publishing through the allocator and docker-proxy', () => {
  it('counts the IPv4 and IPv6 bindings of -p 80 apart', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name r1 -p 80 nginx');
    await s.exec('docker run -d --name r2 -p 80 nginx');
    // 127.0.0.1 has a map of its own: 32768 and 32769 are free there, but docker-proxy cannot
    // bind them while r1 and r2 hold them on 0.0.0.0, so the next port is tried.
    await s.exec('docker run -d --name r3 -p 127.0.0.1::80 nginx');
    expect((await s.exec('docker port r3')).output).toBe('80/tcp -> 127.0.0.1:32770\n');
    await s.exec('docker rm -f r1');
    // 32768 is free again but behind the cursor; 0.0.0.0:32770 cannot bind next to r3's proxy.
    await s.exec('docker run -d --name r4 -p 80 nginx');
    expect((await s.exec('docker port r4')).output).toBe('80/tcp -> 0.0.0.0:32771\n80/tcp -> :::32770\n');
  });

  it('skips an ephemeral port whose proxy cannot bind, and fails an explicit one with the bind error', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name w1 -p 127.0.0.1:32768:80 nginx');
    await s.exec('docker run -d --name w2 -p 80 nginx');
    expect((await s.exec('docker port w2')).output).toBe('80/tcp -> 0.0.0.0:32769\n80/tcp -> :::32768\n');
    const clash = await s.exec('docker run -d --name w3 -p 127.0.0.1:32769:80 nginx');
    expect(clash.exit).toBe(125);
    expect(clash.output).toContain('Error starting userland proxy: listen tcp4 127.0.0.1:32769: bind: address already in use.');
    expect((await s.exec('iptables -t nat -S DOCKER')).output).not.toContain('127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 32769');
  });

  it('programs a shared rule once: two host ports to one container port make one ACCEPT', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name m1 -p 8001:80 -p 8002:80 nginx');
    const accept = (await s.exec('iptables -S DOCKER')).output.split('\n').filter((l) => l.includes('--dport 80 -j ACCEPT'));
    expect(accept).toHaveLength(1);
    await s.exec('docker stop m1');
    expect((await s.exec('iptables -S DOCKER')).output).toBe('-N DOCKER\n');
  });
});

describe('docker ps --filter publish= / expose=', () => {
  it('matches host ports of running containers and exposed ports, with ranges and protocols', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name f1 -p 8080:80 nginx');
    await s.exec('docker run -d --name f3 -p 127.0.0.1:8081:9000/udp busybox sleep 300');
    await s.exec('docker run -d --name f2 --expose 9000 busybox sleep 300');
    const names = async (filter: string) => (await s.exec(`docker ps -a --filter ${filter} --format '{{.Names}}'`)).output;
    expect(await names('publish=8080')).toBe('f1\n');
    expect(await names('publish=80')).toBe('');
    expect(await names('publish=8081/udp')).toBe('f3\n');
    expect(await names('publish=8080-8081')).toBe('f1\n');
    expect(await names('expose=9000')).toBe('f2\n');
    expect(await names('expose=9000/udp')).toBe('f3\n');
    expect(await names('expose=9000/tcp --filter expose=80')).toBe('f2\nf1\n');
    await s.exec('docker stop f1');
    expect(await names('publish=8080')).toBe('');
  });

  it("answers a malformed value in the daemon's words", async () => {
    const s = sandbox();
    expect((await s.exec('docker ps --filter publish=1:2')).output).toBe("Error response from daemon: filter for 'publish' should not contain ':': 1:2\n");
    const bad = await s.exec('docker ps --filter expose=abc');
    expect([bad.exit, bad.output]).toEqual([1, 'Error response from daemon: error while looking up for expose abc: strconv.ParseUint: parsing "abc": invalid syntax\n']);
  });
});
