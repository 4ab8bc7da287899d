import { describe, expect, it } from 'vitest';
import { newSandbox, newSim, run } from './run-program.ts';

describe('docker pause and unpause', () => {
  it('a paused container still runs, lists as paused and refuses exec until unpaused', async () => {
    const s = newSandbox(3);
    await s.exec('docker run -dit --name box1 busybox');
    expect(await s.exec('docker pause box1')).toEqual({ exit: 0, output: 'box1\n' });
    expect((await s.exec("docker ps --format '{{.State}} {{.Status}}'")).output).toMatch(/^paused Up .* \(Paused\)\n$/);
    expect((await s.exec("docker inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Paused}}' box1")).output).toBe('paused true true\n');
    expect(await s.exec('docker exec box1 true')).toEqual({ exit: 1, output: 'Error response from daemon: Container box1 is paused, unpause the container before exec\n' });
    const id = (await s.exec("docker inspect -f '{{.Id}}' box1")).output.trim();
    expect(await s.exec('docker pause box1')).toEqual({ exit: 1, output: `Error response from daemon: Container ${id} is already paused\n` });
    expect(await s.exec('docker unpause box1')).toEqual({ exit: 0, output: 'box1\n' });
    expect(await s.exec('docker unpause box1')).toEqual({ exit: 1, output: `Error response from daemon: Container ${id} is not paused\n` });
    expect((await s.exec('docker exec box1 true')).exit).toBe(0);
  });

  it('a stopped container cannot be paused; a paused one can be killed', async () => {
    const s = newSandbox(3);
    await s.exec('docker create --name c1 busybox');
    const id = (await s.exec("docker inspect -f '{{.Id}}' c1")).output.trim();
    expect(await s.exec('docker pause c1 nosuch')).toEqual({
      exit: 1,
      output: `Error response from daemon: Container ${id} is not running\nError response from daemon: No such container: nosuch\n`,
    });
    await s.exec('docker run -dit --name c2 busybox');
    await s.exec('docker pause c2');
    await s.exec('docker kill c2');
    expect((await s.exec("docker ps -a --filter name=c2 --format '{{.State}} {{.Status}}'")).output).toMatch(/^exited Exited \(137\) /);
  });
});

describe('docker wait', () => {
  it('prints the exit code of a stopped container at once, and of a running one when it stops', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name box1 busybox');
    await run(sim, 'docker kill box1');
    expect(await run(sim, 'docker wait box1')).toEqual({ out: '137\n', err: '', code: 0 });
    await run(sim, 'docker run -d --name sleeper busybox sleep 5');
    const before = sim.clock.now();
    expect(await run(sim, 'docker wait sleeper nosuch')).toEqual({ out: '0\n', err: 'Error response from daemon: No such container: nosuch\n', code: 1 });
    expect(sim.clock.now() - before).toBe(5000);
  });

  it('Ctrl-C ends the wait for a container that does not stop', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name box1 busybox');
    const ctrlC = new AbortController();
    const waiting = run(sim, 'docker wait box1', { signal: ctrlC.signal });
    await sim.clock.sleep(1000);
    ctrlC.abort();
    expect(await waiting).toEqual({ out: '', err: '', code: 130 });
  });
});

describe('docker container prune and system df', () => {
  it('removes every container that does not run, newest first, and reports the space', async () => {
    const s = newSandbox(3);
    await s.exec('docker create --name made busybox');
    await s.exec('docker run --name done busybox true');
    await s.exec('docker run -dit --name up busybox');
    const made = (await s.exec("docker inspect -f '{{.Id}}' made")).output.trim();
    const done = (await s.exec("docker inspect -f '{{.Id}}' done")).output.trim();
    expect(await s.exec('docker container prune -f')).toEqual({ exit: 0, output: `Deleted Containers:\n${done}\n${made}\n\nTotal reclaimed space: 0B\n` });
    expect((await s.exec("docker ps -a --format '{{.Names}}'")).output).toBe('up\n');
    expect(await s.exec('docker container prune -f')).toEqual({ exit: 0, output: 'Total reclaimed space: 0B\n' });
  });

  it('asks first, and a no keeps everything', async () => {
    const s = newSandbox(3);
    await s.exec('docker create --name made busybox');
    expect(await s.exec('docker container prune')).toEqual({
      exit: 0,
      output: 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n',
    });
    expect((await s.exec('docker ps -aq | wc -l')).output.trim()).toBe('1');
  });

  it('counts images, the ones containers use, and containers', async () => {
    const s = newSandbox(3);
    await s.exec('docker run -dit --name b1 busybox');
    await s.exec('docker create --name b2 busybox');
    expect((await s.exec("docker system df --format '{{.Type}} {{.TotalCount}} {{.Active}}'")).output).toBe(
      `Images ${(await s.exec('docker images -q | wc -l')).output.trim()} 1\nContainers 2 1\nLocal Volumes 0 0\nBuild Cache 0 0\n`,
    );
    const table = (await s.exec('docker system df')).output.split('\n');
    expect(table[0]).toMatch(/^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE$/);
    expect(table[2]).toMatch(/^Containers +2 +1 +0B +0B$/);
  });
});

describe('docker help', () => {
  it('prints the help of the command it names, and refuses an unknown topic', async () => {
    const s = newSandbox(3);
    expect((await s.exec('docker help')).output).toBe((await s.exec('docker --help')).output);
    expect((await s.exec('docker help network create')).output).toBe((await s.exec('docker network create --help')).output);
    expect(await s.exec('docker help nosuch')).toEqual({ exit: 1, output: 'unknown help topic: nosuch\n' });
  });
});

describe('docker network rm ingress', () => {
  const WARNING =
    'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue? [y/N] ';

  it('asks first; a yes removes the routing mesh, which no service depends on', async () => {
    const sim = newSim();
    await run(sim, 'docker swarm init');
    expect(await run(sim, 'docker network rm ingress')).toEqual({ out: WARNING, err: '', code: 0 });
    expect((await run(sim, ['docker', 'network', 'ls', '--filter', 'name=ingress', '--format', '{{.Name}}'])).out).toBe('ingress\n');
    expect(await run(sim, 'docker network rm ingress', { stdin: 'y\n' })).toEqual({ out: `${WARNING}ingress\n`, err: '', code: 0 });
    expect((await run(sim, ['docker', 'network', 'ls', '--filter', 'name=ingress', '--format', '{{.Name}}'])).out).toBe('');
    expect(sim.world.nodes.get('node1')?.daemon.swarmLocal.ingress).toBeUndefined();
  });
});

describe('overlay networks in use', () => {
  it('a manager names the attachment task that keeps the network; the other networks still go', async () => {
    const sim = newSim();
    await run(sim, 'docker swarm init');
    const ov = (await run(sim, 'docker network create -d overlay --attachable ov2')).out.trim();
    await run(sim, 'docker network create -d overlay ov4');
    await run(sim, 'docker run -dit --name o2 --network ov2 busybox');
    const r = await run(sim, 'docker network rm ov2 ov4');
    expect(r.code).toBe(1);
    expect(r.out).toBe('ov4\n');
    expect(r.err).toMatch(new RegExp(`^Error response from daemon: rpc error: code = FailedPrecondition desc = network ${ov} is in use by task [a-z0-9]{25}\\n$`));
    await run(sim, 'docker network disconnect ov2 o2');
    expect(await run(sim, 'docker network rm ov2')).toEqual({ out: 'ov2\n', err: '', code: 0 });
  });

  it('keeps --opt values among the driver options', async () => {
    const sim = newSim();
    await run(sim, 'docker swarm init');
    await run(sim, 'docker network create -d overlay --opt encrypted ov5');
    expect((await run(sim, ['docker', 'network', 'inspect', '-f', '{{.Options}}', 'ov5'])).out).toBe('map[com.docker.network.driver.overlay.vxlanid_list:4097 encrypted:]\n');
  });
});

describe('docker stop of a paused container', () => {
  it('resumes it with the stop signal queued, so nginx stops at once with 0', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    await run(sim, 'docker pause web');
    const before = sim.clock.now();
    expect(await run(sim, 'docker stop web')).toEqual({ out: 'web\n', err: '', code: 0 });
    expect(sim.clock.now() - before).toBeLessThan(10_000);
    expect((await run(sim, ['docker', 'ps', '-a', '--format', '{{.Status}}'])).out).toMatch(/^Exited \(0\) /);
  });
});
