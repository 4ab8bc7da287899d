/**
 * DNS as packets (issue #13 item 2), as recorded in tests/fidelity/scenarios/conntrack-dns.sh: a
 * container on a user network asks 127.0.0.11:53, its own nat table DNATs the question to the
 * embedded server's port (DOCKER_OUTPUT) and conntrack gives the answer port 53 back; a name the
 * server does not know goes upstream from the container's namespace, through the bridge and
 * MASQUERADE to the VM's forwarder. tcpdump prints the questions and answers in its DNS format.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

async function sandbox(...lines: string[]): Promise<SimSandbox> {
  const s = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(5) }) });
  for (const line of lines) expect((await s.exec(line, { timeoutMs: 60_000 })).exit, line).toBe(0);
  return s;
}

const userNetwork = ['docker network create un', 'docker run -d --name box1 --network un busybox sleep 3600', 'docker run -d --name box2 --network un busybox sleep 3600'];
const inBox1 = (cmd: string): string => `nsenter -t $(docker inspect -f '{{.State.Pid}}' box1) -n ${cmd}`;

describe('DNS as packets', () => {
  it("installs the embedded server's DNAT in the container's nat table, to the port it listens on", async () => {
    const s = await sandbox(...userNetwork);
    const rules = (await s.exec(inBox1('iptables -t nat -S'))).output;
    const port = /--dport 53 -j DNAT --to-destination 127\.0\.0\.11:(\d+)\n-A DOCKER_POSTROUTING/.exec(rules.replace(/.*-p tcp.*\n/g, ''))?.[1];
    expect(rules).toContain('-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT\n-A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING\n');
    expect(rules).toContain(`-A DOCKER_POSTROUTING -s 127.0.0.11/32 -p udp -m udp --sport ${port} -j SNAT --to-source :53`);
    expect((await s.exec(inBox1('ss -uln'))).output).toContain(`127.0.0.11:${port}`);
  });

  it('shows the answers on the container lo with tcpdump, the question after DNAT as plain UDP', async () => {
    const s = await sandbox(...userNetwork);
    const any = await s.exec(`${inBox1('tcpdump -i any -n -c 2 port 53')} & sleep 1; docker exec box1 ping -c 1 box2 > /dev/null; wait`, { timeoutMs: 60_000 });
    expect(any.output).toMatch(/ lo {4}In {2}IP 127\.0\.0\.11\.53 > 127\.0\.0\.1\.\d+: \d+ 1\/0\/0 A 172\.18\.0\.3 \(42\)\n/);
    expect(any.output).toMatch(/ lo {4}In {2}IP 127\.0\.0\.11\.53 > 127\.0\.0\.1\.\d+: \d+ 0\/0\/0 \(22\)\n/);
    const lo = await s.exec(`${inBox1('tcpdump -n -i lo -c 1')} & sleep 1; docker exec box1 ping -c 1 box2 > /dev/null; wait`, { timeoutMs: 60_000 });
    expect(lo.output).toMatch(/IP 127\.0\.0\.1\.\d+ > 127\.0\.0\.11\.\d{5}: UDP, length 22\n/);
  });

  it('sends the A and the AAAA question from one socket before either answer, then the answers (A first)', async () => {
    const s = await sandbox(...userNetwork);
    const lo = await s.exec(`${inBox1('tcpdump -n -i lo -c 4 udp')} & sleep 1; docker exec box1 ping -c 1 box2 > /dev/null; wait`, { timeoutMs: 60_000 });
    const packets = lo.output.split('\n').filter((l) => l.includes(' IP '));
    expect(packets).toHaveLength(4);
    const port = /127\.0\.0\.1\.(\d+) > /.exec(packets[0] ?? '')?.[1];
    expect(packets[0]).toMatch(new RegExp(`IP 127\\.0\\.0\\.1\\.${port} > 127\\.0\\.0\\.11\\.\\d{5}: UDP, length 22$`));
    expect(packets[1]).toMatch(new RegExp(`IP 127\\.0\\.0\\.1\\.${port} > 127\\.0\\.0\\.11\\.\\d{5}: UDP, length 22$`));
    expect(packets[2]).toMatch(new RegExp(`IP 127\\.0\\.0\\.11\\.53 > 127\\.0\\.0\\.1\\.${port}: \\d+ 1/0/0 A 172\\.18\\.0\\.3 \\(42\\)$`));
    expect(packets[3]).toMatch(new RegExp(`IP 127\\.0\\.0\\.11\\.53 > 127\\.0\\.0\\.1\\.${port}: \\d+ 0/0/0 \\(22\\)$`));
  });

  it("tracks the lookup in the container's conntrack with the DNAT'd reply tuple", async () => {
    const s = await sandbox(...userNetwork, 'docker exec box1 ping -c 1 box2');
    expect((await s.exec(inBox1('conntrack -L -p udp'))).output).toMatch(
      /^udp {6}17 29 src=127\.0\.0\.1 dst=127\.0\.0\.11 sport=(\d+) dport=53 src=127\.0\.0\.11 dst=127\.0\.0\.1 sport=\d{5} dport=\1 mark=0 use=1\n/,
    );
  });

  it('forwards an unknown name upstream through the bridge and MASQUERADE, and relays NXDOMAIN', async () => {
    const s = await sandbox(...userNetwork);
    const capture = await s.exec('tcpdump -i eth0 -n -c 2 port 53 & sleep 1; docker exec box1 nslookup -type=a nosuch.example; wait', { timeoutMs: 60_000 });
    expect(capture.output).toMatch(/IP 10\.0\.2\.15\.\d+ > 10\.0\.2\.3\.53: (\d+)\+ A\? nosuch\.example\. \(32\)\n.*IP 10\.0\.2\.3\.53 > 10\.0\.2\.15\.\d+: \1 NXDomain 0\/0\/0 \(32\)\n/s);
    expect(capture.output).toContain("** server can't find nosuch.example: NXDOMAIN");
  });

  it("times out when the upstream cannot answer (the user network's MASQUERADE removed), as dockerd 20.10 sends nothing", async () => {
    const s = await sandbox(...userNetwork);
    expect((await s.exec('iptables -t nat -S POSTROUTING')).output).toMatch(/-A POSTROUTING -s 172\.18\.0\.0\/16 ! -o br-\w+ -j MASQUERADE\n-A POSTROUTING -s 172\.17/);
    await s.exec('iptables -t nat -D POSTROUTING 1');
    const r = await s.exec('docker exec box1 nslookup nosuch.example', { timeoutMs: 60_000 });
    expect(r).toEqual({ exit: 1, output: ';; connection timed out; no servers could be reached\n\n' });
    expect((await s.exec('docker exec box1 nslookup box2')).output).toContain('Address: 172.18.0.3');
  });

  it('asks the VM forwarder directly from the default bridge (the copied resolv.conf)', async () => {
    const s = await sandbox('docker run -d --name d1 busybox sleep 3600');
    const capture = await s.exec('tcpdump -i docker0 -n -c 2 port 53 & sleep 1; docker exec d1 nslookup -type=a example.com > /dev/null; wait', { timeoutMs: 60_000 });
    expect(capture.output).toMatch(/IP 172\.17\.0\.2\.\d+ > 10\.0\.2\.3\.53: \d+\+ A\? example\.com\. \(29\)\n.*IP 10\.0\.2\.3\.53 > 172\.17\.0\.2\.\d+: \d+ NXDomain 0\/0\/0 \(29\)\n/s);
  });
});
