/**
 * The hosts of one sandbox and the private network they share. The network is `--internal` (no
 * route out, no NAT) and its bridge has no IPv4 address (`inhibit_ipv4`), so a sandbox reaches
 * neither the internet nor the machine's own services, and no other sandbox: each has its own.
 */
import { randomBytes } from 'node:crypto';
import type { EngineClient } from './engine-client.ts';
import { EngineError } from './engine-client.ts';
import { DRIVER_LABEL_VALUE, LABEL, unixSeconds } from './labels.ts';
import type { Isolation } from './isolation.ts';
import type { DockerDriverOptions } from './options.ts';
import { SandboxHost, type SandboxHostSpec } from './sandbox-host.ts';
import { profileExtras, profileNodes } from './profiles.ts';
import type { EngineSandbox } from './adoption.ts';
import { InvariantError } from '../../errors/invariant.ts';
import { addressInSubnet, type SubnetAllocator } from './subnets.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

/** What starting a group needs from the driver. */
export interface EngineContext {
  client: EngineClient;
  options: DockerDriverOptions;
  subnets: SubnetAllocator;
  /** How sandbox hosts are isolated on this engine; known once the driver has asked the engine. */
  isolation?: Isolation;
  /** Told after a group's hosts, volumes and network are gone (the driver drops its claim). */
  onRemoved?: (sandboxId: string) => void;
}

export class HostGroup {
  readonly id: string;
  readonly profile: string;
  readonly createdAt: number;
  readonly hosts: readonly SandboxHost[];
  private readonly context: EngineContext;
  private readonly networkId: string;
  private readonly subnet: string;
  /** Named volumes of the sandbox (shared folders), removed after the hosts. */
  private readonly volumes: string[] = [];
  private removal: Promise<void> | undefined;

  private constructor(context: EngineContext, id: string, profile: string, networkId: string, subnet: string, hosts: SandboxHost[], createdAt = Date.now()) {
    this.context = context;
    this.id = id;
    this.profile = profile;
    this.networkId = networkId;
    this.subnet = subnet;
    this.hosts = hosts;
    this.createdAt = createdAt;
  }

  /**
   * The group of a sandbox a previous process started (adoption.ts found it on the engine, intact):
   * nothing is created, the running hosts are taken as they are.
   */
  static adopt(context: EngineContext, found: EngineSandbox): HostGroup {
    if (!found.network) throw new InvariantError(`sandbox ${found.id} has no network to adopt`);
    const order = profileNodes(found.profile);
    const hosts = [...found.hosts].sort((a, b) => order.indexOf(a.node) - order.indexOf(b.node)).map((host) => SandboxHost.adopt(context.client, host.id, host.node));
    const group = new HostGroup(context, found.id, found.profile, found.network.id, found.network.subnet, hosts, found.createdAt);
    group.volumes.push(...found.volumes);
    return group;
  }

  /**
   * Create the network and the hosts of `nodes` and start them; everything created is removed
   * again if any step fails. `expiresAt` is the hard deadline written on every label.
   */
  static async start(context: EngineContext, profile: string, nodes: readonly string[], expiresAt: number): Promise<HostGroup> {
    const { client, options, isolation } = context;
    if (!isolation) throw new Error('the Docker driver has not checked the engine yet');
    const id = randomBytes(6).toString('hex');
    const labels = {
      ...options.labels,
      [LABEL.driver]: DRIVER_LABEL_VALUE,
      [LABEL.owner]: options.owner,
      [LABEL.sandbox]: id,
      [LABEL.profile]: profile,
      [LABEL.expires]: unixSeconds(expiresAt),
    };
    const { networkId, subnet } = await createNetwork(context, `vethlab-${id}`, labels);
    const hosts: SandboxHost[] = [];
    const group = new HostGroup(context, id, profile, networkId, subnet, hosts);
    try {
      const { lanAddresses, sharedFolders = [] } = profileExtras(profile);
      const volumes: Record<string, string> = {};
      for (const [i, folder] of sharedFolders.entries()) {
        const name = `vethlab-${id}-shared${i}`;
        await client.request('POST', '/volumes/create', { body: { Name: name, Driver: 'local', Labels: labels } });
        group.volumes.push(name);
        volumes[folder] = name;
      }
      // With a LAN the hosts get fixed addresses (the first after the gateway), so each knows its
      // peers' before they start: the init tunnels the LAN to them (images/sandbox-host).
      const addresses = nodes.map((_, i) => addressInSubnet(subnet, i + 2));
      for (const [i, node] of nodes.entries()) {
        const spec: SandboxHostSpec = { sandboxId: id, node, labels, network: networkId, expiresAt };
        if (lanAddresses) {
          spec.address = addressInSubnet(subnet, i + 2);
          spec.env = [`VETHLAB_LAN=${lanAddresses[i]}`, `VETHLAB_LAN_PEERS=${addresses.filter((_, j) => j !== i).join(' ')}`];
        }
        if (sharedFolders.length > 0) spec.volumes = volumes;
        hosts.push(await SandboxHost.create(client, options, isolation, spec));
      }
      await Promise.all(hosts.map((host) => host.start(options.readyTimeoutMs)));
      return group;
    } catch (error) {
      await group.remove().catch(ignoreError('the start error is the one to report; the reaper removes leftovers'));
      throw error;
    }
  }

  /** The host of `node`. */
  host(node: string): SandboxHost | undefined {
    return this.hosts.find((host) => host.node === node);
  }

  /** Tell each host's watchdog an earlier deadline (a pooled group handed to a session). */
  async setDeadline(expiresAt: number): Promise<void> {
    const seconds = unixSeconds(expiresAt);
    await Promise.all(this.hosts.map((host) => host.exec(`echo ${seconds} > /run/vethlab/expires`, 5000)));
  }

  /** Remove the hosts, then their volumes and the network. Idempotent; concurrent calls share one removal. */
  remove(): Promise<void> {
    this.removal ??= (async () => {
      const results = await Promise.allSettled(this.hosts.map((host) => host.remove()));
      results.push(...(await Promise.allSettled(this.volumes.map((name) => removeVolume(this.context.client, name)))));
      try {
        await removeNetwork(this.context.client, this.networkId);
      } finally {
        this.context.subnets.release(this.subnet);
      }
      this.context.onRemoved?.(this.id);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    })();
    return this.removal;
  }
}

async function createNetwork(context: EngineContext, name: string, labels: Record<string, string>): Promise<{ networkId: string; subnet: string }> {
  const { client, options, subnets } = context;
  // Subnets in use on the engine, whoever made them; a clash (another server on the engine took
  // the same /28 meanwhile) just moves on to the next.
  const existing = await client.request<{ IPAM?: { Config?: { Subnet?: string }[] } }[]>('GET', '/networks');
  const inUse = existing.flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? ''));
  for (let attempt = 0; attempt < 5; attempt++) {
    const subnet = subnets.allocate(inUse);
    if (!subnet) throw new Error(`no free /28 left in SANDBOX_SUBNET_POOL ${options.subnetPool}`);
    try {
      const created = await client.request<{ Id: string }>('POST', '/networks/create', {
        body: {
          Name: name,
          Driver: 'bridge',
          Internal: true,
          CheckDuplicate: true,
          IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] },
          Options: {
            'com.docker.network.bridge.inhibit_ipv4': 'true',
            'com.docker.network.bridge.enable_ip_masquerade': 'false',
          },
          Labels: labels,
        },
      });
      return { networkId: created.Id, subnet };
    } catch (error) {
      subnets.release(subnet);
      if (!(error instanceof EngineError) || !/overlap/i.test(error.message)) throw error;
      inUse.push(subnet);
    }
  }
  throw new Error('could not find a free subnet for a sandbox network');
}

/** Remove a volume; already gone is fine. */
export async function removeVolume(client: EngineClient, name: string): Promise<void> {
  try {
    await client.request('DELETE', `/volumes/${encodeURIComponent(name)}`);
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return;
    throw error;
  }
}

/** Remove a network; already gone is fine. */
export async function removeNetwork(client: EngineClient, id: string): Promise<void> {
  try {
    await client.request('DELETE', `/networks/${id}`);
  } catch (error) {
    if (error instanceof EngineError && error.status === 404) return;
    throw error;
  }
}
