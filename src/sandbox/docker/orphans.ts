/**
 * Finding and removing what the driver left behind: everything of an owner at start-up (the
 * server crashed or was killed; its sessions cannot be resumed), and anything past its expiry
 * label, whoever made it.
 */
import type { EngineClient } from './engine-client.ts';
import { removeNetwork, removeVolume } from './host-group.ts';
import { DRIVER_LABEL_VALUE, LABEL, labelFilter } from './labels.ts';
import { removeContainer } from './sandbox-host.ts';

interface Labelled {
  Id: string;
  Labels: Record<string, string> | null;
  /** Containers: `running`, `exited`, ... */
  State?: string;
  /** Containers: unix seconds. */
  Created?: number;
  /** Containers: the image name they were created from. */
  Image?: string;
  /** Networks: their subnets. */
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

interface LabelledVolume {
  Name: string;
  Labels: Record<string, string> | null;
}

/** Containers, networks and volumes of this driver that carry all of `labels`. */
export async function listLabelled(
  client: EngineClient,
  labels: Record<string, string | undefined> = {},
): Promise<{
  containers: Labelled[];
  networks: Labelled[];
  volumes: LabelledVolume[];
}> {
  const filter = labelFilter({ [LABEL.driver]: DRIVER_LABEL_VALUE, ...labels });
  const [containers, networks, volumes] = await Promise.all([
    client.request<Labelled[]>('GET', `/containers/json?all=1&filters=${filter}`),
    client.request<Labelled[]>('GET', `/networks?filters=${filter}`),
    client.request<{ Volumes: LabelledVolume[] | null }>('GET', `/volumes?filters=${filter}`),
  ]);
  return { containers, networks, volumes: volumes.Volumes ?? [] };
}

/** Remove every container, then every volume and network, carrying all of `labels`; returns how many. */
export async function removeLabelled(client: EngineClient, labels: Record<string, string | undefined>): Promise<number> {
  const { containers, networks, volumes } = await listLabelled(client, labels);
  return removeAll(client, containers, networks, volumes);
}

/** Remove what is past its expiry label at `nowMs`, whichever server created it. */
export async function removeExpired(client: EngineClient, nowMs: number): Promise<number> {
  const { containers, networks, volumes } = await listLabelled(client, { [LABEL.expires]: undefined });
  const expired = (item: { Labels: Record<string, string> | null }) => Number(item.Labels?.[LABEL.expires] ?? Infinity) * 1000 <= nowMs;
  return removeAll(client, containers.filter(expired), networks.filter(expired), volumes.filter(expired));
}

async function removeAll(client: EngineClient, containers: Labelled[], networks: Labelled[], volumes: LabelledVolume[]): Promise<number> {
  await Promise.all(containers.map((c) => removeContainer(client, c.Id)));
  // a network or volume still in use (its containers are being removed by someone else) is left for later
  const removed = await Promise.allSettled([...networks.map((n) => removeNetwork(client, n.Id)), ...volumes.map((v) => removeVolume(client, v.Name))]);
  return containers.length + removed.filter((r) => r.status === 'fulfilled').length;
}
