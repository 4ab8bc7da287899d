/** The Docker driver's pure parts, which need no engine: settings, subnets, the stream format. */
import { describe, expect, it } from 'vitest';
import { createDemuxer, endpointFromDockerHost } from '../../../src/sandbox/docker/engine-client.ts';
import { parseBytes } from '../../../src/sandbox/docker/limits.ts';
import { optionsFromEnv } from '../../../src/sandbox/docker/options.ts';
import { profileExtras, profileNodes, resolveProfile } from '../../../src/sandbox/docker/profiles.ts';
import { UnknownProfileError } from '../../../src/sandbox/driver.ts';
import { hostConfigSecurity } from '../../../src/sandbox/docker/security.ts';
import { SubnetAllocator } from '../../../src/sandbox/docker/subnets.ts';

describe('docker driver settings', () => {
  it('reads DOCKER_HOST as a unix socket or a TCP address', () => {
    expect(endpointFromDockerHost(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(endpointFromDockerHost('unix:///run/user/1000/docker.sock')).toEqual({ socketPath: '/run/user/1000/docker.sock' });
    expect(endpointFromDockerHost('tcp://10.0.0.5:2375')).toEqual({ host: '10.0.0.5', port: 2375 });
    expect(() => endpointFromDockerHost('ssh://box')).toThrow(/not unix/);
  });

  it('parses sizes the way docker --memory does', () => {
    expect(parseBytes('1g')).toBe(1024 ** 3);
    expect(parseBytes('512m')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('2048')).toBe(2048);
    expect(() => parseBytes('lots')).toThrow(/not a size/);
  });

  it('takes its settings from the environment, with defaults for the rest', () => {
    const options = optionsFromEnv({
      DOCKER_HOST: 'unix:///tmp/d.sock',
      SANDBOX_RUNTIME: 'sysbox-runc',
      SANDBOX_MEMORY: '2g',
      SANDBOX_CPUS: '1.5',
      SANDBOX_PIDS: '2000',
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_MAX_SESSIONS: '40',
      SANDBOX_TTL_MINUTES: '30',
    });
    expect(options).toMatchObject({
      endpoint: { socketPath: '/tmp/d.sock' },
      runtime: 'sysbox-runc',
      limits: { memoryBytes: 2 * 1024 ** 3, cpus: 1.5, pids: 2000 },
      poolSizes: { default: 0 },
      maxSessions: 40,
      ttlMs: 30 * 60_000,
      idleMs: 15 * 60_000,
      innerStorage: 'tmpfs',
    });
    expect(() => optionsFromEnv({ SANDBOX_PIDS: 'many' })).toThrow(/SANDBOX_PIDS/);
    expect(() => optionsFromEnv({ SANDBOX_INNER_STORAGE: 'nfs' })).toThrow(/SANDBOX_INNER_STORAGE/);
  });

  it('runs sandbox hosts unprivileged under Sysbox and root-equivalent under runc', () => {
    expect(hostConfigSecurity('sysbox-runc', false)).toEqual({ Runtime: 'sysbox-runc', CgroupnsMode: 'private' });
    expect(hostConfigSecurity('runc', true)).toEqual({ Runtime: 'runc', CgroupnsMode: 'private', Privileged: true });
    expect(hostConfigSecurity('runc', false)).toMatchObject({ CapAdd: ['ALL'], MaskedPaths: [], ReadonlyPaths: [] });
  });

  it('knows the single-node and two-node profiles, and refuses an unknown one like the simulator', () => {
    expect(profileNodes(resolveProfile(undefined))).toEqual(['node1']);
    expect(profileNodes(resolveProfile('two-nodes'))).toEqual(['node1', 'node2']);
    expect(profileExtras('two-nodes')).toEqual({ lanAddresses: ['192.168.56.11/24', '192.168.56.12/24'], sharedFolders: ['/vagrant'] });
    expect(profileExtras('default')).toEqual({});
    expect(() => resolveProfile('nginx-running')).toThrow(UnknownProfileError);
    expect(() => resolveProfile('nginx-running')).toThrow('unknown host profile "nginx-running" (known: default, two-nodes)');
  });
});

describe('sandbox subnets', () => {
  it('hands out /28s of the pool, skipping those in use and those handed out', () => {
    const subnets = new SubnetAllocator('10.213.0.0/16');
    expect(subnets.allocate([])).toBe('10.213.0.0/28');
    expect(subnets.allocate(['10.213.0.16/28'])).toBe('10.213.0.32/28');
    subnets.release('10.213.0.0/28');
    expect(subnets.allocate([])).toBe('10.213.0.0/28');
  });

  it('says when the pool is used up', () => {
    const subnets = new SubnetAllocator('192.0.2.0/27');
    expect([subnets.allocate([]), subnets.allocate([]), subnets.allocate([])]).toEqual(['192.0.2.0/28', '192.0.2.16/28', undefined]);
  });
});

describe('multiplexed exec stream', () => {
  const frame = (kind: number, text: string) => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = kind;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };

  it('splits stdout and stderr frames, even when a frame spans chunks', () => {
    const seen: string[] = [];
    const feed = createDemuxer((kind, payload) => seen.push(`${kind}:${payload.toString()}`));
    const bytes = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')]);
    for (let i = 0; i < bytes.length; i += 5) feed(bytes.subarray(i, i + 5));
    expect(seen).toEqual(['stdout:out\n', 'stderr:err\n', 'stdout:more']);
  });
});
