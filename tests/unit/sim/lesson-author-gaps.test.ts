/**
 * Gaps lesson authors met off the script (issue #13): nc to nginx with nothing to send, nsenter
 * into a container by its sandbox key, and swarm's overlay subnets after a removal.
 */
import { describe, expect, it } from 'vitest';
import { sandboxAfter } from './sim-sandbox.ts';

describe('what lesson authors tried', () => {
  it('busybox nc with empty stdin gets nothing from nginx, which logs no request', async () => {
    const sandbox = await sandboxAfter('docker run -d --name web nginx', 'docker run -dit --name c1 busybox');
    expect(await sandbox.exec('docker exec c1 nc -w 2 172.17.0.2 80; echo exit=$?')).toEqual({ exit: 0, output: 'exit=0\n' });
    expect((await sandbox.exec('docker logs web 2>&1 | grep -c "GET /"')).output).toBe('0\n');
    expect((await sandbox.exec(`docker exec c1 sh -c 'printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc 172.17.0.2 80' | head -1`)).output).toBe('HTTP/1.1 200 OK\r\n');
  });

  it('nsenter --net= opens the namespace file docker inspect gives as SandboxKey', async () => {
    const sandbox = await sandboxAfter('docker run -dit --name c1 busybox');
    const r = await sandbox.exec(`nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' c1) ip -4 -o addr show eth0`);
    expect(r.exit).toBe(0);
    expect(r.output).toContain('inet 172.17.0.2/16');
    const gone = await sandbox.exec('nsenter --net=/var/run/docker/netns/000000000000 ip addr');
    expect(gone).toEqual({ exit: 1, output: 'nsenter: cannot open /var/run/docker/netns/000000000000: No such file or directory\n' });
  });

  it('the next overlay after a removed one gets the next /24, round-robin', async () => {
    const sandbox = await sandboxAfter('docker swarm init --advertise-addr 10.0.2.15', 'docker network create -d overlay o1', 'docker network rm o1', 'docker network create -d overlay o2');
    expect((await sandbox.exec(`docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' o2`)).output).toBe('10.0.2.0/24\n');
  });
});
