import { describe, expect, it } from 'vitest';
import { linkByName } from '../../../../src/sandbox/sim/kernel/netns.ts';
import { SimSandbox } from '../../../../src/sandbox/sim/sandbox.ts';
import type { TypedLineRecord } from '../../../../src/sandbox/sim/shell/scripted-terminal.ts';
import { inContainer, newSim, run } from '../run-program.ts';

/** Type `lines` at the host prompt of a fresh simulated sandbox, as a learner (or a replay) does. */
async function typeLines(lines: string[]): Promise<TypedLineRecord[]> {
  const sandbox = new SimSandbox({ simulation: newSim() });
  const records: TypedLineRecord[] = [];
  await sandbox.replay(lines, (r) => records.push(r));
  await sandbox.close();
  return records;
}

/** Lines of a capture without timestamps. */
function packets(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /^\d\d:\d\d:\d\d\.\d{6} /.test(l))
    .map((l) => l.slice(16));
}

describe('tcpdump: what the model moves, as each interface sees it', () => {
  it('shows a container pinging the internet on docker0, replies included, and stops at -c with the summary', async () => {
    const [, , capture] = await typeLines(['docker run -d --name b1 busybox sleep 3600', 'true', 'tcpdump -n -c 4 -i docker0 icmp & sleep 1; docker exec b1 ping -c 2 8.8.8.8 > /dev/null; wait']);
    expect(capture!.output).toContain('listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    expect(packets(capture!.output)).toEqual([
      expect.stringMatching(/^IP 172\.17\.0\.2 > 8\.8\.8\.8: ICMP echo request, id \d+, seq 0, length 64$/),
      expect.stringMatching(/^IP 8\.8\.8\.8 > 172\.17\.0\.2: ICMP echo reply, id \d+, seq 0, length 64$/),
      expect.stringMatching(/ICMP echo request, id \d+, seq 1, length 64$/),
      expect.stringMatching(/ICMP echo reply, id \d+, seq 1, length 64$/),
    ]);
    expect(capture!.output).toMatch(/4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n$/);
  });

  it('without MASQUERADE docker0 shows the requests only, and eth0 shows them leaving with the private source', async () => {
    const records = await typeLines([
      'docker run -d --name b1 busybox sleep 3600',
      'iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      'tcpdump -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 2 -W 1 8.8.8.8 > /dev/null; wait',
      'tcpdump -n -c 1 -i eth0 icmp & sleep 1; docker exec b1 ping -c 1 -W 1 8.8.8.8 > /dev/null; wait',
    ]);
    expect(packets(records[2]!.output)).toEqual([
      expect.stringMatching(/^IP 172\.17\.0\.2 > 8\.8\.8\.8: ICMP echo request, id \d+, seq 0/),
      expect.stringMatching(/^IP 172\.17\.0\.2 > 8\.8\.8\.8: ICMP echo request, id \d+, seq 1/),
    ]);
    expect(packets(records[3]!.output)).toEqual([expect.stringMatching(/^IP 172\.17\.0\.2 > 8\.8\.8\.8: ICMP echo request/)]);
  });

  it('shows the masqueraded form on eth0, and the ARP for the router first', async () => {
    const [, capture] = await typeLines(['docker run -d --name b1 busybox sleep 3600', 'tcpdump -n -c 4 -i eth0 & sleep 1; docker exec b1 ping -c 1 8.8.8.8 > /dev/null; wait']);
    expect(packets(capture!.output)).toEqual([
      'ARP, Request who-has 10.0.2.2 tell 10.0.2.15, length 28',
      'ARP, Reply 10.0.2.2 is-at 52:54:00:12:35:02, length 28',
      expect.stringMatching(/^IP 10\.0\.2\.15 > 8\.8\.8\.8: ICMP echo request/),
      expect.stringMatching(/^IP 8\.8\.8\.8 > 10\.0\.2\.15: ICMP echo reply/),
    ]);
  });

  it('labels -i any frames with their device and packet type', async () => {
    const [, , capture] = await typeLines([
      'docker run -d --name b1 busybox sleep 3600',
      'docker exec b1 ping -c 1 172.17.0.1',
      'tcpdump -n -c 4 -i any icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.1 > /dev/null; wait',
    ]);
    expect(capture!.output).toContain('tcpdump: data link type LINUX_SLL2\n');
    expect(packets(capture!.output).map((l) => l.replace(/^veth\w+/, 'vethX').replace(/id \d+/, 'id N'))).toEqual([
      'vethX P   IP 172.17.0.2 > 172.17.0.1: ICMP echo request, id N, seq 0, length 64',
      'docker0 In  IP 172.17.0.2 > 172.17.0.1: ICMP echo request, id N, seq 0, length 64',
      'docker0 Out IP 172.17.0.1 > 172.17.0.2: ICMP echo reply, id N, seq 0, length 64',
      'vethX Out IP 172.17.0.1 > 172.17.0.2: ICMP echo reply, id N, seq 0, length 64',
    ]);
  });

  it("prints wget's TCP connection to nginx with tcpdump's relative sequence numbers", async () => {
    const [, , capture] = await typeLines([
      'docker run -d --name b1 busybox sleep 3600',
      'docker run -d --name web nginx',
      'tcpdump -n -c 12 -i docker0 tcp port 80 & sleep 1; docker exec b1 wget -q -O /dev/null http://172.17.0.3/; wait',
    ]);
    const flags = packets(capture!.output).map((l) => / Flags \[([^\]]+)\](?:, seq ([\d:]+))?(?:, ack (\d+))?/.exec(l)!.slice(1).join(' ').trim());
    expect(flags.slice(2)).toEqual(['.  1', 'P. 1:74 1', '.  74', 'P. 1:234 74', '.  234', 'P. 234:849 74', '.  849', 'F. 849 74', 'F. 74 850', '.  75']);
    expect(capture!.output).toContain('length 73: HTTP: GET / HTTP/1.1\n');
    expect(capture!.output).toContain('length 233: HTTP: HTTP/1.1 200 OK\n');
  });

  it('answers bad options, filters and devices with tcpdump 4.99 messages', async () => {
    const sim = newSim();
    expect(await run(sim, 'tcpdump -i nosuch0')).toEqual({ out: '', err: 'tcpdump: nosuch0: No such device exists\n(No such device exists)\n', code: 1 });
    expect((await run(sim, ['tcpdump', '-n', 'icmp and'])).err).toBe("tcpdump: can't parse filter expression: syntax error\n");
    expect((await run(sim, ['tcpdump', 'port', '99999'])).err).toBe('tcpdump: illegal port number 99999 > 65535\n');
    expect((await run(sim, ['tcpdump', 'net', '10.0.0.0/33'])).err).toBe('tcpdump: mask length must be <= 32\n');
    expect((await run(sim, 'tcpdump -c 0')).err).toBe('tcpdump: invalid packet count 0\n');
    expect((await run(sim, 'tcpdump -Z')).err).toMatch(/^tcpdump: option requires an argument -- 'Z'\ntcpdump version 4\.99\.3\n[\s\S]*Usage: tcpdump/);
  });

  it('stops on Ctrl-C with a newline and the summary, and leaves no socket behind', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name b1 busybox sleep 3600');
    const ctrlC = new AbortController();
    const capture = run(sim, 'tcpdump -n -i docker0', { signal: ctrlC.signal });
    await run(sim, 'ping -c 1 172.17.0.1', { target: inContainer(sim, 'b1') });
    ctrlC.abort();
    const r = await capture;
    expect(r.code).toBe(0);
    expect(r.out.endsWith('\n\n')).toBe(true);
    expect(r.err).toMatch(/\n\d+ packets captured\n\d+ packets received by filter\n0 packets dropped by kernel\n$/);
    const node = sim.world.nodes.get('node1')!;
    expect(node.kernel.init.links.filter((l) => l.taps !== undefined)).toEqual([]);
    expect(linkByName(node.kernel.init, 'docker0')!.taps).toBeUndefined();
  });

  it('is not in busybox images', async () => {
    const [, r] = await typeLines(['docker run -d --name b1 busybox sleep 3600', 'docker exec b1 tcpdump -n']);
    expect(r!.exit).toBe(126);
  });
});

describe('job control for captures', () => {
  it('lists a background job and stops it with kill %1', async () => {
    const records = await typeLines(['tcpdump -n -i docker0 &', 'jobs', 'kill %1', 'wait', 'jobs']);
    expect(records[0]!.output).toMatch(/^\[1\] \d+\n/);
    expect(records[1]!.output).toBe('[1]+  Running                 tcpdump -n -i docker0 &\n');
    // tcpdump handles the signal: its summary, then bash's notice before the next prompt.
    expect(records[2]!.output).toMatch(/0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n\[1\]\+  Done {20}tcpdump -n -i docker0\n$/);
    expect(records[3]!.output).toBe('');
    expect(records[4]!.output).toBe('');
  });
});

describe('timeout (coreutils) around a capture', () => {
  it('stops the capture when the time is up: the summary, then status 124', async () => {
    const [, r] = await typeLines(['docker run -d --name b1 busybox sleep 3600', 'timeout -s INT 2 tcpdump -n -i docker0 icmp']);
    expect(r!.exit).toBe(124);
    expect(r!.output).toMatch(/snapshot length 262144 bytes\n\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n$/);
  });

  it('answers a bad interval and a missing command like coreutils', async () => {
    const records = await typeLines(['timeout x sleep 1', 'timeout 1 nosuch', 'timeout 1 sleep 5; echo $?']);
    expect(records.map((r) => [r.output, r.exit])).toEqual([
      ["timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n", 125],
      ['timeout: failed to run command ‘nosuch’: No such file or directory\n', 127],
      ['124\n', 0],
    ]);
  });
});
