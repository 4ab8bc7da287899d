import { describe, expect, it } from 'vitest';
import type { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { newSandbox } from './run-program.ts';

/** The daemon's refusal of `docker run` after the id the CLI printed for the created container. */
async function runRefusal(s: SimSandbox, line: string): Promise<{ exit: number; error: string }> {
  const r = await s.exec(line);
  return { exit: r.exit, error: r.output.split('\n').slice(1).join('\n') };
}

describe('--ip as the daemon checks it', () => {
  it('refuses an address outside the subnet, the network and broadcast addresses, and a taken one', async () => {
    const s = newSandbox(5);
    await s.exec('docker network create --subnet 172.30.0.0/24 fixed');
    expect(await runRefusal(s, 'docker run -dit --name f3 --network fixed --ip 172.31.0.10 busybox')).toEqual({
      exit: 125,
      error: "docker: Error response from daemon: Invalid address 172.31.0.10: It does not belong to any of this network's subnets.\n",
    });
    for (const ip of ['172.30.0.0', '172.30.0.255', '172.30.0.1']) {
      expect(await runRefusal(s, `docker run -dit --network fixed --ip ${ip} busybox`)).toEqual({ exit: 125, error: 'docker: Error response from daemon: Address already in use.\n' });
    }
    expect((await s.exec('docker run -dit --name ok --network fixed --ip 172.30.0.254 busybox')).exit).toBe(0);
  });

  it('takes no user-chosen address on a network whose subnet the daemon picked', async () => {
    const s = newSandbox(5);
    await s.exec('docker network create plain');
    expect(await runRefusal(s, 'docker run -dit --name p1 --network plain --ip 172.18.0.10 busybox')).toEqual({
      exit: 125,
      error: 'docker: Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets.\n',
    });
    await s.exec('docker run -dit --name c1 busybox');
    expect(await s.exec('docker network connect --ip 172.18.0.10 plain c1')).toEqual({
      exit: 1,
      output: 'Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets\n',
    });
  });

  it('takes none on the host network either', async () => {
    const s = newSandbox(5);
    expect(await runRefusal(s, 'docker run -dit --network host --ip 172.17.0.50 --name hostip busybox')).toEqual({
      exit: 125,
      error: 'docker: Error response from daemon: user specified IP address is supported on user defined networks only.\n',
    });
    expect((await s.exec("docker ps -a --filter name=hostip --format '{{.Status}}'")).output).toBe('Created\n');
  });

  it('refuses to connect a bridged container to none, as it refuses the other way round', async () => {
    const s = newSandbox(5);
    await s.exec('docker run -dit --name c1 busybox');
    expect(await s.exec('docker network connect none c1')).toEqual({
      exit: 1,
      output: 'Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode\n',
    });
  });

  it('takes one on a swarm network, whose subnet reaches the node as if it had been given', async () => {
    const s = newSandbox(5);
    await s.exec('docker swarm init');
    await s.exec('docker network create -d overlay --attachable ov');
    const subnet = (await s.exec("docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' ov")).output.trim();
    const ip = subnet.replace(/\.0\/24$/, '.50');
    expect((await s.exec(`docker run -dit --name o1 --network ov --ip ${ip} busybox`)).exit).toBe(0);
    expect((await s.exec("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' o1")).output).toBe(`${ip}\n`);
  });
});
