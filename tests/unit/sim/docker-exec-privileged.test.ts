import { describe, expect, it } from 'vitest';
import { newSim, run } from './run-program.ts';

describe('docker exec --privileged', () => {
  it('fails in runc when the container lacks the capabilities, as on a real engine', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name plain busybox');
    expect(await run(sim, 'docker exec --privileged plain ip link set eth0 down')).toEqual({
      out: '',
      err: 'OCI runtime exec failed: exec failed: unable to start container process: unable to apply caps: operation not permitted: unknown\n',
      code: 126,
    });
  });

  it('works in a container started --privileged or with --cap-add ALL', async () => {
    const sim = newSim();
    await run(sim, 'docker run -dit --name priv --privileged busybox');
    await run(sim, 'docker run -dit --name all --cap-add ALL busybox');
    expect((await run(sim, 'docker exec --privileged priv ip link set eth0 down')).code).toBe(0);
    expect((await run(sim, 'docker exec --privileged all ip link set eth0 down')).code).toBe(0);
    expect((await run(sim, ['docker', 'inspect', '-f', '{{.HostConfig.Privileged}}', 'priv', 'all'])).out).toBe('true\nfalse\n');
  });
});
