import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

function sandbox(profile?: string): SimSandbox {
  const simulation = createSimulation({ clock: new VirtualClock(), random: seededRandom(11), ...(profile ? { profile } : {}) });
  return new SimSandbox({ simulation });
}

describe('published ports', () => {
  it('inspect shows only the address given with -p 127.0.0.1:8080:80', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name lo -p 127.0.0.1:8080:80 nginx');
    const r = await s.exec("docker inspect -f '{{json .NetworkSettings.Ports}}' lo");
    expect(r.output).toBe('{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]}\n');
  });

  it('a host-mode container has an empty PORTS column although its image exposes 80', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name hostweb --network host nginx');
    await s.exec('docker run -d --name web nginx');
    const r = await s.exec("docker ps --format '{{.Names}}|{{.Ports}}'");
    expect(r.output).toBe('web|80/tcp\nhostweb|\n');
    expect((await s.exec("docker inspect -f '{{json .NetworkSettings.Ports}}' hostweb")).output).toBe('{}\n');
  });

  it('netstat -tln lists nginx and docker-proxy on both families; -p names them', async () => {
    const s = sandbox();
    await s.exec('docker run -d --name hostweb --network host nginx');
    await s.exec('docker run -d --name web -p 1234:80 nginx');
    const plain = (await s.exec('netstat -tln')).output;
    expect(plain).toContain('tcp6       0      0 :::80                   :::*                    LISTEN');
    expect(plain).toContain('tcp6       0      0 :::1234                 :::*                    LISTEN');
    const withPids = (await s.exec('netstat -tlnp')).output.split('\n');
    expect(withPids[1]).toMatch(/State {6}PID\/Program name/);
    expect(withPids.find((l) => l.includes(':::1234'))).toMatch(/LISTEN {5}\d+\/docker-proxy$/);
    expect(withPids.find((l) => l.includes(':::80 '))).toMatch(/LISTEN {5}\d+\/nginx$/);
  });
});

describe('wget on a refused connection', () => {
  it('GNU wget -q says nothing and exits 4', async () => {
    const s = sandbox();
    expect(await s.exec('wget -q http://127.0.0.1:9/')).toEqual({ exit: 4, output: '' });
  });

  it("busybox wget names the address it can't connect to", async () => {
    const s = sandbox();
    const r = await s.exec('docker run --rm busybox wget -q http://172.17.0.1:9/');
    expect(r).toEqual({ exit: 1, output: "wget: can't connect to remote host (172.17.0.1): Connection refused\n" });
  });
});

describe('wget on a dropped connection', () => {
  it("GNU wget gives up after -T seconds, within a check's time budget", async () => {
    const s = sandbox();
    await s.exec('iptables -I INPUT -p tcp --dport 9 -j DROP');
    const { exit, output } = await s.exec('wget -T 2 -t 1 -O /dev/null http://10.0.2.15:9/', { timeoutMs: 5_000 });
    expect(exit).toBe(4);
    expect(output).toMatch(/^--[\d-]+ [\d:]+--  http:\/\/10\.0\.2\.15:9\/\nConnecting to 10\.0\.2\.15:9\.\.\. failed: Connection timed out\.\n$/);
  });

  it('waits 900 s without -T, so a short budget ends it first', async () => {
    const s = sandbox();
    await s.exec('iptables -I INPUT -p tcp --dport 9 -j DROP');
    expect((await s.exec('wget -t 1 -O /dev/null http://10.0.2.15:9/', { timeoutMs: 5_000 })).exit).toBe(124);
  });
});

describe('docker info in a swarm', () => {
  it('prints the default address pool and subnet size as the 20.10 CLI does', async () => {
    const s = sandbox('two-nodes');
    await s.exec('docker swarm init --advertise-addr 192.168.56.11');
    const lines = (await s.exec('docker info')).output.split('\n');
    const at = lines.indexOf('  Default Address Pool: 10.0.0.0/8  ');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^ {2}Nodes: \d+$/);
    expect(lines[at + 1]).toBe('  SubnetSize: 24');
    expect(lines[at + 2]).toBe('  Data Path Port: 4789');
  });
});

describe('/sys/class/net', () => {
  it("reads a device's attributes from the model, on the host and in a container", async () => {
    const s = sandbox();
    await s.exec('docker run -d --name b1 busybox sleep 1000');
    const host = await s.exec('cat /sys/class/net/docker0/mtu /sys/class/net/docker0/operstate /sys/class/net/lo/ifindex');
    expect(host).toEqual({ exit: 0, output: '1500\nup\n1\n' });
    // A container's eth0 names its host-side veth peer through iflink.
    const iflink = (await s.exec('docker exec b1 cat /sys/class/net/eth0/iflink')).output.trim();
    const links = (await s.exec('ip link')).output;
    expect(links).toMatch(new RegExp(`^${iflink}: veth\\w+@if\\d+:`, 'm'));
    const mac = (await s.exec('docker exec b1 cat /sys/class/net/eth0/address')).output;
    expect(mac).toBe(`${(await s.exec('docker inspect -f "{{.NetworkSettings.MacAddress}}" b1')).output}`);
  });

  it('says what cat says for a missing device and for a directory', async () => {
    const s = sandbox();
    expect(await s.exec('cat /sys/class/net/nosuch/mtu')).toEqual({ exit: 1, output: 'cat: /sys/class/net/nosuch/mtu: No such file or directory\n' });
    expect(await s.exec('cat /sys/class/net')).toEqual({ exit: 1, output: 'cat: /sys/class/net: Is a directory\n' });
  });
});

describe("curl's progress meter", () => {
  it('shows on stderr when the body goes into a pipe, not on the terminal nor with -s', async () => {
    const s = sandbox();
    await s.exec('docker run -d -p 1234:80 nginx');
    const piped = await s.exec('curl http://127.0.0.1:1234/ | head -1');
    expect(piped.output).toMatch(/^ {2}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n/);
    expect(piped.output).toMatch(
      /\r {2}0 {5}0 {4}0 {5}0 {4}0 {5}0 {6}0 {6}0 --:--:-- --:--:-- --:--:-- {5}0\r100 {3}615 {2}100 {3}615 {4}0 {5}0 +\S+ {6}0 --:--:-- --:--:-- --:--:-- +\S+\n<!DOCTYPE html>\n$/,
    );
    expect((await s.exec('curl -s http://127.0.0.1:1234/ | head -1')).output).toBe('<!DOCTYPE html>\n');
    expect((await s.exec('curl http://127.0.0.1:1234/')).output).not.toContain('% Total');
  });
});
