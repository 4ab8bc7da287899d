import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(): SimSandbox {
  return new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(21) }) });
}

/** Run each line, failing with its output when one does not exit 0. */
async function run(s: SimSandbox, lines: string): Promise<void> {
  for (const line of lines.trim().split('\n')) {
    const r = await s.exec(line.trim());
    if (r.exit !== 0) throw new Error(`${line.trim()} → exit ${r.exit}: ${r.output}`);
  }
}

/** What each command answers, as [command, exit, output] rows: one table shows every message. */
type Row = [command: string, exit: number, output: string];
async function answers(s: SimSandbox, rows: readonly Row[]): Promise<Row[]> {
  const got: Row[] = [];
  for (const [command] of rows) {
    const r = await s.exec(command);
    got.push([command, r.exit, r.output]);
  }
  return got;
}

const TWO_NAMESPACES = `
  ip netns add a
  ip netns add b
  ip link add va type veth peer name vb
  ip link set va netns a
  ip link set vb netns b
  ip netns exec a ip addr add 10.9.0.1/24 dev va
  ip netns exec b ip addr add 10.9.0.2/24 dev vb
  ip netns exec a ip link set va up
  ip netns exec b ip link set vb up`;

describe('namespaces built by hand', () => {
  it('two namespaces joined by a veth ping each other, and not before both ends are up', async () => {
    const s = sandbox();
    await run(s, TWO_NAMESPACES.split('\n').slice(0, -1).join('\n'));
    const before = await s.exec('ip netns exec a ping -c 1 -W 1 10.9.0.2');
    expect(before.exit).toBe(1);
    expect(before.output).toContain('1 packets transmitted, 0 received, 100% packet loss');
    await run(s, 'ip netns exec b ip link set vb up');
    const after = await s.exec('ip netns exec a ping -c 1 10.9.0.2');
    expect(after.exit).toBe(0);
    expect(after.output).toContain('64 bytes from 10.9.0.2: icmp_seq=1 ttl=64');
    expect((await s.exec('ip netns exec a ip neigh')).output).toMatch(/^10\.9\.0\.2 dev va lladdr [0-9a-f:]{17} REACHABLE $/m);
    // The host sees neither end: they live in a and b.
    expect((await s.exec('ip link show va')).output).toBe('Device "va" does not exist.\n');
  });

  it('ip netns list names the namespaces newest first, with the id the host gave each', async () => {
    const s = sandbox();
    await run(s, 'ip netns add red\nip netns add blue');
    expect((await s.exec('ip netns list')).output).toBe('blue\nred\n');
    expect((await s.exec('ls /run/netns')).output).toBe('blue\nred\n');
    await run(s, 'ip link add r0 type veth peer name r1\nip link set r1 netns red');
    expect((await s.exec('ip netns')).output).toBe('blue\nred (id: 0)\n');
    expect((await s.exec('ip link show r0')).output).toMatch(/^\d+: r0@if\d+: .*\n    link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netns red\n$/);
    expect((await s.exec('ip -n red link show r1')).output).toMatch(/link-netnsid 0\n$/);
    expect((await s.exec('ip netns exec red ip netns identify')).output).toBe('red\n');
    expect((await s.exec('ip netns identify')).output).toBe('\n');
  });

  it('deleting a namespace destroys its devices, and a veth takes its peer along', async () => {
    const s = sandbox();
    await run(s, 'ip netns add p\nip link add p0 type veth peer name p1\nip link set p1 netns p');
    expect((await s.exec('ip netns delete p')).exit).toBe(0);
    expect(await s.exec('ip link show p0')).toEqual({ exit: 1, output: 'Device "p0" does not exist.\n' });
    expect(await s.exec('ip netns exec p ip link')).toEqual({ exit: 255, output: 'Cannot open network namespace "p": No such file or directory\n' });
    expect((await s.exec('ls /run/netns')).output).toBe('');
  });

  it('answers mistakes as iproute2 does', async () => {
    const s = sandbox();
    await run(s, 'ip netns add a');
    const rows: Row[] = [
      ['ip netns add a', 1, 'Cannot create namespace file "/run/netns/a": File exists\n'],
      ['ip netns add', 1, 'No netns name specified\n'],
      ['ip netns add x/y', 255, 'Invalid netns name "x/y"\n'],
      ['ip netns delete nosuch', 1, 'Cannot remove namespace file "/run/netns/nosuch": No such file or directory\n'],
      ['ip netns exec a', 1, 'No command specified\n'],
      ['ip netns exec a nosuchcmd', 1, 'exec of "nosuchcmd" failed: No such file or directory\n'],
      ['ip -n nosuch link', 255, 'Cannot open network namespace "nosuch": No such file or directory\n'],
      ['ip link set lo netns a', 2, 'Error: The interface netns is immutable.\n'],
      ['ip link set eth0 netns nosuch', 255, 'Error: argument "nosuch" is wrong: Invalid "netns" value\n\n'],
      ['ip link del lo', 2, 'RTNETLINK answers: Operation not supported\n'],
      ['ip link add veth0 type veth', 2, 'RTNETLINK answers: File exists\n'],
      ['ip link add x0 type nosuchtype', 2, 'Error: Unknown device type.\n'],
      ['ip link add', 1, 'Not enough information: "type" argument is required\n'],
    ];
    expect(await answers(s, rows)).toEqual(rows);
    expect((await s.exec('ip netns exec a false')).exit).toBe(1);
  });

  it('a fresh namespace has lo down without 127.0.0.1, which comes with up', async () => {
    const s = sandbox();
    await run(s, 'ip netns add a');
    expect((await s.exec('ip -n a addr')).output).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n');
    expect(await s.exec('ip netns exec a ping -c 1 127.0.0.1')).toEqual({ exit: 2, output: 'ping: connect: Network is unreachable\n' });
    await run(s, 'ip -n a link set lo up');
    expect((await s.exec('ip -n a -br addr')).output).toBe('lo               UNKNOWN        127.0.0.1/8 ::1/128 \n');
    expect((await s.exec('ip netns exec a ping -c 1 127.0.0.1')).exit).toBe(0);
  });

  it("runs shells and any program inside: the network is the namespace's, the files the host's", async () => {
    const s = sandbox();
    await run(s, TWO_NAMESPACES);
    expect((await s.exec(`ip netns exec a sh -c 'ip -br addr show va; hostname'`)).output).toMatch(/^va@if\d+ +UP +10\.9\.0\.1\/24 \S+ \nnode1\n$/);
    expect((await s.exec('ip netns exec a iptables -S')).output).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
    expect((await s.exec('ip netns exec b bash -c "ip route | head -1"')).output).toBe('10.9.0.0/24 dev vb proto kernel scope link src 10.9.0.2 \n');
  });
});

describe('the docker0 lab by hand', () => {
  const LAB = `
    ip netns add red
    ip netns add blue
    ip link add br0 type bridge
    ip link add veth-red type veth peer name veth-red-br
    ip link add veth-blue type veth peer veth-blue-br
    ip link set veth-red netns red
    ip link set veth-blue netns blue
    ip link set veth-red-br master br0
    ip link set veth-blue-br master br0
    ip addr add 10.10.0.1/24 dev br0
    ip link set br0 up
    ip link set veth-red-br up
    ip link set veth-blue-br up
    ip -n red addr add 10.10.0.2/24 dev veth-red
    ip -n red link set veth-red up
    ip -n blue addr add 10.10.0.3/24 dev veth-blue
    ip -n blue link set veth-blue up
    ip -n red route add default via 10.10.0.1
    ip -n blue route add default via 10.10.0.1
    sysctl -w net.ipv4.ip_forward=1
    iptables -I FORWARD -i br0 -j ACCEPT
    iptables -I FORWARD -o br0 -j ACCEPT`;

  it('pings across the bridge, to the host, and out to the Internet only with MASQUERADE', async () => {
    const s = sandbox();
    await run(s, LAB);
    expect((await s.exec('ip netns exec red ping -c 1 10.10.0.3')).exit).toBe(0);
    expect((await s.exec('ip netns exec red ping -c 1 10.0.2.15')).exit).toBe(0);
    expect((await s.exec('brctl show br0')).output).toMatch(/^bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr0\t\t8000\.[0-9a-f]{12}\tno\t\tveth-blue-br\n\t\t\t\t\t\t\tveth-red-br\n$/);
    const lost = await s.exec('ip netns exec red ping -c 1 -W 1 8.8.8.8');
    expect(lost.output).toContain('1 packets transmitted, 0 received, 100% packet loss');
    await run(s, 'iptables -t nat -A POSTROUTING -s 10.10.0.0/24 ! -o br0 -j MASQUERADE');
    const out = await s.exec('ip netns exec red ping -c 1 8.8.8.8');
    expect(out.exit).toBe(0);
    expect(out.output).toContain('64 bytes from 8.8.8.8');
  });

  it("a container's namespace: nsenter by its pid, and named in /run/netns with ln -s", async () => {
    const s = sandbox();
    await run(s, LAB);
    await run(s, 'docker run -d --name c1 busybox sleep 600');
    const pid = (await s.exec(`docker inspect -f '{{.State.Pid}}' c1`)).output.trim();
    expect((await s.exec(`nsenter -t ${pid} -n ip -br addr show eth0`)).output).toMatch(/^eth0@if\d+ +UP +172\.17\.0\.2\/16 \n$/);
    expect((await s.exec(`nsenter -t ${pid} -n -u hostname`)).output).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await s.exec('ls /var/run/docker/netns')).output).toMatch(/^[0-9a-f]{12}\n$/);
    // Docker's namespace has an id (its veth moved there) but no name in /run/netns: ip netns does not list it.
    expect((await s.exec('ip netns list')).output).toBe('blue (id: 1)\nred (id: 0)\n');
    await run(s, `ln -s /proc/${pid}/ns/net /run/netns/c1`);
    expect((await s.exec('ip netns list')).output).toBe('c1 (id: 2)\nblue (id: 1)\nred (id: 0)\n');
    expect((await s.exec('ip -n c1 route')).output).toBe('default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n');
    await run(s, 'ip netns delete c1');
    // Only the name went: the container keeps its network.
    expect((await s.exec('docker exec c1 ping -c 1 172.17.0.1')).exit).toBe(0);
    expect(await s.exec('nsenter -t 999999 -n ip link')).toEqual({ exit: 1, output: 'nsenter: cannot open /proc/999999/ns/net: No such file or directory\n' });
    expect(await s.exec('nsenter -n true')).toEqual({ exit: 1, output: 'nsenter: neither filename nor target pid supplied for ns/net\n' });
    expect(await s.exec(`nsenter -t ${pid} -n nosuchcmd`)).toEqual({ exit: 127, output: 'nsenter: failed to execute nosuchcmd: No such file or directory\n' });
  });

  it('a veth moved into a container by pid goes when the container does', async () => {
    const s = sandbox();
    await run(s, 'docker run -d --name c1 busybox sleep 600\nip link add veth-c1 type veth peer name veth-c1-br');
    const pid = (await s.exec(`docker inspect -f '{{.State.Pid}}' c1`)).output.trim();
    await run(s, `ip link set veth-c1 netns ${pid}`);
    expect((await s.exec('docker exec c1 ip link show veth-c1')).exit).toBe(0);
    await run(s, 'docker rm -f c1');
    expect((await s.exec('ip link show veth-c1-br')).exit).toBe(1);
  });
});

describe('devices made with ip link add', () => {
  it('a bridge takes its lowest port MAC, and all zeros in brctl before it has one', async () => {
    const s = sandbox();
    await run(s, 'ip link add br9 type bridge');
    expect((await s.exec('brctl show br9')).output).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces\nbr9\t\t8000.000000000000\tno\t\t\n');
    await run(s, 'ip link add d0 type veth peer name e0\nip link set d0 address 02:00:00:00:00:01\nip link set d0 master br9');
    expect((await s.exec('ip -br link show br9')).output).toContain(' 02:00:00:00:00:01 ');
    expect((await s.exec('bridge link')).output).toMatch(/: d0@e0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br9 state disabled/);
    await run(s, 'ip link del br9');
    expect((await s.exec('ip link show d0')).output).not.toContain('master');
  });

  it('dummy devices exist, take addresses and swallow what is sent to them', async () => {
    const s = sandbox();
    await run(s, 'ip link add dum0 type dummy\nip addr add 10.77.0.1/24 dev dum0\nip link set dum0 up');
    expect((await s.exec('ip -br link show type dummy')).output).toMatch(/^dum0 +UNKNOWN|^dum0 +UP/);
    const r = await s.exec('ping -c 1 -W 1 10.77.0.9');
    expect(r.output).toContain('0 received');
    expect((await s.exec('ping -c 1 10.77.0.1')).exit).toBe(0);
  });

  it('set parses before it looks the device up, then the kernel answers', async () => {
    const s = sandbox();
    await run(s, 'ip link add d0 type veth peer name e0');
    const rows: Row[] = [
      ['ip link set d0 mtu abc', 255, 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n'],
      ['ip link set nosuch master nosuch', 255, 'Error: argument "nosuch" is wrong: Device does not exist\n\n'],
      ['ip link set d0 sideways', 255, 'Error: either "dev" is duplicate, or "sideways" is a garbage.\n'],
      ['ip link set d0 mtu 10', 2, 'Error: mtu less than device minimum.\n'],
      ['ip link set d0 address zz', 1, '"zz" is invalid lladdr.\n'],
      ['ip link set d0 name d1 mtu 9000 up', 0, ''],
      ['ip route add 10.8.0.0/16 dev e0', 2, 'Error: Device for nexthop is not up.\n'],
    ];
    expect(await answers(s, rows)).toEqual(rows);
    expect((await s.exec('ip link show d1')).output).toMatch(/^\d+: d1@e0: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 9000 qdisc noqueue state LOWERLAYERDOWN/);
  });
});
