import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../../src/sandbox/sim/kernel/ipv4.ts';
import { compileFilter, type FramePredicate } from '../../../../src/sandbox/sim/userland/tcpdump/filter.ts';
import type { WireFrame } from '../../../../src/sandbox/sim/userland/tcpdump/wire.ts';

const MAC_A = [2, 0x42, 172, 17, 0, 2];
const MAC_B = [2, 0x42, 172, 17, 0, 3];

function icmp(src: string, dst: string): WireFrame {
  return {
    seen: { device: 'docker0', deviceMac: MAC_B, dir: 'in', loopback: false },
    l2: { src: MAC_A, dst: MAC_B },
    body: { kind: 'ipv4', ip: { src: parseIp(src)!, dst: parseIp(dst)!, ttl: 64, length: 84, id: 1, df: true, l4: { proto: 'icmp', type: 'echo request', id: 7, seq: 0 } } },
  };
}

function tcp(src: string, sport: number, dst: string, dport: number): WireFrame {
  const f = icmp(src, dst);
  if (f.body.kind === 'ipv4') f.body.ip.l4 = { proto: 'tcp', sport, dport, flags: 'S', seq: 1, win: 64240, length: 0 };
  return f;
}

function compiled(expression: string): FramePredicate {
  const p = compileFilter(expression);
  if ('error' in p) throw new Error(p.error);
  return p;
}

describe('pcap filter subset', () => {
  it('and/or have equal precedence and group to the left, as in libpcap', () => {
    // (tcp or icmp) and port 80: an ICMP packet has no port, so it fails.
    expect(compiled('tcp or icmp and port 80')(icmp('172.17.0.2', '172.17.0.3'))).toBe(false);
    expect(compiled('tcp or (icmp and port 80)')(tcp('172.17.0.2', 40000, '172.17.0.3', 22))).toBe(true);
  });

  it('src, dst, net, port and a value that reuses the last qualifier', () => {
    const f = tcp('172.17.0.2', 40000, '172.17.0.3', 80);
    expect(compiled('src host 172.17.0.2 && dst port 80')(f)).toBe(true);
    expect(compiled('dst host 172.17.0.2')(f)).toBe(false);
    expect(compiled('net 172.17.0.0/16')(f)).toBe(true);
    expect(compiled('host 10.0.0.1 or 172.17.0.3')(f)).toBe(true);
    expect(compiled('port http')(f)).toBe(true);
    expect(compiled('! tcp')(f)).toBe(false);
    expect(compiled('ether src 02:42:ac:11:00:02')(f)).toBe(true);
  });

  it("reports libpcap's errors", () => {
    expect(compileFilter('icmp or (tcp')).toEqual({ error: "can't parse filter expression: syntax error" });
    expect(compileFilter('foo')).toEqual({ error: "can't parse filter expression: syntax error" });
    expect(compileFilter('ether host 02:42:ac:11')).toEqual({ error: 'bogus ethernet address 02:42:ac:' });
  });
});
