import { describe, expect, it } from 'vitest';
import { newSim, run } from './run-program.ts';

describe('docker run', () => {
  it('rejects a duplicate container name like Docker', async () => {
    const sim = newSim();
    const first = await run(sim, 'docker run -d --name box1 busybox sleep 60');
    const id = first.out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const r = await run(sim, 'docker run --name box1 busybox');
    expect(r.code).toBe(125);
    expect(r.err).toBe(
      `docker: Error response from daemon: Conflict. The container name "/box1" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\nSee 'docker run --help'.\n`,
    );
  });

  it('reports unknown flags and commands in the CLI wording', async () => {
    const sim = newSim();
    expect(await run(sim, 'docker run --foo busybox')).toEqual({ out: '', err: "unknown flag: --foo\nSee 'docker run --help'.\n", code: 125 });
    expect(await run(sim, 'docker run -z busybox')).toEqual({ out: '', err: "unknown shorthand flag: 'z' in -z\nSee 'docker run --help'.\n", code: 125 });
    expect(await run(sim, 'docker foo')).toEqual({ out: '', err: "docker: 'foo' is not a docker command.\nSee 'docker --help'\n", code: 1 });
    const none = await run(sim, 'docker run');
    expect(none.code).toBe(1);
    expect(none.err).toContain('"docker run" requires at least 1 argument.');
  });

  it('fails to pull an image the registry does not have', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker run nosuchimage');
    expect(r.code).toBe(125);
    expect(r.err).toBe(
      "Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: Get \"https://registry-1.docker.io/v2/\": this sandbox has no registry: only the course images can be pulled (busybox, alpine, nginx, ubuntu, centos).\nSee 'docker run --help'.\n",
    );
  });

  it('exits at once for busybox sh without a terminal', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker run --name quick busybox');
    expect(r).toEqual({ out: '', err: '', code: 0 });
    const ps = await run(sim, 'docker ps -a');
    expect(ps.out).toMatch(/busybox   "sh"      Less than a second ago   Exited \(0\) Less than a second ago             quick\n$/);
    expect((await run(sim, 'docker ps')).out).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('enters a nested shell with -it and stops the container when it exits', async () => {
    const sim = newSim();
    let seen = '';
    const r = await run(sim, 'docker run -it --name inter centos /bin/bash', {
      interactive: true,
      enterShell: async (target, shell) => {
        seen = shell;
        expect(sim.isAlive(target)).toBe(true);
        expect(sim.shell(target, shell).prompt()).toMatch(/^\[root@[0-9a-f]{12} \/\]# $/);
        return 3;
      },
    });
    expect(seen).toBe('/bin/bash');
    expect(r.code).toBe(3);
    expect((await run(sim, 'docker ps -a')).out).toContain('Exited (3)');
  });

  it('says the input device is not a TTY when -it runs without a terminal', async () => {
    const sim = newSim();
    expect(await run(sim, 'docker run -it busybox')).toEqual({ out: '', err: 'the input device is not a TTY\n', code: 1 });
  });

  it('runs a command attached and passes its output and status through', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker run --rm busybox cat /etc/hostname');
    expect(r.out).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await run(sim, 'docker ps -aq')).out).toBe('');
    const f = await run(sim, 'docker run busybox false');
    expect(f.code).toBe(1);
  });

  it('exits 127 when the command is not in the image', async () => {
    const sim = newSim();
    const r = await run(sim, 'docker run busybox bash');
    expect(r.code).toBe(127);
    expect(r.err).toContain('exec: "bash": executable file not found in $PATH: unknown.');
    expect((await run(sim, 'docker ps -a')).out).toContain('Created');
  });

  it('keeps a detached nginx running and lists it with its ports', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d -p 1234:80 --name web nginx');
    const ps = await run(sim, 'docker ps');
    const [header, line] = ps.out.split('\n');
    expect(header).toBe('CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                   NAMES');
    expect(line).toMatch(/^[0-9a-f]{12}   nginx     "\/docker-entrypoint\.…"   Less than a second ago   Up Less than a second   0\.0\.0\.0:1234->80\/tcp, :::1234->80\/tcp   web$/);
  });

  it('shows time passing in CREATED and STATUS', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    await run(sim, 'sleep 75');
    const ps = await run(sim, ['docker', 'ps', '--format', '{{.RunningFor}}|{{.Status}}']);
    expect(ps.out).toBe('About a minute ago|Up About a minute\n');
  });

  it('lets a detached sleep finish when the clock passes its end', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name nap busybox sleep 5');
    expect((await run(sim, ['docker', 'ps', '--format', '{{.Names}} {{.State}}'])).out).toBe('nap running\n');
    await run(sim, 'sleep 6');
    expect((await run(sim, ['docker', 'ps', '-a', '--format', '{{.Names}} {{.Status}}'])).out).toBe('nap Exited (0) 1 second ago\n');
  });

  it('stops a shell after the 10 second grace period with 137, nginx at once with 0', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name sh1 busybox');
    await run(sim, 'docker run -d --name web nginx');
    const t0 = sim.clock.now();
    expect((await run(sim, 'docker stop web')).out).toBe('web\n');
    expect(sim.clock.now() - t0).toBe(0);
    expect((await run(sim, 'docker stop sh1')).out).toBe('sh1\n');
    expect(sim.clock.now() - t0).toBe(10_000);
    const ps = (await run(sim, ['docker', 'ps', '-a', '--format', '{{.Names}} {{.Status}}'])).out;
    expect(ps).toContain('sh1 Exited (137)');
    expect(ps).toContain('web Exited (0)');
  });

  it('refuses to remove a running container unless forced', async () => {
    const sim = newSim();
    const id = (await run(sim, 'docker run -d --name web nginx')).out.trim();
    expect(await run(sim, 'docker rm web')).toEqual({
      out: '',
      err: `Error response from daemon: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove\n`,
      code: 1,
    });
    expect(await run(sim, 'docker rm -f web')).toEqual({ out: 'web\n', err: '', code: 0 });
  });

  it('names containers like the names generator when --name is absent', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d nginx');
    expect((await run(sim, ['docker', 'ps', '--format', '{{.Names}}'])).out).toMatch(/^[a-z]+_[a-z]+\n$/);
  });

  it('execs a command in a running container and opens shells with -it', async () => {
    const sim = newSim();
    await run(sim, 'docker run -d --name web nginx');
    expect((await run(sim, 'docker exec web cat /etc/os-release')).out).toContain('bullseye');
    const miss = await run(sim, 'docker exec web ping 1.1.1.1');
    expect(miss.code).toBe(126);
    expect(miss.err).toContain('exec: "ping": executable file not found in $PATH');
    let shell = '';
    await run(sim, 'docker exec -it web bash', { interactive: true, enterShell: async (t, s) => ((shell = s), expect(sim.shell(t, s).prompt()).toMatch(/^root@[0-9a-f]{12}:\/# $/), 0) });
    expect(shell).toBe('bash');
    expect((await run(sim, 'docker exec nope ls')).err).toBe('Error: No such container: nope\n');
  });
});
