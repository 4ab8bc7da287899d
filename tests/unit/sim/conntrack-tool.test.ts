/**
 * conntrack -L/-C/-D/-F list the kernel's connection tracking table, which every flow the packet
 * walk moves fills (tests/fidelity/scenarios/conntrack-dns.sh and tools.sh are the recordings):
 * a bridged ping between containers on the host, a masqueraded ping with its translated reply
 * tuple, wget's connection in TIME_WAIT, and docker0's IGMP report.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

async function sandbox(...lines: string[]): Promise<SimSandbox> {
  return sandboxOn(new VirtualClock(), ...lines);
}

async function sandboxOn(clock: VirtualClock, ...lines: string[]): Promise<SimSandbox> {
  const s = new SimSandbox({ simulation: createSimulation({ clock, random: seededRandom(3) }) });
  for (const line of lines) expect((await s.exec(line, { timeoutMs: 60_000 })).exit, line).toBe(0);
  return s;
}

describe('conntrack', () => {
  it('lists docker0 IGMP report on a fresh host, with the count on stderr', async () => {
    const s = await sandbox();
    const { output, exit } = await s.exec('conntrack -L');
    expect(exit).toBe(0);
    expect(output).toMatch(/^unknown {2}2 599 src=172\.17\.0\.1 dst=224\.0\.0\.22 \[UNREPLIED\] src=224\.0\.0\.22 dst=172\.17\.0\.1 mark=0 use=1\n/);
    expect(output).toContain('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.');
  });

  it('shows a ping between two containers on the host (br_netfilter), one entry per echo id', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600', 'docker run -d --name box2 busybox sleep 3600', 'docker exec box1 ping -c 2 172.17.0.3');
    const { output } = await s.exec('conntrack -L -p icmp');
    expect(output).toMatch(/^icmp {5}1 29 src=172\.17\.0\.2 dst=172\.17\.0\.3 type=8 code=0 id=(\d+) src=172\.17\.0\.3 dst=172\.17\.0\.2 type=0 code=0 id=\1 mark=0 use=1\n/);
    expect(output).toContain(': 1 flow entries have been shown.');
    expect((await s.exec('conntrack -C')).output).toBe('2\n');
  });

  it('keeps the masqueraded reply tuple, and an unanswered flow is UNREPLIED', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600', 'docker exec box1 ping -c 1 8.8.8.8');
    expect((await s.exec('conntrack -L -d 8.8.8.8')).output).toMatch(/src=172\.17\.0\.2 dst=8\.8\.8\.8 type=8 code=0 id=\d+ src=8\.8\.8\.8 dst=10\.0\.2\.15 type=0/);
    await s.exec('iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    await s.exec('conntrack -F');
    await s.exec('docker exec box1 ping -c 1 -W 1 8.8.4.4');
    expect((await s.exec('conntrack -L -d 8.8.4.4')).output).toMatch(/src=172\.17\.0\.2 dst=8\.8\.4\.4 type=8 code=0 id=\d+ \[UNREPLIED\] src=8\.8\.4\.4 dst=172\.17\.0\.2/);
  });

  it("puts the host's wget to a published port in TIME_WAIT, assured, with the DNAT in its reply tuple", async () => {
    const s = await sandbox('docker run -d --name web -p 8080:80 nginx', 'wget -qO /dev/null http://10.0.2.15:8080/');
    const { output } = await s.exec('conntrack -L -p tcp --dport 8080');
    expect(output).toMatch(/^tcp {6}6 119 TIME_WAIT src=10\.0\.2\.15 dst=10\.0\.2\.15 sport=\d+ dport=8080 src=172\.17\.0\.2 dst=10\.0\.2\.15 sport=80 dport=\d+ \[ASSURED\] mark=0 use=1\n/);
  });

  it('counts down and forgets a flow after its timeout', async () => {
    const clock = new VirtualClock();
    const s = await sandboxOn(clock, 'docker run -d --name box1 busybox sleep 3600', 'docker exec box1 ping -c 1 172.17.0.1');
    await clock.sleep(10_000);
    expect((await s.exec('conntrack -L -p icmp')).output).toMatch(/^icmp {5}1 19 /);
    await clock.sleep(20_000);
    expect((await s.exec('conntrack -L -p icmp')).output).toBe('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n');
  });

  it('deletes what the filter matches and says how many, exit 1 when none', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600', 'docker run -d --name box2 busybox sleep 3600', 'docker exec box1 ping -c 1 172.17.0.3');
    const del = await s.exec('conntrack -D -p icmp');
    expect(del.exit).toBe(0);
    expect(del.output).toContain('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.');
    const again = await s.exec('conntrack -D -p icmp');
    expect(again).toMatchObject({ exit: 1, output: 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n' });
    expect((await s.exec('conntrack -F')).output).toBe('conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n');
    expect((await s.exec('conntrack -C')).output).toBe('0\n');
  });

  it('answers mistakes as conntrack-tools does (exit 2)', async () => {
    const s = await sandbox();
    const tryLine = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
    expect(await s.exec('conntrack -L -p nosuch')).toEqual({ exit: 2, output: `conntrack v1.4.7 (conntrack-tools): \`nosuch' unsupported protocol\n${tryLine}` });
    expect(await s.exec('conntrack -L -p icmp --dport 80')).toEqual({ exit: 2, output: `conntrack v1.4.7 (conntrack-tools): unknown option \`--dport'\n${tryLine}` });
    expect(await s.exec('conntrack -D -s 300.1.1.1')).toEqual({ exit: 2, output: `conntrack v1.4.7 (conntrack-tools): Invalid IP address \`300.1.1.1'\n${tryLine}` });
    expect((await s.exec('conntrack')).output).toMatch(/^Command line interface for the connection tracking system\. Version 1\.4\.7\n/);
  });

  it('gets one flow by its full tuple (-G), and says so when it does not exist', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600', 'docker run -d --name box2 busybox sleep 3600', 'docker exec box1 ping -c 1 172.17.0.3');
    // busybox ping's echo id is its pid: the first exec in a container is pid 7.
    const got = await s.exec('conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3 --icmp-type 8 --icmp-code 0 --icmp-id 7');
    expect(got.exit).toBe(0);
    expect(got.output).toMatch(
      /^icmp {5}1 29 src=172\.17\.0\.2 dst=172\.17\.0\.3 type=8 code=0 id=7 src=172\.17\.0\.3 dst=172\.17\.0\.2 type=0 code=0 id=7 mark=0 use=2\n.*1 flow entries have been shown\.\n$/,
    );
    expect(await s.exec('conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3 --icmp-type 8 --icmp-code 0 --icmp-id 99')).toEqual({
      exit: 1,
      output: "conntrack v1.4.7 (conntrack-tools): Operation failed: such conntrack doesn't exist\n",
    });
    const tryLine = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
    expect(await s.exec('conntrack -G -s 172.17.0.2')).toEqual({ exit: 2, output: `conntrack v1.4.7 (conntrack-tools): You need to supply the \`--protonum' option for this command\n${tryLine}` });
    expect((await s.exec('conntrack -G -p udp -s 172.17.0.2 -d 172.17.0.3 --sport 1')).output).toContain("you have to specify `--sport' and `--dport'");
  });

  it('prints zeroed per-CPU statistics (-S), one line per CPU, and refuses options with it', async () => {
    const s = await sandbox();
    const stats = await s.exec('conntrack -S');
    expect(stats.exit).toBe(0);
    const line = (cpu: number) => `cpu=${cpu}   \tfound=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n`;
    expect(stats.output).toBe(line(0) + line(1));
    expect((await s.exec('conntrack -S -p icmp')).output).toContain("Illegal option `--protonum' with this command");
    expect((await s.exec('conntrack -L -G')).output).toContain('Invalid commands combination');
  });

  it('follows events in the background (-E): NEW with the translated reply after MASQUERADE, then UPDATE', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600');
    const { output } = await s.exec('conntrack -E & sleep 1; docker exec box1 ping -c 2 8.8.8.8 > /dev/null; sleep 1; kill %1; wait');
    const lines = output.split('\n').filter((l) => l.includes('icmp'));
    expect(lines).toEqual([
      '    [NEW] icmp     1 30 src=172.17.0.2 dst=8.8.8.8 type=8 code=0 id=7 [UNREPLIED] src=8.8.8.8 dst=10.0.2.15 type=0 code=0 id=7',
      ' [UPDATE] icmp     1 30 src=172.17.0.2 dst=8.8.8.8 type=8 code=0 id=7 src=8.8.8.8 dst=10.0.2.15 type=0 code=0 id=7',
    ]);
    expect(output).toContain('conntrack v1.4.7 (conntrack-tools): 2 flow events have been shown.\n');
  });

  it('reports deleted flows as DESTROY events, filtered by -e', async () => {
    const s = await sandbox('docker run -d --name box1 busybox sleep 3600', 'docker exec box1 ping -c 1 172.17.0.1');
    const { output } = await s.exec('conntrack -E -e DESTROY & sleep 1; conntrack -D -p icmp > /dev/null 2>&1; sleep 1; kill %1; wait');
    expect(output).toContain('[DESTROY] icmp     1 src=172.17.0.2 dst=172.17.0.1 type=8 code=0 id=7 src=172.17.0.1 dst=172.17.0.2 type=0 code=0 id=7\n');
    expect(output).toContain(': 1 flow events have been shown.');
    expect((await s.exec('conntrack -E -e NEWS')).output).toContain("Bad parameter `NEWS'");
  });
});
