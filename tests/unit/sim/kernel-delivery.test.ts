import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('packets through the model', () => {
  it('pings box2 by name on a user network', async () => {
    const sim = newSim();
    await run(sim, 'docker network create bridge2');
    await run(sim, 'docker run -dit --name box1 --network bridge2 busybox');
    await run(sim, 'docker run -dit --name box2 --network bridge2 busybox');
    const r = await run(sim, 'ping -c 2 box2', { target: inContainer(sim, 'box1') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^PING box2 \(172\.18\.0\.3\): 56 data bytes\n64 bytes from 172\.18\.0\.3: seq=0 ttl=64 time=\d\.\d{3} ms\n64 bytes from 172\.18\.0\.3: seq=1 ttl=64 time=\d\.\d{3} ms\n\n--- box2 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/,
    );
  });

  it('default bridge has no name resolution', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    await run(sim, 'docker run -dit --name b2 busybox');
    expect(await run(sim, 'ping -c 1 b2', { target: inContainer(sim, 'b1') })).toEqual({ out: '', err: "ping: bad address 'b2'\n", code: 1 });
    expect((await run(sim, 'ping -c 1 172.17.0.3', { target: inContainer(sim, 'b1') })).code).toBe(0);
  });

  it('isolates user networks from the default bridge with DOCKER-ISOLATION rules', async () => {
    const sim = newSim();
    await run(sim, 'docker network create bridge2');
    await run(sim, 'docker run -dit --name box1 --network bridge2 busybox');
    await run(sim, 'docker run -dit --name b1 busybox');
    const r = await run(sim, 'ping -c 1 -W 1 172.17.0.2', { target: inContainer(sim, 'box1') });
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 packets transmitted, 0 packets received, 100% packet loss');
    const counters = (await run(sim, 'iptables -L DOCKER-ISOLATION-STAGE-2 -n -v')).out;
    expect(counters).toMatch(/\n\s+1\s+84 DROP\s+0\s+--\s+\*\s+docker0/);
  });

  it('reports an unreachable network from a --network none container', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name iso --network none busybox');
    expect(await run(sim, 'ping -c 1 172.17.0.1', { target: inContainer(sim, 'iso') })).toEqual({
      out: 'PING 172.17.0.1 (172.17.0.1): 56 data bytes\n',
      err: 'ping: sendto: Network is unreachable\n',
      code: 1,
    });
  });

  it('needs ip_forward to reach the outside from a container', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    const target = inContainer(sim, 'b1');
    expect((await run(sim, 'ping -c 1 8.8.8.8', { target })).out).toMatch(/ttl=116/);
    await run(sim, 'sysctl -w net.ipv4.ip_forward=0');
    expect((await run(sim, 'ping -c 1 -W 1 8.8.8.8', { target })).code).toBe(1);
  });

  it('fetches the nginx page through the published port from the host', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web -p 1234:80 nginx');
    const page = await run(sim, 'wget -qO- http://127.0.0.1:1234/');
    expect(page.out).toContain('<title>Welcome to nginx!</title>');
    expect((await run(sim, 'curl -sI http://10.0.2.15:1234/')).out.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect((await run(sim, 'docker logs web')).out).toMatch(/172\.17\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget\/1\.21\.3" "-"/);
    expect((await run(sim, 'curl -s http://127.0.0.1:9/')).code).toBe(7);
  });

  it('shares lo with --network container: so wget 127.0.0.1 reaches the other container', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name box1 busybox');
    await run(sim, ['docker', 'exec', 'box1', 'sh', '-c', 'mkdir -p /www && echo hello from box1 > /www/index.html && httpd -h /www']);
    await run(sim, 'docker run -dit --name side --network container:box1 busybox');
    expect((await run(sim, 'wget -qO- 127.0.0.1', { target: inContainer(sim, 'side') })).out).toBe('hello from box1\n');
  });
});

describe('iptables', () => {
  it('lists the DNAT rule of -p 1234:80 the way iptables 1.8.9 does', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d -p 1234:80 nginx');
    const nat = (await run(sim, 'iptables -t nat -L -n')).out;
    expect(nat).toContain('DNAT       6    --  0.0.0.0/0            0.0.0.0/0            tcp dpt:1234 to:172.17.0.2:80\n');
    expect((await run(sim, 'iptables -t nat -S DOCKER')).out).toBe(
      '-N DOCKER\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 1234 -j DNAT --to-destination 172.17.0.2:80\n',
    );
  });

  it('lets DOCKER-USER rules block a container', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name b1 busybox');
    await run(sim, 'docker run -dit --name b2 busybox');
    expect((await run(sim, 'iptables -I DOCKER-USER -s 172.17.0.2 -j DROP')).code).toBe(0);
    expect((await run(sim, 'ping -c 1 -W 1 172.17.0.3', { target: inContainer(sim, 'b1') })).code).toBe(1);
    expect((await run(sim, 'iptables -D DOCKER-USER 1')).code).toBe(0);
    expect((await run(sim, 'ping -c 1 172.17.0.3', { target: inContainer(sim, 'b1') })).code).toBe(0);
    expect((await run(sim, 'iptables -A NOPE -j DROP')).err).toBe('iptables: No chain/target/match by that name.\n');
  });
});
