import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('docker network', () => {
  it('lists bridge, host and none created at daemon start', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker network ls');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(lines[1]).toMatch(/^[0-9a-f]{12}   bridge    bridge    local$/);
    expect(lines[2]).toMatch(/^[0-9a-f]{12}   host      host      local$/);
    expect(lines[3]).toMatch(/^[0-9a-f]{12}   none      null      local$/);
  });

  it('widens the NAME column for long names and filters by name', async () => {
    const sim = newSim();
    await run(sim, 'docker network create my-long-network');
    const r = await run(sim, 'docker network ls --filter name=my-long');
    expect(r.out).toMatch(/^NETWORK ID     NAME              DRIVER    SCOPE\n[0-9a-f]{12}   my-long-network   bridge    local\n$/);
    expect((await run(sim, 'docker network ls -q --filter type=custom')).out).toMatch(/^[0-9a-f]{12}\n$/);
  });

  it('inspects the default bridge like Docker 20.10', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    const r = await run(sim, 'docker network inspect bridge');
    const [net] = JSON.parse(r.out) as Record<string, unknown>[];
    expect(Object.keys(net!)).toEqual([
      'Name',
      'Id',
      'Created',
      'Scope',
      'Driver',
      'EnableIPv6',
      'IPAM',
      'Internal',
      'Attachable',
      'Ingress',
      'ConfigFrom',
      'ConfigOnly',
      'Containers',
      'Options',
      'Labels',
    ]);
    expect(net!.IPAM).toEqual({ Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] });
    expect(net!.Options).toEqual({
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0',
      'com.docker.network.driver.mtu': '1500',
    });
    const containers = Object.values(net!.Containers as Record<string, Record<string, string>>);
    expect(containers).toEqual([{ Name: 'web', EndpointID: expect.stringMatching(/^[0-9a-f]{64}$/), MacAddress: '02:42:ac:11:00:02', IPv4Address: '172.17.0.2/16', IPv6Address: '' }]);
    expect(r.out.startsWith('[\n    {\n        "Name": "bridge",\n        "Id": "')).toBe(true);
    expect(r.out).toContain('        "ConfigFrom": {\n            "Network": ""\n        },\n');
    expect(r.out.endsWith('        "Labels": {}\n    }\n]\n')).toBe(true);
  });

  it('prints [] and an error for an unknown network', async () => {
    const sim = newSim();
    expect(await run(sim, 'docker network inspect foo')).toEqual({ out: '[]\n', err: 'Error: No such network: foo\n', code: 1 });
  });

  it('creates a user-defined bridge with a br-<id12> device', async () => {
    const sim = newSim();
    const id = (await run(sim, 'docker network create bridge2')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const link = await run(sim, `ip addr show br-${id.slice(0, 12)}`);
    expect(link.out).toContain(`inet 172.18.0.1/16 brd 172.18.255.255 scope global br-${id.slice(0, 12)}`);
    expect((await run(sim, 'docker network create bridge2')).err).toBe('Error response from daemon: network with name bridge2 already exists\n');
  });

  it('takes --subnet, --gateway and --internal', async () => {
    const sim = newSim();
    await run(sim, 'docker network create --subnet 192.168.50.0/24 --gateway 192.168.50.254 --internal lab');
    const r = await run(sim, ['docker', 'network', 'inspect', 'lab', '--format', '{{json .IPAM.Config}} {{.Internal}}']);
    expect(r.out).toBe('[{"Subnet":"192.168.50.0/24","Gateway":"192.168.50.254"}] true\n');
  });

  it('refuses to remove predefined networks and networks in use', async () => {
    const sim = newSim();
    expect((await run(sim, 'docker network rm bridge')).err).toBe('Error response from daemon: bridge is a pre-defined network and cannot be removed\n');
    const id = (await run(sim, 'docker network create bridge2')).out.trim();
    await run(sim, 'docker run -d --network bridge2 --name box1 busybox sleep 60');
    expect((await run(sim, 'docker network rm bridge2')).err).toBe(`Error response from daemon: error while removing network: network bridge2 id ${id} has active endpoints\n`);
    await run(sim, 'docker rm -f box1');
    expect(await run(sim, 'docker network rm bridge2')).toEqual({ out: 'bridge2\n', err: '', code: 0 });
    expect((await run(sim, 'ip link')).out).not.toContain('br-');
  });

  it('connects a running container to a second network as eth1', async () => {
    const sim = newSim();
    await run(sim, 'docker network create bridge2');
    await run(sim, 'docker run -d --name box1 busybox sleep 60');
    expect(await run(sim, 'docker network connect bridge2 box1')).toEqual({ out: '', err: '', code: 0 });
    const r = await run(sim, 'ip -4 addr', { target: inContainer(sim, 'box1') });
    expect(r.out).toContain('inet 172.17.0.2/16');
    expect(r.out).toContain('inet 172.18.0.2/16 brd 172.18.255.255 scope global eth1');
    expect((await run(sim, 'docker network connect bridge2 box1')).err).toBe('Error response from daemon: endpoint with name box1 already exists in network bridge2\n');
    await run(sim, 'docker network disconnect bridge2 box1');
    expect((await run(sim, 'ip -4 addr', { target: inContainer(sim, 'box1') })).out).not.toContain('eth1');
  });

  it('runs the network create without a name into cobra’s argument error', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker network create');
    expect(r.code).toBe(1);
    expect(r.err).toBe('"docker network create" requires exactly 1 argument.\nSee \'docker network create --help\'.\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nCreate a network\n');
  });
});
