import { describe, expect, it } from 'vitest';
import { newSandbox } from './run-program.ts';

describe('links', () => {
  it('a legacy link names its target in the environment, with the ports it exposes and its variables', async () => {
    const s = newSandbox(9);
    await s.exec('docker run -dit --name db busybox');
    await s.exec('docker run -d --name web -e MODE=prod nginx');
    await s.exec('docker run -dit --name app --link db --link web:front busybox');
    const env = (await s.exec('docker exec app env')).output.split('\n');
    expect(env).toContain('DB_NAME=/app/db');
    const web = (await s.exec("docker inspect -f '{{.NetworkSettings.IPAddress}}' web")).output.trim();
    expect(env).toEqual(
      expect.arrayContaining([
        `FRONT_PORT=tcp://${web}:80`,
        `FRONT_PORT_80_TCP=tcp://${web}:80`,
        `FRONT_PORT_80_TCP_ADDR=${web}`,
        `FRONT_PORT_80_TCP_PORT=80`,
        `FRONT_PORT_80_TCP_PROTO=tcp`,
        'FRONT_NAME=/app/front',
        'FRONT_ENV_MODE=prod',
      ]),
    );
    expect(env.some((l) => l.startsWith('FRONT_ENV_PATH='))).toBe(false);
    // CreateDaemonEnvironment: PATH and HOSTNAME first, the links next, HOME last.
    expect(env[0]?.startsWith('PATH=')).toBe(true);
    expect(env[2]).toBe('DB_NAME=/app/db');
  });

  it('on a user network a link alias is a name only the linking container resolves, while its target exists', async () => {
    const s = newSandbox(9);
    await s.exec('docker network create bridge2');
    await s.exec('docker run -dit --name u1 --network bridge2 busybox');
    await s.exec('docker run -dit --name u2 --network bridge2 --link u1:one busybox');
    await s.exec('docker run -dit --name u3 --network bridge2 busybox');
    expect((await s.exec('docker exec u2 ping -c 1 one')).exit).toBe(0);
    expect(await s.exec('docker exec u3 ping -c 1 -W 1 one')).toEqual({ exit: 1, output: "ping: bad address 'one'\n" });
    expect((await s.exec('docker exec u2 env')).output).not.toContain('ONE_NAME');
    await s.exec('docker rm -f u1');
    expect(await s.exec('docker exec u2 ping -c 1 -W 1 one')).toEqual({ exit: 1, output: "ping: bad address 'one'\n" });
  });

  it("a restart that fails on a gone link keeps the stop's exit status 137", async () => {
    const s = newSandbox(9);
    await s.exec('docker run -dit --name db busybox');
    await s.exec('docker run -dit --name app --link db busybox');
    await s.exec('docker rm -f db');
    expect(await s.exec('docker restart app')).toEqual({ exit: 1, output: 'Error response from daemon: Cannot restart container app: Cannot link to a non running container: /db AS /app/db\n' });
    expect((await s.exec("docker ps -a --filter name=app --format '{{.Status}}'")).output).toMatch(/^Exited \(137\) /);
  });
});
