/**
 * The two-node profile as lesson 4-4 uses it, on the real driver: node1 and node2 have the Vagrant
 * pair's host-only LAN on eth1 (192.168.56.11 and .12) and share /vagrant, so the lesson's own
 * commands (swarm init on the LAN address, the join token passed through /vagrant, an overlay
 * network whose containers ping each other by name) work as written. The shared folder is a
 * volume labelled like the rest of the sandbox and goes with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/driver.ts';
import { listLabelled } from '../../../src/sandbox/docker/orphans.ts';
import { client, RUN_ID, RUN_LABEL, skipReason, suiteSandbox } from './engine.ts';

describe.skipIf(skipReason !== undefined)('docker driver: the two-node LAN and /vagrant (lesson 4-4)', { timeout: 180_000 }, () => {
  const suite = suiteSandbox();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await suite.start({ profile: 'two-nodes' });
  }, 120_000);

  afterAll(() => suite.stop(), 120_000);

  const on = async (node: string, command: string, timeoutMs = 30_000) => {
    const result = await sandbox.exec(command, { node, timeoutMs });
    return result;
  };
  const ok = async (node: string, command: string, timeoutMs = 30_000) => {
    const result = await on(node, command, timeoutMs);
    expect(result.exit, `${node}$ ${command}\n${result.output}`).toBe(0);
    return result.output;
  };

  it('gives each node its LAN address on eth1 and the NAT address on eth0, as the simulator does', async () => {
    expect(await ok('node1', 'ip -4 -o addr show eth1')).toContain('inet 192.168.56.11/24');
    expect(await ok('node2', 'ip -4 -o addr show eth1')).toContain('inet 192.168.56.12/24');
    for (const node of ['node1', 'node2']) expect(await ok(node, 'ip -4 -o addr show eth0')).toContain('inet 10.0.2.15/24');
    expect(await ok('node1', 'ping -c 1 -W 2 192.168.56.12')).toContain('1 received');
    expect(await ok('node2', 'ping -c 1 -W 2 192.168.56.11')).toContain('1 received');
    // a full-size packet crosses the LAN too
    expect(await ok('node1', 'ping -c 1 -W 2 -M do -s 1472 192.168.56.12')).toContain('1 received');
  });

  it("names the other node in /etc/hosts by its LAN address, as the Vagrant pair's hostmanager does", async () => {
    expect(await ok('node1', 'getent hosts node2')).toMatch(/^192\.168\.56\.12\s+node2\n$/);
    expect(await ok('node2', 'getent hosts node1')).toMatch(/^192\.168\.56\.11\s+node1\n$/);
    expect(await ok('node1', 'head -n 3 /etc/hosts')).toBe('127.0.0.1\tlocalhost\n127.0.1.1\tnode1\n192.168.56.12\tnode2\n');
    expect(await ok('node2', 'cat /etc/resolv.conf')).toBe('nameserver 10.0.2.3\n');
  });

  it('shares /vagrant between the nodes', async () => {
    await ok('node1', 'echo from-node1 > /vagrant/hello');
    expect(await ok('node2', 'cat /vagrant/hello')).toBe('from-node1\n');
    const { volumes } = await listLabelled(client, { [RUN_LABEL]: RUN_ID });
    expect(volumes.length).toBe(1);
  });

  it("runs the lesson's swarm and overlay commands on node1 and node2", async () => {
    await ok('node1', 'docker swarm init --advertise-addr 192.168.56.11');
    await ok('node1', 'docker swarm join-token -q worker > /vagrant/worker.token');
    await ok('node2', 'docker swarm join --token $(cat /vagrant/worker.token) 192.168.56.11:2377');
    expect(await ok('node1', "docker node ls --format '{{.Hostname}} {{.Status}}' | sort")).toBe('node1 Ready\nnode2 Ready\n');
    await ok('node1', 'docker network create -d overlay --attachable overnet');
    await ok('node1', 'docker run -dit --name o1 --network overnet busybox');
    await ok('node2', 'docker run -dit --name o2 --network overnet busybox', 60_000);
    expect(await ok('node2', 'docker exec o2 ip addr show eth0')).toContain('mtu 1450');
    let ping = await on('node2', 'docker exec o2 ping -c 2 o1');
    for (let i = 0; i < 10 && ping.exit !== 0; i++) ping = await on('node2', 'sleep 1; docker exec o2 ping -c 2 o1');
    expect(ping.output).toContain('2 packets received');
    // the overlay's VTEPs are the LAN addresses
    expect(await ok('node1', "docker network inspect -f '{{range .Peers}}{{.IP}} {{end}}' overnet")).toMatch(/192\.168\.56\.11.*192\.168\.56\.12|192\.168\.56\.12.*192\.168\.56\.11/);
  });

  it('removes the shared volume with the sandbox', async () => {
    await sandbox.close();
    const { containers, networks, volumes } = await listLabelled(client, { [RUN_LABEL]: RUN_ID });
    expect({ containers: containers.length, networks: networks.length, volumes: volumes.length }).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });
});
