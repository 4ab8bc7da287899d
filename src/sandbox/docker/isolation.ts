/**
 * Whether root in a sandbox host would be root on the machine, decided once at start-up from the
 * engine's own account of itself (GET /info), and the refusal when it would be.
 *
 * A sandbox host runs dockerd, so it gets every capability, no seccomp and an unmasked /proc. That
 * is safe only when the container's root is an unprivileged user on the machine:
 *
 * - `userns-remap`: the engine runs with `--userns-remap` (/info SecurityOptions has `name=userns`);
 *   root in every container is a subordinate UID. The default (.ci/docker-engine.sh, docs/deploy.md).
 * - `rootless`: the engine itself runs as an unprivileged user (`name=rootless`).
 * - `sysbox`: the `sysbox-runc` runtime maps root and virtualizes /proc and /sys itself.
 * - `root-on-machine`: plain runc on a rootful engine, or `--userns=host` on a remapped one. A
 *   learner can write /proc/sys/kernel/core_pattern, mount the machine's disks and leave through
 *   the cgroup filesystem. Only with SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1, for your own machine.
 */

/** The environment variable that lets sandbox hosts be root on the machine (src/settings/settings.ts). */
const ALLOW_ROOT_ON_MACHINE_SETTING = 'SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE';

/** How sandbox hosts are kept from being root on the machine. */
export type Isolation = 'userns-remap' | 'rootless' | 'sysbox' | 'root-on-machine';

/** The part of GET /info this looks at. */
export interface EngineInfo {
  SecurityOptions?: string[] | null;
  DefaultRuntime?: string;
  Runtimes?: Record<string, unknown> | null;
}

/** What the engine does with every container by itself: a user namespace, or none. */
export function engineUserNamespace(info: EngineInfo): 'rootless' | 'userns-remap' | undefined {
  const names = (info.SecurityOptions ?? []).flatMap((option) =>
    option
      .split(',')
      .filter((part) => part.startsWith('name='))
      .map((part) => part.slice(5)),
  );
  if (names.includes('rootless')) return 'rootless';
  if (names.includes('userns')) return 'userns-remap';
  return undefined;
}

export interface IsolationChoice {
  runtime: string;
  /** Literal --privileged (SANDBOX_PRIVILEGED=1). */
  privileged: boolean;
  /** SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1: the pre-#18 runc default, root on the machine. */
  allowRootOnMachine: boolean;
  /** For the error message: where the engine is. */
  engine: string;
}

/**
 * The isolation sandbox hosts get on this engine, or the error that refuses to start them. With
 * the insecure setting on a remapped engine the hosts opt out of the user namespace
 * (`--userns=host`): the setting means "as before", so a developer (and the escape probes) can
 * get the old behaviour on the safe engine too.
 */
export function chooseIsolation(info: EngineInfo, choice: IsolationChoice): { isolation: Isolation } | { error: string } {
  if (choice.runtime === 'sysbox-runc') {
    if (info.Runtimes && !('sysbox-runc' in info.Runtimes)) {
      return { error: `SANDBOX_RUNTIME=sysbox-runc, but the Docker engine at ${choice.engine} has no such runtime (it has: ${Object.keys(info.Runtimes).join(', ')})` };
    }
    return { isolation: 'sysbox' };
  }
  const userns = engineUserNamespace(info);
  if (userns === 'rootless') return { isolation: 'rootless' };
  if (choice.allowRootOnMachine) return { isolation: 'root-on-machine' };
  if (userns === 'userns-remap') {
    if (choice.privileged) {
      return {
        error:
          'SANDBOX_PRIVILEGED=1 needs --userns=host on this engine, which makes a learner root on the machine: unset it (the default needs no --privileged), or set SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE=1 on your own machine only',
      };
    }
    return { isolation: 'userns-remap' };
  }
  return {
    error:
      `refusing to start sandbox hosts: the Docker engine at ${choice.engine} runs containers as root on this machine ` +
      `(runtime ${choice.runtime}, no user namespace: neither rootless nor userns-remap), so a learner would be root on the machine. ` +
      'Start the safe engine (sudo .ci/docker-engine.sh; docs/deploy.md, "One-time setup"), or use SANDBOX_RUNTIME=sysbox-runc. ' +
      `Only on your own machine, never for other people: ${ALLOW_ROOT_ON_MACHINE_SETTING}=1.`,
  };
}
