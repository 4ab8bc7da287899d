/**
 * docker top / stats / logs -t, pulls with no registry, --ip without --network and busybox nc
 * (issue #13 items 2 and 3), against the formats in tests/fidelity/recordings/tools.jsonl.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { createSimulation } from '../../../src/sandbox/sim/simulation.ts';

async function sandboxWith(...lines: string[]): Promise<SimSandbox> {
  const sandbox = new SimSandbox({ simulation: createSimulation({ clock: new VirtualClock(), random: seededRandom(5) }) });
  for (const line of lines) expect((await sandbox.exec(line)).exit, line).toBe(0);
  return sandbox;
}

describe('docker top and stats', () => {
  it("top lists the container's processes with ps -ef columns, or the -o ones", async () => {
    const s = await sandboxWith('docker run -dit --name box1 busybox');
    const lines = (await s.exec('docker top box1')).output.split('\n');
    expect(lines[0]).toBe(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME'].map((h) => h.padEnd(20)).join('') + 'CMD');
    expect(lines[1]).toMatch(/^root {16}\d+ +\d+ +0 {19}\d\d:\d\d {15}pts\/0 {15}00:00:00 {12}sh$/);
    expect((await s.exec('docker top box1 -o pid,comm')).output).toMatch(/^PID {17}COMMAND\n\d+ +sh\n$/);
    expect(await s.exec('docker top nosuch')).toMatchObject({ output: 'Error response from daemon: No such container: nosuch\n', exit: 1 });
  });

  it('stats --no-stream samples each running container, newest first', async () => {
    const s = await sandboxWith('docker run -dit --name box busybox', 'docker run -dit --name box2 busybox');
    const out = (await s.exec('docker stats --no-stream')).output.split('\n');
    expect(out[0]).toMatch(/^CONTAINER ID   NAME      CPU %     MEM USAGE \/ LIMIT   MEM %     NET I\/O +BLOCK I\/O   PIDS$/);
    expect(out[1]).toMatch(/^[0-9a-f]{12} {3}box2 {6}0\.00% {5}336KiB \/ 1\.921GiB {3}0\.02% {5}\S+ \/ \S+ +0B \/ 0B +1$/);
    expect((await s.exec("docker stats --no-stream --format 'table {{.Name}}\\t{{.PIDs}}'")).output).toBe('NAME      PIDS\nbox2      1\nbox       1\n');
    expect(await s.exec('docker stats --no-stream nosuch')).toMatchObject({ output: 'Error response from daemon: No such container: nosuch\n', exit: 1 });
  });

  it('logs -t stamps each line with an RFC 3339 time', async () => {
    const s = await sandboxWith("docker run -dt --name tty1 busybox sh -c 'echo one; echo two; sleep 300'");
    expect((await s.exec('docker logs -t tty1')).output).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z one\n\S+Z two\n$/);
  });
});

describe('registry, --ip and nc', () => {
  it('a pull of an image that is not a course image says the sandbox has no registry', async () => {
    const s = await sandboxWith();
    const pulled = await s.exec('docker pull redis');
    expect(pulled.exit).toBe(1);
    expect(pulled.output).toBe(
      'Using default tag: latest\nError response from daemon: Get "https://registry-1.docker.io/v2/": this sandbox has no registry: only the course images can be pulled (busybox, alpine, nginx, ubuntu, centos)\n',
    );
    expect((await s.exec('docker run --rm redis:7')).exit).toBe(125);
  });

  it('--ip without --network is ignored, as by the 20.10 CLI; with --network bridge it is refused', async () => {
    const s = await sandboxWith('docker run -dit --ip 172.17.0.53 --name pinned busybox', 'docker run -dit --ip 999.1.1.1 --name badip busybox');
    expect((await s.exec("docker inspect -f '{{.NetworkSettings.IPAddress}}' pinned")).output).toBe('172.17.0.2\n');
    const refused = await s.exec('docker run -dit --network bridge --ip 172.17.0.50 --name bridgeip busybox');
    expect(refused.exit).toBe(125);
    expect(refused.output).toContain('user specified IP address is supported on user defined networks only');
  });

  it('busybox nc reaches a server, and reports refusals and drops', async () => {
    const s = await sandboxWith('docker run -d --name web nginx', 'docker run -dit --name box busybox');
    expect((await s.exec('docker exec box sh -c \'printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc 172.17.0.2 80 | head -1\'')).output).toMatch(/^HTTP\/1\.1 200 OK/);
    expect((await s.exec("docker exec box sh -c 'echo hi | nc -w 1 172.17.0.2 81; echo exit=$?'")).output).toBe("nc: can't connect to remote host (172.17.0.2): Connection refused\nexit=1\n");
    await s.exec('iptables -I DOCKER-USER -p tcp --dport 80 -j DROP');
    expect((await s.exec("docker exec box sh -c 'echo hi | nc -w 2 172.17.0.2 80 2>&1; echo exit=$?'", { timeoutMs: 60_000 })).output).toBe('nc: timed out\nexit=1\n');
  });
});
