import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom } from '../../../src/sandbox/sim/kernel/random.ts';
import { createSimulation, type SimulationHandle } from '../../../src/sandbox/sim/simulation.ts';
import type { ExecTarget } from '../../../src/sandbox/sim/userland/program.ts';
import { run } from './run-program.ts';

const NOT_MANAGER = 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';

function oneNode(): SimulationHandle {
  return createSimulation({ clock: new VirtualClock(), random: seededRandom(11) });
}

async function ok(sim: SimulationHandle, cmd: string, target?: ExecTarget): Promise<string> {
  const r = await run(sim, cmd, target ? { target } : {});
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

describe('swarm-scoped bridge networks', () => {
  it('needs an active swarm, and a scope libnetwork can store', async () => {
    const sim = oneNode();
    expect(await run(sim, 'docker network create -d bridge --scope swarm sb')).toEqual({
      out: '',
      err: 'Error response from daemon: cannot create a swarm scoped network when swarm is not active\n',
      code: 1,
    });
    expect(await run(sim, 'docker network create -d bridge --scope swarn sb')).toEqual({ out: '', err: NOT_MANAGER, code: 1 });
    // The failed create drew a subnet (172.18) before storing failed: the next network gets 172.19.
    await ok(sim, 'docker network create n1');
    expect(await ok(sim, "docker network inspect -f '{{.IPAM.Config}}' n1")).toBe('[{172.19.0.0/16  172.19.0.1 map[]}]\n');
  });

  it('is listed with scope swarm and no IPAM until a container attaches', async () => {
    const sim = oneNode();
    await ok(sim, 'docker swarm init');
    const id = (await ok(sim, 'docker network create -d bridge --scope swarm --subnet 10.99.0.0/24 sb')).trim();
    expect(id).toMatch(/^[a-z0-9]{25}$/);
    expect(await ok(sim, "docker network ls --filter scope=swarm --format '{{.Name}} {{.Driver}}'")).toBe('ingress overlay\nsb bridge\n');
    expect(await ok(sim, "docker network inspect -f '{{.Scope}} {{.Driver}} {{.IPAM.Config}} {{.Containers}}' sb")).toBe('swarm bridge [] map[]\n');
  });

  it('refuses a container unless attachable, then lives on the node while one is attached', async () => {
    const sim = oneNode();
    await ok(sim, 'docker swarm init');
    await ok(sim, 'docker network create -d bridge --scope swarm sb');
    const refused = await run(sim, 'docker run -d --name s1 --network sb busybox sleep 600');
    expect(refused.err).toBe('docker: Error response from daemon: Could not attach to network sb: rpc error: code = PermissionDenied desc = network sb not manually attachable.\n');
    expect(refused.code).toBe(125);

    const id = (await ok(sim, 'docker network create -d bridge --scope swarm --attachable sba')).trim();
    await ok(sim, 'docker run -dit --name s2 --network sba busybox');
    // --subnet never reaches the node: its instance takes a subnet from the local pools.
    expect(await ok(sim, "docker network inspect -f '{{.Scope}} {{.IPAM.Config}} {{len .Containers}}' sba")).toMatch(/^swarm \[\{172\.\d+\.0\.0\/16 {2}172\.\d+\.0\.1 map\[\]\}\] 1\n$/);
    expect(await ok(sim, 'ip -br link')).toContain(`br-${id.slice(0, 12)}`);

    const busy = await run(sim, 'docker network rm sba');
    expect(busy.err).toMatch(new RegExp(`^Error response from daemon: rpc error: code = FailedPrecondition desc = network ${id} is in use by task [a-z0-9]{25}\n$`));
    expect(busy.code).toBe(1);

    await ok(sim, 'docker rm -f s2');
    expect(await ok(sim, "docker network inspect -f '{{.IPAM.Config}} {{len .Containers}}' sba")).toBe('[] 0\n');
    expect(await ok(sim, 'ip -br link')).not.toContain('br-');
    expect(await ok(sim, 'docker network rm sba')).toBe('sba\n');
  });

  it('goes with the swarm on leave', async () => {
    const sim = oneNode();
    await ok(sim, 'docker swarm init');
    await ok(sim, 'docker network create -d bridge --scope swarm --attachable sba');
    await ok(sim, 'docker run -dit --name s2 --network sba busybox');
    await ok(sim, 'docker swarm leave --force');
    expect(await ok(sim, "docker network ls --format '{{.Name}} {{.Scope}}'")).not.toContain('sba');
    expect(await ok(sim, 'ip -br link')).not.toContain('br-');
  });
});

describe('configuration-only networks', () => {
  it('hold IPAM settings only, with driver null, and take no endpoints', async () => {
    const sim = oneNode();
    await ok(sim, 'docker network create --config-only --subnet 192.168.77.0/24 cfg');
    expect(await ok(sim, "docker network inspect -f '{{.ConfigOnly}} {{.Scope}} {{.Driver}} {{.IPAM.Config}}' cfg")).toBe('true local null [{192.168.77.0/24   map[]}]\n');
    expect(await run(sim, 'docker run --rm --network cfg busybox true')).toEqual({
      out: '',
      err: 'docker: Error response from daemon: cannot create endpoint on configuration-only network.\n',
      code: 125,
    });
    expect(await run(sim, 'docker network create --config-only --internal cfg2')).toMatchObject({ code: 1 });
  });

  it('lend their subnet to a network made --config-from them, which cannot add its own', async () => {
    const sim = oneNode();
    await ok(sim, 'docker network create --config-only --subnet 192.168.77.0/24 cfg');
    expect((await run(sim, 'docker network create --config-from cfg --subnet 10.9.0.0/24 bad')).err).toBe(
      'Error response from daemon: user specified configurations are not supported if the network depends on a configuration network\n',
    );
    expect((await run(sim, 'docker network create --config-from nosuch x')).err).toBe('Error response from daemon: configuration network "nosuch" does not exist\n');
    await ok(sim, 'docker network create --config-from cfg n1');
    expect(await ok(sim, "docker network inspect -f '{{.ConfigFrom.Network}} {{.IPAM.Config}}' n1")).toBe('cfg [{192.168.77.0/24   map[]}]\n');
    await ok(sim, 'docker run -dit --name c1 --network n1 busybox');
    expect(await ok(sim, "docker inspect -f '{{.NetworkSettings.Networks.n1.IPAddress}}' c1")).toBe('192.168.77.2\n');
  });
});
