import { describe, expect, it } from 'vitest';
import { attachBackgroundCaptures, startsBackgroundCapture } from '../../../tests/differential/background-captures.ts';
import type { Recorded } from '../../../tests/fidelity/scenario.ts';

const record = (cmd: string, ...lines: string[]): Recorded => ({ cmd, output: lines.map((l) => `${l}\n`).join(''), exit: 0 });

const BANNER = ['tcpdump: verbose output suppressed, use -v[v]... for full protocol decode', 'listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes'];
const PACKETS = ['12:00:00.000001 IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 7, seq 0, length 64', '12:00:00.000002 IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 7, seq 0, length 64'];
const SUMMARY = ['2 packets captured', '2 packets received by filter', '0 packets dropped by kernel'];
const PING = ['PING 172.17.0.3 (172.17.0.3): 56 data bytes', '64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.1 ms'];

describe("a background capture's output", () => {
  it('is the same wherever the terminal showed it: with the ping that moved the packets or lines later', () => {
    // the simulator: the capture prints with the ping that caused its packets
    const sim = [record('tcpdump -n -c 2 -i docker0 &', '[1] 100', ...BANNER), record('docker exec b1 ping -c 1 172.17.0.3', PING[0]!, ...PACKETS, PING[1]!, ...SUMMARY), record('echo next', 'next')];
    // a real tcpdump: pcap's buffer timeout delays its lines into the next records
    const driver = [record('tcpdump -n -c 2 -i docker0 &', '[1] 200'), record('docker exec b1 ping -c 1 172.17.0.3', ...BANNER, ...PING), record('echo next', ...PACKETS, 'next', ...SUMMARY)];
    const expected = [record('tcpdump -n -c 2 -i docker0 &', '[1] 100', ...BANNER, ...PACKETS, ...SUMMARY), record('docker exec b1 ping -c 1 172.17.0.3', ...PING), record('echo next', 'next')];
    expect(attachBackgroundCaptures(sim)).toEqual(expected);
    expect(attachBackgroundCaptures(driver)).toEqual(expected.map((r, i) => (i === 0 ? { ...r, output: r.output.replace('[1] 100', '[1] 200') } : r)));
  });

  it('ends with its summary: lines of a later capture in the foreground stay with that command', () => {
    const records = [record('tcpdump -n -c 2 -i docker0 &', '[1] 100', ...BANNER, ...PACKETS, ...SUMMARY), record('tcpdump -n -c 2 -i docker0', ...BANNER, ...PACKETS, ...SUMMARY)];
    expect(attachBackgroundCaptures(records)).toEqual(records);
  });

  it("ends with bash's job notice: packets a later command prints from a file stay with it", () => {
    const records = [
      record('tcpdump -n -c 2 -i docker0 > /tmp/evidence.txt &', '[1] 100'),
      record('kill %1', '[1]+  Done                    tcpdump -n -c 2 -i docker0 > /tmp/evidence.txt'),
      record('cat /tmp/evidence.txt', ...PACKETS),
    ];
    expect(attachBackgroundCaptures(records)).toEqual(records);
  });

  it('leaves transcripts without a background capture alone', () => {
    const records = [record('docker exec b1 ping -c 1 172.17.0.3', ...PING), record('tcpdump -n -c 2 -i docker0', ...BANNER, ...PACKETS, ...SUMMARY)];
    expect(attachBackgroundCaptures(records)).toEqual(records);
  });

  it('recognises the lines that start one', () => {
    expect(startsBackgroundCapture('tcpdump -n -c 2 -i eth0 icmp > /tmp/evidence.txt &')).toBe(true);
    expect(startsBackgroundCapture("nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 2 & sleep 1; wait")).toBe(true);
    expect(startsBackgroundCapture('tcpdump -n -c 1 -i eth0 && echo done')).toBe(false);
    expect(startsBackgroundCapture('sleep 100 &')).toBe(false);
  });
});
