import { describe, expect, it } from 'vitest';
import { normaliseSandboxHost } from './normalise.ts';
import type { Recorded } from './scenario.ts';

const out = (cmd: string, output: string): string => normaliseSandboxHost([{ cmd, output, exit: 0 }])[0]!.output;

describe("normaliseSandboxHost: the Docker driver's sandbox host against the learner's VM", () => {
  it('drops the driver link vethlab0 from ip, ifconfig and route listings', () => {
    expect(
      out(
        'ip addr',
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n3: vethlab0@if818: <BROADCAST> mtu 1500\n    inet 10.213.0.2/28 scope global vethlab0\n4: docker0: <BROADCAST> mtu 1500\n',
      ),
    ).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n4: docker0: <BROADCAST> mtu 1500\n');
    expect(out('ifconfig', 'eth0: flags=4163  mtu 1500\n        inet 10.0.2.15\n\nvethlab0: flags=4163  mtu 1500\n        inet 10.213.0.18\n\n')).toBe(
      'eth0: flags=4163  mtu 1500\n        inet 10.0.2.15\n\n',
    );
    expect(out('route -n', '0.0.0.0         10.0.2.2        0.0.0.0         UG    0      0        0 eth0\n10.213.0.16     0.0.0.0         255.255.255.240 U     0      0        0 vethlab0\n')).toBe(
      '0.0.0.0         10.0.2.2        0.0.0.0         UG    0      0        0 eth0\n',
    );
  });

  it("shows the host's veth eth0 as the VM's NIC, and leaves containers' eth0 alone", () => {
    const vm =
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether 08:00:27:12:34:56 brd ff:ff:ff:ff:ff:ff\n    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic eth0\n       valid_lft 86391sec preferred_lft 86391sec\n';
    const host =
      '2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether 08:00:27:12:34:56 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n    inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0\n       valid_lft forever preferred_lft forever\n';
    expect(out('ip addr show eth0', host)).toBe(out('ip addr show eth0', vm));
    expect(out('ip -br addr', 'eth0@if2         UP             10.0.2.15/24 \n')).toBe(out('ip -br addr', 'eth0             UP             10.0.2.15/24 \n'));
    const container =
      '7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue\n    link/ether 02:42:ac:11:00:03 brd ff:ff:ff:ff:ff:ff\n    inet 172.17.0.3/16 brd 172.17.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n';
    expect(out('docker run --rm busybox ip addr show eth0', container)).toBe(container);
  });

  it('drops IPv6 addresses and listeners, which sandbox hosts do not have', () => {
    expect(
      out(
        'ip addr show docker0',
        '    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n       valid_lft forever preferred_lft forever\n    inet6 fe80::42:b5ff:feb0:7c27/64 scope link \n       valid_lft forever preferred_lft forever\n',
      ),
    ).toBe('    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n       valid_lft forever preferred_lft forever\n');
    expect(out('ip -br addr', 'lo               UNKNOWN        127.0.0.1/8 ::1/128 \n')).toBe('lo               UNKNOWN        127.0.0.1/8 \n');
    expect(
      out('netstat -tln', 'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN     \ntcp6       0      0 :::8080                 :::*                    LISTEN     \n'),
    ).toBe('tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN     \n');
  });

  it("drops the machine engine's DNS rules from the host's iptables and renumbers the chain", () => {
    const listing = [
      'Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)',
      'num   pkts bytes target     prot opt in     out     source               destination         ',
      '1        0     0 DOCKER_OUTPUT  0    --  *      *       0.0.0.0/0            127.0.0.11          ',
      '2        0     0 DOCKER     0    --  *      *       0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL',
      '',
      'Chain DOCKER_OUTPUT (1 references)',
      'num   pkts bytes target     prot opt in     out     source               destination         ',
      '1        0     0 DNAT       6    --  *      *       0.0.0.0/0            127.0.0.11           tcp dpt:53 to:127.0.0.11:40501',
      '',
      '',
    ].join('\n');
    expect(out('iptables -t nat -L -n -v --line-numbers', listing)).toBe(
      [
        'Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)',
        'num   pkts bytes target     prot opt in     out     source               destination         ',
        '1        0     0 DOCKER     0    --  *      *       0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL',
        '',
        '',
      ].join('\n'),
    );
    expect(out('iptables -t nat -S', '-P OUTPUT ACCEPT\n-N DOCKER\n-N DOCKER_OUTPUT\n-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT\n')).toBe('-P OUTPUT ACCEPT\n-N DOCKER\n');
  });

  it('keeps everything else, exit codes included', () => {
    const records: Recorded[] = [{ cmd: 'docker ps', output: 'CONTAINER ID   IMAGE\n', exit: 3 }];
    expect(normaliseSandboxHost(records)).toEqual(records);
  });
});
