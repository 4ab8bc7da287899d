/**
 * How a sandbox host is allowed to run its own dockerd, per OCI runtime.
 *
 * - `sysbox-runc` (production): an ordinary, unprivileged container. Sysbox puts it in a user
 *   namespace (root inside is an unprivileged user outside) and virtualizes /proc and /sys, so the
 *   inner dockerd works without any extra privilege.
 * - `runc` (local use, CI): Docker-in-Docker needs root-equivalent rights. `privileged: true` is
 *   the literal `--privileged`; the default is its equivalent spelled out (all capabilities, no
 *   seccomp or AppArmor, /proc unmasked), minus a few capabilities dockerd never needs. Spelled
 *   out because --privileged asks the kernel for every capability and fails ("unable to apply
 *   caps") on hosts whose bounding set lacks one, as in some VMs. Either way a learner is root
 *   on the machine: never offer runc sandboxes to strangers.
 */

/** Capabilities a sandbox host does without under runc: host-wide knobs a lesson never turns. */
const DROPPED_CAPABILITIES = ['SYS_RESOURCE', 'SYS_MODULE', 'SYS_TIME', 'SYS_BOOT', 'SYSLOG'];

/** The HostConfig fields that let a sandbox host run dockerd under `runtime`. */
export function hostConfigSecurity(runtime: string, privileged: boolean): Record<string, unknown> {
  // A private cgroup namespace: the inner dockerd creates its containers' cgroups below the
  // sandbox's own, so the memory and pids limits hold for them too (cgroup v1 would otherwise
  // let it create them at the host's root).
  const common = { Runtime: runtime, CgroupnsMode: 'private' };
  if (runtime !== 'runc') return common;
  if (privileged) return { ...common, Privileged: true };
  return {
    ...common,
    CapAdd: ['ALL'],
    CapDrop: DROPPED_CAPABILITIES,
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
    // what the CLI's `--security-opt systempaths=unconfined` sends: /proc/sys writable for dockerd
    MaskedPaths: [],
    ReadonlyPaths: [],
  };
}
