/**
 * What a starting server does with the sandbox hosts its owner's previous processes left on the
 * engine: a host whose session is still alive is adopted (the learner reconnects to the same host with
 * everything in it), a pooled one goes back into the pool, one past its expiry or whose session ended
 * is removed, and one another live replica holds is left alone. The engine says what exists (labels);
 * the claim store (host-claims.ts) says who holds it and for which session. Run again periodically,
 * because a holder that was killed a moment ago still looks alive at start-up.
 */
import type { EngineClient } from './engine-client.ts';
import { holderStopped, type HostClaim } from './host-claims.ts';
import { LABEL } from './labels.ts';
import { listLabelled } from './orphans.ts';
import { profileNodes } from './profiles.ts';

/** One sandbox as the engine shows it: its hosts, its network and its volumes, by label. */
export interface EngineSandbox {
  id: string;
  profile: string;
  /** The expiry label, ms since the epoch. */
  expiresAt: number;
  /** The oldest host's creation, ms since the epoch. */
  createdAt: number;
  hosts: { id: string; node: string; running: boolean; image: string }[];
  network: { id: string; subnet: string } | undefined;
  volumes: string[];
}

/** What to do with one sandbox, or with a claim whose sandbox is gone. */
export type AdoptionStep =
  | { kind: 'adopt-session'; sandbox: EngineSandbox; claim: HostClaim }
  | { kind: 'adopt-pooled'; sandbox: EngineSandbox; claim: HostClaim }
  | { kind: 'remove'; sandbox: EngineSandbox; reason: 'expired' | 'session-ended' | 'unclaimed' | 'broken' | 'old-image' }
  | { kind: 'leave'; sandbox: EngineSandbox; reason: 'ours' | 'held' | 'starting' }
  | { kind: 'forget'; claim: HostClaim };

export interface AdoptionContext {
  now: number;
  /** This process. */
  holder: string;
  /** Sandboxes this process serves or keeps in its pool, claimed or not (a sandbox made without a session has no claim). */
  own?: ReadonlySet<string>;
  /** The image pooled hosts must run to be handed out. */
  image: string;
  /** An unclaimed sandbox younger than this may be another replica's, starting (its claim is written once it is up). */
  startGraceMs: number;
}

/** The engine's sandboxes carrying all of `labels` (the owner's, and a test run's), grouped by sandbox id. */
export async function listEngineSandboxes(client: EngineClient, labels: Record<string, string>): Promise<EngineSandbox[]> {
  const { containers, networks, volumes } = await listLabelled(client, labels);
  const sandboxes = new Map<string, EngineSandbox>();
  const sandboxOf = (itemLabels: Record<string, string> | null): EngineSandbox | undefined => {
    const id = itemLabels?.[LABEL.sandbox];
    if (id === undefined) return undefined;
    let sandbox = sandboxes.get(id);
    if (!sandbox) {
      sandbox = { id, profile: itemLabels?.[LABEL.profile] ?? '', expiresAt: Number(itemLabels?.[LABEL.expires] ?? Infinity) * 1000, createdAt: Infinity, hosts: [], network: undefined, volumes: [] };
      sandboxes.set(id, sandbox);
    }
    return sandbox;
  };
  for (const container of containers) {
    const sandbox = sandboxOf(container.Labels);
    if (!sandbox) continue;
    sandbox.hosts.push({ id: container.Id, node: container.Labels?.[LABEL.node] ?? '', running: container.State === 'running', image: container.Image ?? '' });
    sandbox.createdAt = Math.min(sandbox.createdAt, (container.Created ?? 0) * 1000);
  }
  for (const network of networks) {
    const sandbox = sandboxOf(network.Labels);
    const subnet = network.IPAM?.Config?.[0]?.Subnet;
    if (sandbox && subnet !== undefined) sandbox.network = { id: network.Id, subnet };
  }
  for (const volume of volumes) sandboxOf(volume.Labels)?.volumes.push(volume.Name);
  return [...sandboxes.values()];
}

/** Whether the engine has every host of the sandbox's profile running, on its network. */
export function intact(sandbox: EngineSandbox): boolean {
  let nodes: readonly string[];
  try {
    nodes = profileNodes(sandbox.profile);
  } catch {
    return false;
  }
  const running = new Set(sandbox.hosts.filter((host) => host.running).map((host) => host.node));
  return sandbox.network !== undefined && sandbox.hosts.length === nodes.length && nodes.every((node) => running.has(node));
}

/** The step for each sandbox on the engine, and a `forget` for each stopped holder's claim whose sandbox is gone. */
export function planAdoption(sandboxes: readonly EngineSandbox[], claims: readonly HostClaim[], context: AdoptionContext): AdoptionStep[] {
  const { now, holder } = context;
  const claimOf = new Map(claims.map((claim) => [claim.sandboxId, claim]));
  const steps: AdoptionStep[] = sandboxes.map((sandbox): AdoptionStep => {
    const claim = claimOf.get(sandbox.id);
    if (sandbox.expiresAt <= now) return { kind: 'remove', sandbox, reason: 'expired' };
    if (claim?.holder === holder || context.own?.has(sandbox.id)) return { kind: 'leave', sandbox, reason: 'ours' };
    if (!claim) return now - sandbox.createdAt < context.startGraceMs ? { kind: 'leave', sandbox, reason: 'starting' } : { kind: 'remove', sandbox, reason: 'unclaimed' };
    if (!holderStopped(claim, now)) return { kind: 'leave', sandbox, reason: 'held' };
    if (!intact(sandbox)) return { kind: 'remove', sandbox, reason: 'broken' };
    if (claim.sessionHash !== undefined) {
      return claim.expiresAt <= now ? { kind: 'remove', sandbox, reason: 'session-ended' } : { kind: 'adopt-session', sandbox, claim };
    }
    return sandbox.hosts.every((host) => host.image === context.image) ? { kind: 'adopt-pooled', sandbox, claim } : { kind: 'remove', sandbox, reason: 'old-image' };
  });
  const onEngine = new Set(sandboxes.map((sandbox) => sandbox.id));
  for (const claim of claims) {
    if (!onEngine.has(claim.sandboxId) && claim.holder !== holder && holderStopped(claim, now)) steps.push({ kind: 'forget', claim });
  }
  return steps;
}
