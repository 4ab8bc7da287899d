/**
 * The embedded DNS server (libnetwork resolver.go) at 127.0.0.11 in containers on user-defined
 * networks: it answers container names, network aliases and short ids of containers on the
 * networks the asking container shares, and forwards the rest to the host's resolvers.
 */
import { shortId, type Container } from './container.ts';
import { isDefaultBridge, type Network } from './network.ts';

/** The address `name` has for `asker`, if a container on a shared user network answers to it. */
export function resolveContainerName(asker: Container, name: string): number | undefined {
  const asked = name.toLowerCase().replace(/\.$/, '');
  for (const mine of asker.endpoints) {
    const n = mine.network;
    if (isDefaultBridge(n) || mine.addr === undefined) continue;
    // A --link alias of this endpoint stands for its target's name (sandbox.ResolveName).
    const lower = mine.linkAliases?.get(asked)?.toLowerCase() ?? asked;
    if (n.cluster) {
      // Overlay: the embedded DNS knows every container on the network, on any node (gossip).
      for (const att of n.cluster.attachments) {
        const c = att.container;
        if (c?.status !== 'running') continue;
        const names = [c.name, shortId(c.id), ...att.aliases].map((x) => x.toLowerCase());
        if (names.includes(lower) || names.some((x) => `${x}.${n.name.toLowerCase()}` === lower)) return att.addr;
      }
      continue;
    }
    for (const ep of n.endpoints) {
      if (!ep.active || ep.addr === undefined || ep.container.status !== 'running') continue;
      const c = ep.container;
      const names = [c.name, shortId(c.id), ...ep.aliases].map((x) => x.toLowerCase());
      if (names.includes(lower) || names.some((x) => `${x}.${n.name.toLowerCase()}` === lower)) return ep.addr;
    }
  }
  return undefined;
}

/** The name the embedded DNS gives `addr` in a reverse lookup from `asker`: NAME.NETWORK of a peer on its user networks. */
export function reverseResolveContainer(asker: Container, addr: number): string | undefined {
  for (const mine of asker.endpoints) {
    const n = mine.network;
    if (isDefaultBridge(n) || mine.addr === undefined) continue;
    const peers = n.cluster ? n.cluster.attachments.map((att) => ({ c: att.container, addr: att.addr, live: true })) : n.endpoints.map((ep) => ({ c: ep.container, addr: ep.addr, live: ep.active }));
    const found = peers.find((peer) => peer.live && peer.addr === addr && peer.c?.status === 'running');
    if (found?.c) return `${found.c.name}.${n.name}`;
  }
  return undefined;
}

/** Whether `c` has the embedded DNS server (it is on a user-defined network). */
export function usesEmbeddedDns(c: Container): boolean {
  return c.embeddedDns === true || c.endpoints.some((ep) => needsResolver(ep.network));
}

/**
 * Whether joining `n` starts the sandbox's embedded DNS (libnetwork's startResolver, which also
 * rebuilds resolv.conf to 127.0.0.11, once per sandbox: it stays after a disconnect).
 */
export function needsResolver(n: Network): boolean {
  return !isDefaultBridge(n) && (n.driver === 'bridge' || n.driver === 'overlay');
}
