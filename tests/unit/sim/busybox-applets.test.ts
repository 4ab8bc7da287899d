/**
 * busybox applets inside a container, as recorded in tests/fidelity/scenarios/busybox-applets.sh:
 * exec's -e variables, cut, busybox's timeout (the signal decides between statistics and a
 * killed ping), ping -q, /proc/net/route from the routing table and the multi-call binary itself.
 */
import { describe, expect, it } from 'vitest';
import type { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { sandboxAfter } from './sim-sandbox.ts';

function twoBoxes(): Promise<SimSandbox> {
  return sandboxAfter('docker network create bridge2', 'docker run -dit --name box1 --network bridge2 busybox', 'docker run -dit --name box2 --network bridge2 busybox');
}

describe('busybox applets in a container', () => {
  it('docker exec -e passes variables after the container environment, before HOME', async () => {
    const sandbox = await twoBoxes();
    const { output } = await sandbox.exec('docker exec -e FOO=bar -e PATH=/bin box1 env');
    expect(output.replace(/HOSTNAME=\w+/, 'HOSTNAME=x')).toBe('PATH=/bin\nHOSTNAME=x\nFOO=bar\nHOME=/root\n');
    expect((await sandbox.exec('docker exec box1 env')).output).not.toContain('FOO=');
  });

  it('cut selects fields, characters and passes lines without the delimiter', async () => {
    const sandbox = await twoBoxes();
    expect((await sandbox.exec(`docker exec box1 sh -c 'ip -4 -o addr show eth0 | cut -d" " -f7'`)).output).toBe('172.18.0.2/16\n');
    expect((await sandbox.exec(`docker exec box1 sh -c 'ip route | cut -c1-20'`)).output).toBe('default via 172.18.0\n172.18.0.0/16 dev et\n');
    expect((await sandbox.exec(`docker exec box1 sh -c 'printf "a:b:c\\nplain\\n" | cut -d: -f2-'`)).output).toBe('b:c\nplain\n');
    expect((await sandbox.exec(`docker exec box1 sh -c 'printf "a:b\\nplain\\n" | cut -s -d: -f1,2'`)).output).toBe('a:b\n');
    const none = await sandbox.exec('docker exec box1 cut');
    expect(none.output).toBe('cut: expected a list of bytes, characters, or fields\n');
    expect(none.exit).toBe(1);
  });

  it('busybox timeout kills ping with SIGTERM (143, no statistics) and interrupts it with SIGINT', async () => {
    const sandbox = await twoBoxes();
    const term = await sandbox.exec('docker exec box1 timeout 1 ping box2');
    expect(term.exit).toBe(143);
    expect(term.output).toMatch(/^PING box2 \(172\.18\.0\.3\): 56 data bytes\n(64 bytes from 172\.18\.0\.3: seq=\d ttl=64 time=\S+ ms\n)+$/);
    const int = await sandbox.exec('docker exec box1 timeout -s INT 1 ping box2');
    expect(int.exit).toBe(0);
    expect(int.output).toContain('--- box2 ping statistics ---\n');
    const missing = await sandbox.exec('docker exec box1 timeout 1 nosuch');
    expect(missing.output).toBe("timeout: can't execute 'nosuch': No such file or directory\n");
    expect(missing.exit).toBe(127);
  });

  it('ping -q prints only the first line and the statistics', async () => {
    const sandbox = await twoBoxes();
    const { output } = await sandbox.exec('docker exec box1 ping -c 1 -q box2');
    expect(output).not.toContain('bytes from');
    expect(output).toContain('1 packets transmitted, 1 packets received, 0% packet loss\n');
  });

  it('/proc/net/route is the main table in host byte order, padded to 127 columns', async () => {
    const sandbox = await twoBoxes();
    const lines = (await sandbox.exec('docker exec box1 cat /proc/net/route')).output.split('\n');
    expect(lines.slice(0, 3).map((l) => l.trimEnd())).toEqual([
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t010012AC\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'eth0\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    ]);
    expect(lines[0]).toHaveLength(127);
    expect((await sandbox.exec('ip route add 10.9.9.9 via 10.0.2.2')).exit).toBe(0);
    expect((await sandbox.exec('cat /proc/net/route')).output).toContain('eth0\t0909090A\t0202000A\t0007\t0\t0\t0\tFFFFFFFF\t');
  });

  it('the busybox binary prints its banner, lists its applets and runs one', async () => {
    const sandbox = await twoBoxes();
    expect((await sandbox.exec('docker exec box1 busybox | head -1')).output).toBe('BusyBox v1.36.1 (2023-07-17 18:29:09 UTC) multi-call binary.\n');
    expect((await sandbox.exec('docker exec box1 busybox --list')).output.split('\n')).toContain('cut');
    expect((await sandbox.exec('docker exec box1 busybox hostname -i')).output).toBe('172.18.0.2\n');
    const missing = await sandbox.exec('docker exec box1 busybox nosuch');
    expect([missing.output, missing.exit]).toEqual(['nosuch: applet not found\n', 127]);
  });

  it('busybox ip shows its usage for an option it does not know', async () => {
    const sandbox = await twoBoxes();
    const r = await sandbox.exec('docker exec box1 ip -s link show eth0');
    expect(r.output).toMatch(/^BusyBox v1\.36\.1 .*\n\nUsage: ip \[OPTIONS\]/);
    expect(r.exit).toBe(1);
  });
});

describe('wget says where it connects', () => {
  it('busybox wget prints Connecting to before a refusal, and -S the server response', async () => {
    const sandbox = await twoBoxes();
    expect((await sandbox.exec('docker exec box1 wget -S -O /dev/null http://box2/')).output).toBe(
      "Connecting to box2 (172.18.0.3:80)\nwget: can't connect to remote host (172.18.0.3): Connection refused\n",
    );
    await sandbox.exec('docker run -d --name web --network bridge2 nginx');
    const { output, exit } = await sandbox.exec('docker exec box1 wget -S -O /dev/null http://web/');
    expect(exit).toBe(0);
    expect(output).toMatch(/^Connecting to web \(172\.18\.0\.4:80\)\n {2}HTTP\/1\.1 200 OK\n {2}Server: nginx\/[\d.]+\n/);
    expect(output).toContain("saving to '/dev/null'\n");
    expect((await sandbox.exec('docker exec box1 ls /dev')).output).not.toContain('null\n');
  });

  it('GNU wget starts with the time and the URL', async () => {
    const sandbox = await twoBoxes();
    const { output } = await sandbox.exec('wget -O- http://127.0.0.1:1236/');
    expect(output).toMatch(/^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--  http:\/\/127\.0\.0\.1:1236\/\nConnecting to 127\.0\.0\.1:1236\.\.\. failed: Connection refused\.\n$/);
  });
});

describe('busybox traceroute', () => {
  it('reaches a container on the same bridge in one hop', async () => {
    const sandbox = await twoBoxes();
    const { output, exit } = await sandbox.exec('docker exec box1 traceroute -n -m 2 box2');
    expect(exit).toBe(0);
    expect(output).toMatch(/^traceroute to box2 \(172\.18\.0\.3\), 2 hops max, 46 byte packets\n 1 {2}172\.18\.0\.3( {2}\d+\.\d{3} ms){3}\n$/);
  });

  it('names the host as the first router on the way out, and prints stars where a rule drops the probes', async () => {
    const sandbox = await twoBoxes();
    const out = (await sandbox.exec('docker exec box1 traceroute -n -m 3 -q 1 8.8.8.8')).output.split('\n');
    expect(out[1]).toMatch(/^ 1 {2}172\.18\.0\.1 {2}\d+\.\d{3} ms$/);
    expect(out[2]).toMatch(/^ 2 {2}8\.8\.8\.8 {2}\d+\.\d{3} ms$/);
    await sandbox.exec('docker run -dit --name other busybox');
    // DOCKER-ISOLATION drops what box1's network forwards to docker0.
    const isolated = (await sandbox.exec('docker exec box1 traceroute -n -m 2 -q 1 172.17.0.2')).output.split('\n');
    expect(isolated.slice(1, 3)).toEqual([expect.stringMatching(/^ 1 {2}172\.18\.0\.1 /), ' 2  *']);
  });
});

describe('the kernel a profile carries', () => {
  it('uname shows the profile kernel on the host and in containers, Debian 12 by default', async () => {
    const { createSimulation } = await import('../../../src/sandbox/sim/simulation.ts');
    const { VirtualClock } = await import('../../../src/sandbox/sim/clock.ts');
    const { seededRandom } = await import('../../../src/sandbox/sim/kernel/random.ts');
    const { SimSandbox } = await import('../../../src/sandbox/sim/sandbox.ts');
    const kernel = { release: '6.8.0-45-generic', version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024' };
    const profile = { hosts: [{ name: 'node1', interfaces: [{ name: 'eth0', address: '10.0.2.15/24' }], defaultRoute: '10.0.2.2', resolver: '10.0.2.3', kernel }] };
    const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(7), profile }) });
    expect((await sandbox.exec('uname -r')).output).toBe('6.8.0-45-generic\n');
    expect((await sandbox.exec('docker run -dit --name box busybox')).exit).toBe(0);
    expect((await sandbox.exec('docker exec box uname -a')).output).toMatch(/^Linux \w+ 6\.8\.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 GNU\/Linux\n$/);
    expect((await (await twoBoxes()).exec('uname -r')).output).toBe('6.1.0-18-amd64\n');
  });
});

describe('reverse lookups', () => {
  it('busybox arp -a names a peer NAME.NETWORK from the embedded DNS, and ? what nobody names', async () => {
    const sandbox = await twoBoxes();
    await sandbox.exec('docker exec box1 ping -c 1 box2');
    const lines = (await sandbox.exec('docker exec box1 arp -a')).output.split('\n');
    expect(lines).toContain('box2.bridge2 (172.18.0.3) at 02:42:ac:12:00:03 [ether]  on eth0');
    // The gateway has no name: the embedded DNS forwards its PTR question, the VM's forwarder says NXDOMAIN.
    await sandbox.exec('docker exec box1 nslookup nosuch');
    expect((await sandbox.exec('docker exec box1 arp -a')).output).toMatch(/^\? \(172\.18\.0\.1\) at /m);
    expect((await sandbox.exec('docker exec box1 arp -a -n')).output).not.toContain('box2.bridge2');
    expect((await sandbox.exec('docker exec box1 traceroute -m 1 box2')).output).toContain(' 1  box2.bridge2 (172.18.0.3)  ');
  });
});
