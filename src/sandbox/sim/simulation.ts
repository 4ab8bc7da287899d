/**
 * A simulation: the machines of one sandbox (kernel + dockerd + userland per node) behind the
 * Simulation contract the shell uses. The default profile is one Debian 12 VM, "node1", on a
 * VirtualBox-style NAT network (eth0 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3) running Docker
 * Engine 20.10 with the course images pulled. This module resolves and validates the profile;
 * booting a resolved one is model-simulation.ts (what the browser's worker imports: no validation).
 */
import { IMAGE_CATALOG } from './daemon/image-catalog.ts';
import { bootSimulation, type SimulationHandle, type SimulationOptions } from './model-simulation.ts';
import { builtinProfile } from '../profiles/builtin.ts';
import { validateProfile, type HostProfile } from '../profiles/host-profile.ts';
import { HOST_PROGRAMS, SHELLS, TOOL_NAMES } from './userland/programs.ts';

export type { SimulationHandle, SimulationOptions } from './model-simulation.ts';

/** Programs a host profile may list in `tools`. */
export const KNOWN_HOST_TOOLS: readonly string[] = [...new Set([...HOST_PROGRAMS, ...TOOL_NAMES, ...SHELLS])].sort();

/** Images a host profile may list in `images`. */
export const KNOWN_IMAGES: readonly string[] = IMAGE_CATALOG.map((i) => i.repository);

/** The profile `profile` names or is, validated; throws an Error with a clear message otherwise. */
export function resolveHostProfile(profile: string | HostProfile | undefined): HostProfile {
  if (typeof profile !== 'object') return builtinProfile(profile);
  const checked = validateProfile(profile, { tools: KNOWN_HOST_TOOLS, images: KNOWN_IMAGES });
  if (!checked.ok) throw new Error(`invalid host profile: ${checked.errors.join('; ')}`);
  return checked.profile;
}

/** Build and start the simulation: boot every host of the profile and give each daemon its runtime. */
export function createSimulation(options: SimulationOptions): SimulationHandle {
  return bootSimulation(resolveHostProfile(options.profile), options);
}
