/**
 * Escape probes (fixtures/escape-probes.sh), run as a learner would: in a sandbox host's shell and
 * in the most privileged container its inner dockerd will start. Under the safe default every probe is blocked;
 * with SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1 (the runc default before issue #18) each one
 * escapes, which shows the probe itself works. Nothing on the machine is written (see the script).
 *
 * The engine's socket is never mounted into a sandbox host, so its probe also runs in a control
 * host that has it mounted, as a misconfigured deployment would: the user namespace must still keep
 * it out of reach. The network probes target a listener on the machine (machine-listener.ts) and
 * one in another sandbox; the network design blocks them under either runtime, and each target is
 * first shown to answer.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src/sandbox/driver.ts';
import type { DockerDriver } from '../../../src/sandbox/docker/driver.ts';
import type { DockerDriverOptions } from '../../../src/sandbox/docker/options.ts';
import { DROPPED_CAPABILITIES, hostConfigSecurity } from '../../../src/sandbox/docker/security.ts';
import { client, ensureGuard, IMAGE, removeRunLeftovers, RUN_ID, RUN_LABEL, skipReason, testDriver } from './engine.ts';
import { diskProbePossible, parseProbes, probeScript, setUpEscapeTargets, type EscapeTargets, type ProbeResults } from './escape-targets.ts';
import { addProbeLink, startMachineListener, type MachineListener } from './machine-listener.ts';

const PEER_PORT = 7777;
/** Probes about the machine itself. */
const MACHINE_PROBES = ['core_pattern', 'block_device', 'cgroup', 'engine_socket', 'processes', 'kernel_module'];
/**
 * Under the old runc default these escape. The disk does not: the host may create the device
 * node (CAP_MKNOD on the machine) but the engine's device cgroup refuses to open it; modules
 * only where the kernel loads them, and CAP_SYS_MODULE was dropped anyway.
 */
const ESCAPE_UNDER_ROOT_ON_MACHINE = ['core_pattern', 'cgroup', 'engine_socket', 'processes'];

const engineMissing = skipReason !== undefined;
const diskMissing = !engineMissing && !diskProbePossible();
if (diskMissing) console.warn('escape probes skipped: /var/tmp is not on a block device, or filefrag is missing');
const socketPath = (process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');

/** Where the probes ran and what each reported. */
interface Findings {
  host: ProbeResults;
  inner: ProbeResults;
  control: ProbeResults;
}

/** Everything one variant needs: targets, listeners, a subject sandbox, a peer sandbox, a control host. */
function probeSuite(overrides: Partial<DockerDriverOptions>) {
  let removeGuard = () => {};
  let targets: EscapeTargets | undefined;
  let listener: MachineListener | undefined;
  let driver: DockerDriver | undefined;
  let controlId: string | undefined;
  const state = { findings: undefined as Findings | undefined, peerAnswers: '', machineAnswers: '', isolation: '' };

  const start = async () => {
    removeGuard = ensureGuard();
    targets = await setUpEscapeTargets(client, socketPath);
    const link = addProbeLink();
    if (!link) throw new Error('cannot add a veth pair for the machine listener (needs root)');
    listener = await startMachineListener(link, `${targets.token}\n`);
    state.machineAnswers = await listener.probeFromMachine();

    driver = testDriver(overrides);
    const [subject, peer] = await Promise.all([driver.create(), driver.create()]);
    state.isolation = driver.isolation() ?? '';

    const peerAddress = await privateAddress(peer);
    await peer.exec(`docker run -d -p ${PEER_PORT}:${PEER_PORT} busybox sh -c 'while true; do echo ${targets.token} | nc -l -p ${PEER_PORT}; done'`, { timeoutMs: 30_000 });
    // the peer's listener answers on its private address, from the peer itself
    state.peerAnswers = (await peer.exec(`sleep 1; echo | nc -w 3 ${peerAddress} ${PEER_PORT}`)).output;

    const env = { ...targets.env, NET_TARGETS: `machine=${listener.address}:${listener.port} peer=${peerAddress}:${PEER_PORT}` };
    const script = await probeScript(env);
    controlId = await startControlHost(driver, targets.socketPath);
    state.findings = {
      host: await probeHost(subject, script),
      inner: await probeInner(subject, script),
      control: parseProbes(execFileSync('docker', ['exec', controlId, 'bash', '-c', script], { encoding: 'utf8', timeout: 60_000 })),
    };
    console.log(`escape probes (${state.isolation}):\n${table(state.findings)}`);
  };

  const stop = async () => {
    if (controlId) await client.request('DELETE', `/containers/${controlId}?force=1`).catch(() => {});
    await driver?.close();
    await removeRunLeftovers();
    listener?.close();
    targets?.remove();
    removeGuard();
  };

  return { start, stop, state };
}

/** The address of a sandbox on its private network. */
async function privateAddress(sandbox: Sandbox): Promise<string> {
  const out = (await sandbox.exec("ip -4 -o addr show dev vethlab0 | awk '{print $4}'")).output.trim();
  return out.replace(/\/\d+$/, '');
}

/** A host of the sandbox image with the driver's isolation and the engine's socket mounted. */
async function startControlHost(driver: DockerDriver, socket: string): Promise<string> {
  const isolation = driver.isolation();
  const created = await client.request<{ Id: string }>('POST', `/containers/create?name=vethlab-control-${RUN_ID}`, {
    body: {
      Image: IMAGE,
      Entrypoint: ['sleep', '600'],
      Labels: { [RUN_LABEL]: RUN_ID },
      HostConfig: {
        ...hostConfigSecurity(driver.options.runtime, false, isolation),
        NetworkMode: 'none',
        Binds: [`${socket}:/run/machine-docker.sock`],
      },
    },
  });
  await client.request('POST', `/containers/${created.Id}/start`);
  return created.Id;
}

async function probeHost(sandbox: Sandbox, script: string): Promise<ProbeResults> {
  await sandbox.exec(`cat > /root/escape-probes.sh <<'VETHLAB_PROBES'\n${script}\nVETHLAB_PROBES`);
  return parseProbes((await sandbox.exec('bash /root/escape-probes.sh', { timeoutMs: 60_000 })).output);
}

/**
 * The probes in the most privileged container the inner engine starts: --privileged where it can
 * (in a user namespace it cannot: a fresh sysfs must be read-only there, as the host's is), else
 * every capability the host has, no seccomp, no AppArmor, /proc unmasked.
 */
async function probeInner(sandbox: Sandbox, script: string): Promise<ProbeResults> {
  await sandbox.exec(`cat > /root/escape-probes.sh <<'VETHLAB_PROBES'\n${script}\nVETHLAB_PROBES`);
  const mount = '-v /root/escape-probes.sh:/probe.sh:ro busybox sh /probe.sh';
  let run = await sandbox.exec(`docker run --rm --privileged ${mount}`, { timeoutMs: 90_000 });
  if (!run.output.includes('PROBE ')) {
    // the host has no more capabilities than that to hand on
    const caps = ['--cap-add ALL', ...DROPPED_CAPABILITIES.map((cap) => `--cap-drop ${cap}`)].join(' ');
    const unconfined = `${caps} --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined`;
    run = await sandbox.exec(`docker run --rm ${unconfined} ${mount}`, { timeoutMs: 90_000 });
  }
  return parseProbes(run.output);
}

function table(findings: Findings): string {
  const names = [...new Set([...Object.keys(findings.host), ...Object.keys(findings.inner)])];
  return (
    names.map((name) => `  ${name.padEnd(16)} host: ${findings.host[name]?.result ?? '-'}  inner: ${findings.inner[name]?.result ?? '-'}  (${findings.host[name]?.detail ?? ''})`).join('\n') +
    `\n  engine_socket (socket mounted): ${findings.control.engine_socket?.result ?? '-'} (${findings.control.engine_socket?.detail ?? ''})`
  );
}

function escapes(findings: Findings): string[] {
  return [findings.host, findings.inner]
    .flatMap((results) => Object.entries(results))
    .filter(([, r]) => r.result === 'escape')
    .map(([name, r]) => `${name}: ${r.detail}`);
}

describe.skipIf(engineMissing || diskMissing)('escape probes: the safe default', { timeout: 300_000 }, () => {
  const suite = probeSuite({});
  beforeAll(() => suite.start(), 300_000);
  afterAll(() => suite.stop(), 120_000);

  it('puts the sandbox hosts in a user namespace', () => {
    expect(suite.state.isolation).not.toBe('root-on-machine');
  });

  it('has targets that answer: the machine listener from the machine, the peer sandbox from itself', () => {
    expect(suite.state.machineAnswers).toContain('vethlab-escape-');
    expect(suite.state.peerAnswers).toContain('vethlab-escape-');
  });

  it('ran every probe in the sandbox host and in an inner container', () => {
    const findings = suite.state.findings!;
    for (const results of [findings.host, findings.inner]) {
      expect(Object.keys(results)).toEqual(expect.arrayContaining([...MACHINE_PROBES, 'sysrq_trigger', 'network_machine', 'network_peer']));
    }
  });

  it('finds core_pattern (and sysrq-trigger) not writable from a learner terminal', () => {
    const { host } = suite.state.findings!;
    expect(host.core_pattern!.result).toBe('blocked');
    expect(['blocked', 'absent']).toContain(host.sysrq_trigger!.result);
  });

  it('blocks every probe, in the host and in an inner container', () => {
    expect(escapes(suite.state.findings!)).toEqual([]);
  });

  it('keeps the engine socket out of reach even when it is mounted into the host', () => {
    expect(suite.state.findings!.control.engine_socket!.result).toBe('blocked');
  });
});

describe.skipIf(engineMissing || diskMissing)('escape probes: root on the machine (SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1)', { timeout: 300_000 }, () => {
  const suite = probeSuite({ allowRootOnMachine: true });
  beforeAll(() => suite.start(), 300_000);
  afterAll(() => suite.stop(), 120_000);

  it('runs the sandbox hosts as root on the machine', (context) => {
    // a rootless engine cannot give root on the machine at all
    if (suite.state.isolation === 'rootless') context.skip();
    expect(suite.state.isolation).toBe('root-on-machine');
  });

  it('shows every machine probe escaping from the host, an inner container or the control host', (context) => {
    if (suite.state.isolation === 'rootless') context.skip();
    const { host, inner, control } = suite.state.findings!;
    for (const name of ESCAPE_UNDER_ROOT_ON_MACHINE) {
      const where = [host, inner, control].map((results) => results[name]?.result);
      expect(where, name).toContain('escape');
    }
    expect(host.core_pattern!.result).toBe('escape');
    expect(['escape', 'absent']).toContain(host.sysrq_trigger!.result);
    // the device node of the machine's disk is made; only the device cgroup stands in the way
    if (host.block_device!.result === 'blocked') expect(host.block_device!.detail).toMatch(/^open of/);
  });

  it('still keeps the machine listener and other sandboxes unreachable (the network, not the runtime, does that)', () => {
    const { host, inner } = suite.state.findings!;
    for (const results of [host, inner]) {
      expect(results.network_machine!.result).toBe('blocked');
      expect(results.network_peer!.result).toBe('blocked');
    }
    expect(suite.state.peerAnswers).toContain('vethlab-escape-');
  });
});
