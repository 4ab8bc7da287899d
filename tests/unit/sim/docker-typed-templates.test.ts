import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationHandle } from '../../../src/sandbox/sim/simulation.ts';
import { newSim, run } from './run-program.ts';

let sim: SimulationHandle;
const inspect = async (template: string, ref = 't1') => run(sim, ['docker', 'inspect', '-f', template, ref]);

beforeAll(async () => {
  sim = newSim();
  await run(sim, 'docker network create --subnet 172.28.0.0/16 --gateway 172.28.0.1 tnet');
  await run(sim, 'docker run -dit --name t1 --network tnet --expose 80 --label x=1 --link-local-ip 169.254.1.1 busybox');
});

describe('--format runs on the Go types of inspect objects', () => {
  it('prints a nil map as map[] and struct{} as {}, following the type rather than the JSON', async () => {
    expect((await inspect('{{.IPAM.Config}}', 'tnet')).out).toBe('[{172.28.0.0/16  172.28.0.1 map[]}]\n');
    expect((await inspect('{{.IPAM}}', 'tnet')).out).toBe('{default map[] [{172.28.0.0/16  172.28.0.1 map[]}]}\n');
    expect((await inspect('{{.Config.ExposedPorts}}')).out).toBe('map[80/tcp:{}]\n');
    expect((await inspect('{{.NetworkSettings.Networks.tnet.IPAMConfig}}')).out).toBe('{  [169.254.1.1]}\n');
  });

  it('prints pointers inside maps and structs as addresses and a nil one as <nil>', async () => {
    expect((await inspect('{{.NetworkSettings.Networks}}')).out).toMatch(/^map\[tnet:0xc[0-9a-f]{9}\]\n$/);
    expect((await inspect('{{.State}}')).out).toMatch(/^\{running true false false false false \d+ 0  \S+ 0001-01-01T00:00:00Z <nil>\}\n$/);
    expect((await inspect('{{index .NetworkSettings.Networks "tnet"}}')).out).toMatch(/^\{0xc[0-9a-f]{9} \[\] \[\w{12}\] /);
  });

  it('knows each value\'s Go type for printf "%T"', async () => {
    expect((await inspect('{{.State.Pid | printf "%T"}} {{printf "%T" .NetworkSettings.Networks}} {{printf "%T" .Created}}')).out).toBe('int map[string]*network.EndpointSettings string\n');
    expect((await inspect('{{printf "%T" .Created}}', 'tnet')).out).toBe('time.Time\n');
  });

  it('gives <no value> for a missing map key, as the typed run does', async () => {
    expect(await inspect('{{.NetworkSettings.Networks.nosuch.IPAddress}}')).toEqual({ out: '<no value>\n', err: '', code: 0 });
  });

  it('falls back to the raw JSON for names the Go struct lacks, with missingkey=error', async () => {
    // HostConfig's Go field is DNS (JSON "Dns"): the raw map answers, and its null prints <no value>.
    expect((await inspect('{{.HostConfig.Dns}} {{.HostConfig.ExtraHosts}}')).out).toBe('[] <no value>\n');
    expect(await inspect('{{.Nope}}')).toEqual({
      out: '\n',
      err: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      code: 1,
    });
    expect((await inspect('x {{.State.Nope}}')).err).toBe('template parsing error: template: :1:4: executing "" at <.State.Nope>: map has no entry for key "Nope"\n');
  });

  it('accepts --type volume and finds no volume', async () => {
    expect(await run(sim, 'docker inspect --type volume t1')).toEqual({ out: '[]\n', err: 'Error: No such volume: t1\n', code: 1 });
  });
});

describe('docker ps --format on the container context', () => {
  it('calls .Label with its argument and shows sizes and labels', async () => {
    const r = await run(sim, ['docker', 'ps', '--format', '{{.Label "x"}}|{{.Label "y"}}|{{.Labels}}|{{.Mounts}}|{{.Size}}']);
    expect(r).toEqual({ out: '1||x=1||0B (virtual 4.26MB)\n', err: '', code: 0 });
  });

  it('names the context type when a field does not exist', async () => {
    const r = await run(sim, ['docker', 'ps', '--format', '{{.Nope}}']);
    expect([r.code, r.err]).toEqual([1, 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n']);
  });
});
