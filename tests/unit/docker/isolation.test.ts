/** The Docker driver's refusal to make learners root on the machine (src/sandbox/docker/isolation.ts). */
import { describe, expect, it } from 'vitest';
import { chooseIsolation, engineUserNamespace, type EngineInfo } from '../../../src/sandbox/docker/isolation.ts';
import { optionsFromEnv } from '../../../src/sandbox/docker/options.ts';
import { hostConfigSecurity } from '../../../src/sandbox/docker/security.ts';

const ROOTFUL: EngineInfo = { SecurityOptions: ['name=seccomp,profile=default'], DefaultRuntime: 'runc', Runtimes: { runc: {} } };
const REMAPPED: EngineInfo = { SecurityOptions: ['name=seccomp,profile=default', 'name=userns'], DefaultRuntime: 'runc', Runtimes: { runc: {} } };
const ROOTLESS: EngineInfo = { SecurityOptions: ['name=seccomp,profile=default', 'name=rootless', 'name=cgroupns'], Runtimes: { runc: {} } };
const runc = { runtime: 'runc', privileged: false, allowRootOnMachine: false, engine: '/var/run/docker.sock' };

describe('sandbox isolation', () => {
  it('reads rootless and userns-remap engines from /info SecurityOptions', () => {
    expect(engineUserNamespace(ROOTFUL)).toBeUndefined();
    expect(engineUserNamespace(REMAPPED)).toBe('userns-remap');
    expect(engineUserNamespace(ROOTLESS)).toBe('rootless');
    expect(engineUserNamespace({ SecurityOptions: null })).toBeUndefined();
  });

  it('refuses a rootful runc engine with a message naming the way out', () => {
    const choice = chooseIsolation(ROOTFUL, runc);
    expect(choice).toEqual({ error: expect.stringContaining('refusing to start sandbox hosts') });
    const { error } = choice as { error: string };
    expect(error).toContain('/var/run/docker.sock');
    expect(error).toContain('root on this machine');
    expect(error).toContain('.ci/docker-engine.sh');
    expect(error).toContain('SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1');
  });

  it('accepts user namespaces, rootless engines and Sysbox', () => {
    expect(chooseIsolation(REMAPPED, runc)).toEqual({ isolation: 'userns-remap' });
    expect(chooseIsolation(ROOTLESS, runc)).toEqual({ isolation: 'rootless' });
    expect(chooseIsolation({ ...ROOTFUL, Runtimes: { runc: {}, 'sysbox-runc': {} } }, { ...runc, runtime: 'sysbox-runc' })).toEqual({ isolation: 'sysbox' });
    expect(chooseIsolation(ROOTFUL, { ...runc, runtime: 'sysbox-runc' })).toEqual({ error: expect.stringContaining('has no such runtime') });
  });

  it('makes hosts root on the machine only with the insecure setting, on either engine', () => {
    expect(chooseIsolation(ROOTFUL, { ...runc, allowRootOnMachine: true })).toEqual({ isolation: 'root-on-machine' });
    expect(chooseIsolation(REMAPPED, { ...runc, allowRootOnMachine: true })).toEqual({ isolation: 'root-on-machine' });
    // a rootless engine has no root on the machine to give
    expect(chooseIsolation(ROOTLESS, { ...runc, allowRootOnMachine: true })).toEqual({ isolation: 'rootless' });
    expect(hostConfigSecurity('runc', false, 'root-on-machine')).toMatchObject({ UsernsMode: 'host', CapAdd: ['ALL'] });
    expect(hostConfigSecurity('runc', false, 'userns-remap')).not.toHaveProperty('UsernsMode');
  });

  it('refuses the literal --privileged in a user namespace, which would need --userns=host', () => {
    expect(chooseIsolation(REMAPPED, { ...runc, privileged: true })).toEqual({ error: expect.stringContaining('SANDBOX_PRIVILEGED=1') });
  });

  it('takes only an explicit yes for SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE', () => {
    expect(optionsFromEnv({}).allowRootOnMachine).toBe(false);
    expect(optionsFromEnv({ SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: '0' }).allowRootOnMachine).toBe(false);
    expect(optionsFromEnv({ SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: '1' }).allowRootOnMachine).toBe(true);
    expect(optionsFromEnv({ SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: 'yes' }).allowRootOnMachine).toBe(true);
  });
});
