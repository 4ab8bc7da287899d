import { describe, expect, it } from 'vitest';
import { normaliseCapture, normaliseScenario } from './normalise.ts';
import type { Recorded } from './scenario.ts';

const rec = (cmd: string, output: string, exit = 0): Recorded => ({ cmd, output, exit });
const outputs = (records: Recorded[]): string[] => normaliseScenario(records).map((r) => r.output);

describe('normaliseScenario', () => {
  it('gives a full ID and its short form the same placeholder, numbered by first appearance', () => {
    const full = '80c4551f0cb65245e3052d6483a7eb5977fd28d14bdb7a921f718ca1baa38204';
    const [a, b] = outputs([rec('docker run -d nginx', `${full}\n`), rec('docker exec web hostname', '80c4551f0cb6\n')]);
    expect(a).toBe('<id:1>\n');
    expect(b).toBe('<id:1>\n');
  });

  it("drops the line number bash -c puts in its errors, which a learner's interactive bash does not print", () => {
    const [a] = outputs([rec('set -m; fg', 'bash: line 1: fg: current: no such job\n', 1)]);
    expect(a).toBe('bash: fg: current: no such job\n');
  });

  it('recognises an all-digit short ID only as the prefix of a full ID seen in the scenario', () => {
    const full = '904090583327' + 'a'.repeat(52);
    const [a, b] = outputs([rec('x', '904090583327 123456789012\n'), rec('y', `${full}\n`)]);
    expect(a).toBe('<id:1> 123456789012\n');
    expect(b).toBe('<id:1>\n');
  });

  it("keeps Docker's container MACs derived from a printed IP and numbers random ones", () => {
    const [out] = outputs([
      rec(
        'ip addr',
        'link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff\ninet 172.17.0.2/16\nlink/ether 02:42:85:73:7e:03 brd ff:ff:ff:ff:ff:ff\ninet6 fe80::42:85ff:fe73:7e03/64 scope link tentative \n',
      ),
    ]);
    expect(out).toBe('link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff\ninet 172.17.0.2/16\nlink/ether <mac:1> brd ff:ff:ff:ff:ff:ff\ninet6 fe80::<mac:1>/64 scope link \n');
  });

  it('numbers interface indexes and veth names consistently across commands', () => {
    const [host, inside] = outputs([
      rec('ip link show type veth', '21: vetha9a1b33@if20: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n'),
      rec('docker exec b1 ip addr', '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n20: eth0@if21: <BROADCAST> mtu 1500\n'),
    ]);
    expect(host).toBe('<if:1>: <veth:1>@<if:2>: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n');
    expect(inside).toBe('<if:3>: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n<if:2>: eth0@<if:1>: <BROADCAST> mtu 1500\n');
  });

  it('re-renders docker tables after normalising durations, with the tabwriter rule', () => {
    const table = 'CONTAINER ID   IMAGE     COMMAND   CREATED          STATUS          PORTS     NAMES\n' + 'a2dee042d84d   busybox   "sh"      12 seconds ago   Up 11 seconds             b1\n';
    const [out] = outputs([rec('docker ps', table)]);
    expect(out).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED     STATUS     PORTS     NAMES\n' + '<id:1>         busybox   "sh"      <dur> ago   Up <dur>             b1\n');
  });

  it('hides Go heap addresses and a time cut short at the end of the output', () => {
    const [ptr, cut] = outputs([rec('docker inspect', 'map[tnet:0xc000394840]\n'), rec('docker network inspect | head -c 40', '{"Created":"2026-12-07T11:21:39.99')]);
    expect(ptr).toBe('map[tnet:<ptr>]\n');
    expect(cut).toBe('{"Created":"<time>');
  });

  it('flags a table whose columns are not laid out like docker does', () => {
    const [out] = outputs([rec('docker network ls', 'NETWORK ID   NAME   DRIVER   SCOPE\nabcdefabcdef   bridge   bridge   local\n')]);
    expect(out).toContain("<table layout differs from docker's tabwriter");
  });

  it('replaces ping times and iptables counters, keeping column widths', () => {
    const [ping, ipt] = outputs([
      rec('ping', '64 bytes from 172.17.0.2: seq=0 ttl=64 time=0.364 ms\nround-trip min/avg/max = 0.083/0.223/0.364 ms\n'),
      rec(
        'iptables -L -n -v',
        'Chain FORWARD (policy ACCEPT 12 packets, 3456 bytes)\n pkts bytes target     prot opt in     out     source               destination         \n   12  1008 DOCKER-USER  0    --  *      *       0.0.0.0/0            0.0.0.0/0           \n',
      ),
    ]);
    expect(ping).toBe('64 bytes from 172.17.0.2: seq=0 ttl=64 time=<ms>\nround-trip min/avg/max = <rtt> ms\n');
    expect(ipt).toBe(
      'Chain FORWARD (policy ACCEPT <n> packets, <n> bytes)\n pkts bytes target     prot opt in     out     source               destination         \n  <n>   <n> DOCKER-USER  0    --  *      *       0.0.0.0/0            0.0.0.0/0           \n',
    );
  });

  it('orders the Containers map of network inspect by name, not by random ID', () => {
    const id1 = 'f'.repeat(64);
    const id2 = 'a'.repeat(64);
    const json = (first: string, second: string, n1: string, n2: string): string => JSON.stringify([{ Containers: { [first]: { Name: n1 }, [second]: { Name: n2 } } }], null, 4) + '\n';
    // Go prints keys sorted: the real engine's order depends on the IDs
    const [real] = outputs([rec('docker network inspect bridge', json(id2, id1, 'web', 'b1'))]);
    const [sim] = outputs([rec('docker network inspect bridge', json(id1, id2, 'b1', 'web'))]);
    expect(real).toBe(sim);
    expect(real).toContain('"<id:1>": {\n                "Name": "b1"');
  });

  it("replaces the host's upstream resolver everywhere once it is seen in a nameserver line", () => {
    const [a, b] = outputs([rec('cat /etc/resolv.conf', 'nameserver 10.0.2.3\n'), rec('nslookup x', "nslookup: write to '10.0.2.3': Connection refused\n")]);
    expect(a).toBe('nameserver <host-dns>\n');
    expect(b).toBe("nslookup: write to '<host-dns>': Connection refused\n");
  });

  it("sorts busybox nslookup's answer sections, which arrive in either order", () => {
    const head = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n';
    const a = 'Non-authoritative answer:\nName:\tbox2\nAddress: 172.18.0.3\n\n';
    const aaaa = 'Non-authoritative answer:\n\n';
    const [x, y] = outputs([rec('docker exec box1 nslookup box2', head + a + aaaa), rec('docker exec box1 nslookup box2', head + aaaa + a)]);
    expect(x).toBe(y);
  });

  it("sorts docker port's ports, which the 20.10 CLI prints in Go map order, keeping each port's bindings in order", () => {
    const p80 = '80/tcp -> 0.0.0.0:8002\n80/tcp -> :::8002\n80/tcp -> 0.0.0.0:8001\n';
    const p443 = '443/tcp -> 0.0.0.0:8003\n';
    const [x, y, one] = outputs([rec('docker port m1', p80 + p443), rec('docker port m1', p443 + p80), rec('docker port m1 80', '0.0.0.0:8002\n0.0.0.0:8001\n')]);
    expect(x).toBe(y);
    expect(x).toBe(p443 + p80);
    expect(one).toBe('0.0.0.0:8002\n0.0.0.0:8001\n');
  });
});

describe('tcpdump captures', () => {
  it('hides timestamps, echo ids, IP ids, ISNs, TCP timestamps and ephemeral ports, and interactive job notices', () => {
    const raw = [
      '[1] 2062',
      '13:19:07.680745 IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 13, seq 0, length 64',
      '13:20:11.851534 IP 172.17.0.2.53706 > 172.17.0.5.80: Flags [S], seq 1171988609, win 64240, options [mss 1460,sackOK,TS val 302037790 ecr 0,nop,wscale 10], length 0',
      '13:20:11.851574 IP 172.17.0.5.80 > 172.17.0.2.53706: Flags [P.], seq 1:234, ack 74, win 64, options [nop,nop,TS val 302037790 ecr 4115714886], length 233: HTTP: HTTP/1.1 200 OK',
      '13:19:23.880665 IP (tos 0x0, ttl 64, id 57760, offset 0, flags [DF], proto ICMP (1), length 84)',
      '',
    ].join('\n');
    expect(normaliseCapture(raw)).toBe(
      [
        '<ts> IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id <n>, seq 0, length 64',
        '<ts> IP 172.17.0.2.<port> > 172.17.0.5.80: Flags [S], seq <seq>, win 64240, options [mss 1460,sackOK,TS val <n> ecr 0,nop,wscale 10], length 0',
        '<ts> IP 172.17.0.5.80 > 172.17.0.2.<port>: Flags [P.], seq 1:234, ack 74, win 64, options [nop,nop,TS val <n> ecr <n>], length 233: HTTP: HTTP/1.1 200 OK',
        '<ts> IP (tos 0x0, ttl 64, id <n>, offset 0, flags [DF], proto ICMP (1), length 84)',
        '',
      ].join('\n'),
    );
  });

  it('keeps well-known ports and relative sequence numbers', () => {
    const line = 'IP 10.0.2.15.8080 > 172.17.0.5.80: Flags [.], ack 849, win 63, length 0\n';
    expect(normaliseCapture(line)).toBe(line);
  });
});
