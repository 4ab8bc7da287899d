/**
 * How a sandbox host is allowed to run its own dockerd, per OCI runtime and isolation
 * (isolation.ts decides which one the engine gives).
 *
 * - `sysbox-runc`: an ordinary, unprivileged container. Sysbox puts it in a user namespace (root
 *   inside is an unprivileged user outside) and virtualizes /proc and /sys, so the inner dockerd
 *   works without any extra privilege.
 * - `runc`: Docker-in-Docker needs root-equivalent rights. `privileged: true` is the literal
 *   `--privileged`; the default is its equivalent spelled out (all capabilities, no seccomp or
 *   AppArmor, /proc unmasked), minus a few capabilities dockerd never needs. Spelled out because
 *   --privileged asks the kernel for every capability and fails ("unable to apply caps") on hosts
 *   whose bounding set lacks one, as in some VMs, and because a userns-remap engine refuses it.
 *   On a userns-remap or rootless engine those rights hold only inside the container's user
 *   namespace (root there is a subordinate UID on the machine). With isolation `root-on-machine`
 *   the host opts out of the namespace (`--userns=host`) and a learner is root on the machine.
 */

import type { Isolation } from './isolation.ts';

/** Capabilities a sandbox host does without under runc: host-wide knobs a lesson never turns. */
export const DROPPED_CAPABILITIES = ['SYS_RESOURCE', 'SYS_MODULE', 'SYS_TIME', 'SYS_BOOT', 'SYSLOG'];

/**
 * Out of the engine's user namespace, if it has one. On a userns-remap engine the image's files
 * belong to the subordinate root, so a setuid binary such as mount(8) would drop the real root to
 * that user; no-new-privileges keeps exec from changing the user at all (root stays root).
 */
const ROOT_ON_MACHINE = { UsernsMode: 'host', SecurityOpt: ['no-new-privileges'] };

/** The HostConfig fields that let a sandbox host run dockerd under `runtime`. */
export function hostConfigSecurity(runtime: string, privileged: boolean, isolation?: Isolation): Record<string, unknown> {
  // A private cgroup namespace: the inner dockerd creates its containers' cgroups below the
  // sandbox's own, so the memory and pids limits hold for them too (cgroup v1 would otherwise
  // let it create them at the host's root).
  const common = { Runtime: runtime, CgroupnsMode: 'private', ...(isolation === 'root-on-machine' ? ROOT_ON_MACHINE : {}) };
  if (runtime !== 'runc') return common;
  if (privileged) return { ...common, Privileged: true };
  return {
    ...common,
    CapAdd: ['ALL'],
    CapDrop: DROPPED_CAPABILITIES,
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined', ...(isolation === 'root-on-machine' ? ROOT_ON_MACHINE.SecurityOpt : [])],
    // what the CLI's `--security-opt systempaths=unconfined` sends: /proc/sys writable for dockerd
    MaskedPaths: [],
    ReadonlyPaths: [],
  };
}
