import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('ifconfig', () => {
  it('prints net-tools format on the host, interfaces sorted by name', async () => {
    const sim = newSim();
    const r = await run(sim, 'ifconfig');
    expect(r.out).toMatch(/^docker0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n        inet 172\.17\.0\.1  netmask 255\.255\.0\.0  broadcast 172\.17\.255\.255\n/);
    expect(r.out.indexOf('docker0:')).toBeLessThan(r.out.indexOf('eth0:'));
    expect(r.out.indexOf('eth0:')).toBeLessThan(r.out.indexOf('lo:'));
    expect(r.out).toContain('lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n');
  });

  it('prints the busybox layout inside busybox', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name box busybox sleep 60');
    const r = await run(sim, 'ifconfig eth0', { target: inContainer(sim, 'box') });
    expect(r.out).toBe(
      'eth0      Link encap:Ethernet  HWaddr 02:42:AC:11:00:02  \n' +
        '          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0\n' +
        '          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n' +
        '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n' +
        '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
        '          collisions:0 txqueuelen:0 \n' +
        '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n',
    );
  });

  it('is missing in centos until yum install -y net-tools', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d -t --name cent centos');
    const target = inContainer(sim, 'cent');
    expect(sim.lookup(target, 'ifconfig')).toBeUndefined();
    expect(sim.shell(target).notFound('ifconfig')).toBe('bash: ifconfig: command not found');
    const y = await run(sim, 'yum install -y net-tools', { target });
    expect(y.code).toBe(0);
    expect(y.out).toContain('Complete!');
    const r = await run(sim, 'ifconfig', { target });
    expect(r.out).toContain(
      'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255\n        ether 02:42:ac:11:00:02  txqueuelen 0  (Ethernet)',
    );
  });

  it('reports a missing device in each tool wording', async () => {
    const sim = newSim();
    expect((await run(sim, 'ifconfig eth9')).err).toBe('eth9: error fetching interface information: Device not found\n');
    await run(sim, 'docker run -d --name box busybox sleep 60');
    expect((await run(sim, 'ifconfig eth9', { target: inContainer(sim, 'box') })).err).toBe('ifconfig: eth9: error fetching interface information: Device not found\n');
  });
});
