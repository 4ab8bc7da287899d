import { describe, expect, it } from 'vitest';
import { inContainer, newSim, run } from './run-program.ts';

describe('ps', () => {
  it('lists a busybox container: main command as PID 1, exec -d processes, ps itself', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web busybox httpd -f -p 8080');
    await run(sim, 'docker exec -d web sleep 300');
    const r = await run(sim, 'ps', { target: inContainer(sim, 'web') });
    expect(r).toEqual({
      out: 'PID   USER     TIME  COMMAND\n    1 root      0:00 httpd -f -p 8080\n    7 root      0:00 sleep 300\n   13 root      0:00 ps\n',
      err: '',
      code: 0,
    });
  });

  it('shows a daemonized httpd, and a restart starts a new pid namespace', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name bb busybox');
    await run(sim, 'docker exec bb httpd -h /www');
    expect((await run(sim, 'ps', { target: inContainer(sim, 'bb') })).out).toBe(
      // httpd forks into the background: the child outlives the exec'd parent (pid 7).
      'PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n   13 root      0:00 httpd -h /www\n   19 root      0:00 ps\n',
    );
    await run(sim, 'docker restart -t 0 bb');
    expect((await run(sim, 'ps', { target: inContainer(sim, 'bb') })).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    7 root      0:00 ps\n');
  });

  it('lists host processes with procps columns: dockerd, docker-proxy, the container', async () => {
    const sim = newSim();
    expect((await run(sim, 'ps')).out).toMatch(/^ {4}PID TTY {10}TIME CMD\n {3}1021 pts\/0 {4}00:00:00 bash\n {3}\d+ pts\/0 {4}00:00:00 ps\n$/);
    await run(sim, 'docker run -d -p 8080:80 --name web nginx');
    const aux = (await run(sim, 'ps aux')).out.split('\n');
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux.some((l) => l.endsWith('/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock'))).toBe(true);
    expect(aux.some((l) => l.endsWith('/usr/sbin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80'))).toBe(true);
    expect(aux.some((l) => l.endsWith('nginx: master process nginx -g daemon off;'))).toBe(true);
  });

  it('is missing in Debian images until procps is installed', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    expect((await run(sim, 'ps', { target: inContainer(sim, 'web') })).code).toBe(127);
  });
});

describe('ls', () => {
  it('lists directories the model knows, and files written with >', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name bb busybox');
    const b = inContainer(sim, 'bb');
    expect((await run(sim, 'ls /', { target: b })).out).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
    expect((await run(sim, 'ls /', { target: b, interactive: true })).out).toBe('bin    etc    lib    proc   sys    usr\ndev    home   lib64  root   tmp    var\n');
    expect((await run(sim, 'ls /etc', { target: b })).out).toBe('hostname\nhosts\nresolv.conf\n');
    expect((await run(sim, 'ls /sys/class/net', { target: b })).out).toBe('eth0\nlo\n');
    expect((await run(sim, 'ls /proc/sys/net/ipv4', { target: b })).out).toContain('ip_forward\n');
    sim.world.nodes.get('node1')!.daemon.containers[0]!.files.set('/www/index.html', 'hi\n');
    expect((await run(sim, 'ls /www', { target: b })).out).toBe('index.html\n');
    expect((await run(sim, 'ls -a /www', { target: b })).out).toBe('.\n..\nindex.html\n');
    expect(await run(sim, 'ls /nope', { target: b })).toEqual({ out: '', err: 'ls: /nope: No such file or directory\n', code: 1 });
  });

  it('uses GNU wording and columns on the host', async () => {
    const sim = newSim();
    expect(await run(sim, 'ls /nope')).toEqual({ out: '', err: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
    const cols = (await run(sim, 'ls /', { interactive: true })).out;
    expect(cols).toBe('bin   dev  home  lib64  mnt  proc  run   srv  tmp  var\nboot  etc  lib   media  opt  root  sbin  sys  usr\n');
    expect((await run(sim, 'ls /etc/hosts')).out).toBe('/etc/hosts\n');
    expect((await run(sim, 'ls -l /etc')).out.split('\n')[0]).toMatch(/^total \d+$/);
  });
});

describe('ip -o', () => {
  it('prints one line per link and per address with backslash separators (busybox)', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name bb busybox');
    const b = inContainer(sim, 'bb');
    const links = (await run(sim, 'ip -o link', { target: b })).out.split('\n').filter(Boolean);
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 .*\\ {4}link\/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00$/);
    const addrs = (await run(sim, 'ip -o -4 addr', { target: b })).out.split('\n').filter(Boolean);
    expect(addrs[0]).toBe('1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever');
    expect(addrs[1]).toMatch(/^\d+: eth0    inet 172\.17\.0\.2\/16 brd 172\.17\.255\.255 scope global eth0\\ {7}valid_lft forever preferred_lft forever$/);
  });
});
