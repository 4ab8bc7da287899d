import { describe, expect, it } from 'vitest';
import { parseExpose, parseMacAddress, parsePublish, validateDnsServer, validateExtraHost } from '../../../src/sandbox/sim/userland/docker/container-options.ts';
import { copiedResolvConf, embeddedResolvConf } from '../../../src/sandbox/sim/daemon/resolvconf.ts';

describe('docker run options the CLI checks (nat.ParsePortSpec, opts validators)', () => {
  it('expands container port ranges into one spec per port, host ports alongside', () => {
    const specs = parsePublish('8083-8084:80-81');
    expect(specs).toEqual([
      { hostIp: '', hostPort: 8083, containerPort: 80, proto: 'tcp' },
      { hostIp: '', hostPort: 8084, containerPort: 81, proto: 'tcp' },
    ]);
  });

  it('keeps a host range for one container port, and refuses ranges of different sizes', () => {
    expect(parsePublish('8085-8086:80')).toEqual([{ hostIp: '', hostPort: 8085, hostPortEnd: 8086, containerPort: 80, proto: 'tcp' }]);
    expect(parsePublish('8090-8091:80-82')).toBe('Invalid ranges specified for container and host Ports: 80-82 and 8090-8091');
  });

  it('takes everything before the last two parts as the host IP, as splitParts does', () => {
    expect(parsePublish('80:80:80:80')).toBe('Invalid ip address 80:80: address 80:80:: too many colons in address');
    expect(parsePublish('127.0.0.1::80')).toEqual([{ hostIp: '127.0.0.1', hostPort: 0, containerPort: 80, proto: 'tcp' }]);
    expect(parsePublish('80/sctp')).toEqual([{ hostIp: '', hostPort: 0, containerPort: 80, proto: 'sctp' }]);
    expect(parsePublish('80/icmp')).toBe('Invalid proto: icmp');
  });

  it('expands --expose ranges and refuses host parts', () => {
    expect(parseExpose('7000-7002')).toEqual(['7000/tcp', '7001/tcp', '7002/tcp']);
    expect(parseExpose('9000/udp')).toEqual(['9000/udp']);
    expect(parseExpose('80:80')).toBe('invalid port format for --expose: 80:80');
  });

  it('validates --dns, --add-host and --mac-address values with the CLI messages', () => {
    expect(validateDnsServer('10.9.9.9')).toBeUndefined();
    expect(validateDnsServer('notanip')).toBe('notanip is not an ip address');
    expect(validateExtraHost('db:10.1.2.3')).toBeUndefined();
    expect(validateExtraHost('db')).toBe('bad format for add-host: "db"');
    expect(validateExtraHost('db:notanip')).toBe('invalid IP address in add-host: "notanip"');
    expect(parseMacAddress('02:42:ac:11:00:99')).toEqual([2, 0x42, 0xac, 0x11, 0, 0x99]);
    expect(parseMacAddress('zz:zz')).toBeUndefined();
  });
});

describe('resolv.conf with --dns flags (libnetwork)', () => {
  const host = 'nameserver 10.0.2.3\n';
  it('replaces the nameservers and adds search and options on the default bridge', () => {
    expect(copiedResolvConf(host, { dns: ['10.9.9.9'], dnsSearch: ['lab.local'], dnsOptions: ['ndots:2'] })).toBe('search lab.local\nnameserver 10.9.9.9\noptions ndots:2\n');
    expect(copiedResolvConf(host, { dnsSearch: ['a.example', 'b.example'] })).toBe('search a.example b.example\nnameserver 10.0.2.3\n');
  });

  it('keeps 127.0.0.11 and ndots:0 on a user-defined network', () => {
    expect(embeddedResolvConf(host, { dns: ['10.9.9.9'] })).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(embeddedResolvConf(host, { dnsSearch: ['lab.local'] })).toBe('search lab.local\nnameserver 127.0.0.11\noptions ndots:0\n');
  });
});

describe('docker network create IPAM flags (consolidateIpam)', () => {
  it('pairs ranges and gateways with their subnet and refuses strays', async () => {
    const { consolidateIpam } = await import('../../../src/sandbox/sim/userland/docker/ipam-flags.ts');
    expect(consolidateIpam(['10.30.0.0/24'], [], ['10.31.0.1'])).toEqual({ cli: 'no matching subnet for gateway 10.31.0.1' });
    expect(consolidateIpam(['10.30.0.0/24'], ['10.30.1.0/28'], [])).toEqual({ cli: 'no matching subnet for range 10.30.1.0/28' });
    expect(consolidateIpam([], [], ['10.0.0.1'])).toEqual({ cli: 'every ip-range or gateway must have a corresponding subnet' });
    const ok = consolidateIpam(['10.30.0.0/24'], ['10.30.0.128/25'], ['10.30.0.1']);
    expect(Array.isArray(ok) && ok[0]?.ipRange?.len).toBe(25);
  });
});
