/**
 * The objects `docker inspect` and `docker network inspect` print, built from the model with
 * Docker 20.10's field names and key order (Go struct order), so both JSON output and
 * `--format` templates see what they would see on a real engine.
 */
import { formatHwAddr } from '../../kernel/hwaddr.ts';
import { formatIp, formatPrefix } from '../../kernel/ipv4.ts';
import { containerHostname, exposedPorts, mainArgv, sharesNetns, stateString, type Container } from '../../daemon/container.ts';
import type { ClusterNetwork, NodeLocalClusterNetwork } from '../../daemon/cluster.ts';
import type { Endpoint } from '../../daemon/endpoint.ts';
import type { Daemon } from '../../daemon/daemon.ts';
import { networkContainers, ipText } from '../../daemon/daemon.ts';
import { findNetwork, networkScope, type Network } from '../../daemon/network.ts';
import { rfc3339Nano } from './humanize.ts';

/** A salt for made-up nanoseconds, stable per object. */
function salt(id: string): number {
  return parseInt(id.slice(0, 6), 16) || 0;
}

/** Zero time as Go prints it. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** An overlay network as this node sees it: the Raft store's record until a local container uses it. */
function overlayJson(n: Network, cn: ClusterNetwork, d: Daemon | undefined): Record<string, unknown> {
  const live = n.overlay !== undefined;
  const containers: Record<string, unknown> = {};
  for (const a of [...cn.attachments].filter((x) => x.daemon === d).sort((x, y) => (x.key < y.key ? -1 : 1))) {
    containers[a.key] = {
      Name: a.name,
      EndpointID: a.endpointId,
      MacAddress: formatHwAddr(a.mac),
      IPv4Address: `${formatIp(a.addr)}/${cn.pool.subnet.len}`,
      IPv6Address: '',
    };
  }
  const peers = d?.swarm?.cluster.nodes.filter((node) => node.status === 'Ready' && node.daemon.networks.some((x) => x.cluster === cn && x.overlay));
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created, salt(n.id.replace(/[^0-9a-f]/g, '0'))),
    Scope: 'swarm',
    Driver: 'overlay',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: formatPrefix(cn.pool.subnet), Gateway: formatIp(cn.pool.gateway) }] },
    Internal: cn.internal,
    Attachable: cn.attachable,
    Ingress: cn.ingress,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: live ? containers : null,
    Options: n.options,
    Labels: live ? (cn.labels ?? {}) : cn.labels,
    Peers: live ? (peers ?? []).map((node) => ({ Name: node.gossipName, IP: formatIp(node.addr) })) : undefined,
  };
}

/** A configuration-only network's IPAM settings as given (nothing allocated, no defaults filled in). */
function configOnlyIpam(n: Network): Record<string, string | undefined>[] {
  const cfg = n.configOnly;
  if (!cfg?.subnet) return [];
  return [
    {
      Subnet: formatPrefix(cfg.subnet),
      IPRange: cfg.ipRange ? formatPrefix(cfg.ipRange) : undefined,
      Gateway: cfg.gateway !== undefined ? formatIp(cfg.gateway) : undefined,
    },
  ];
}

/** A swarm-scoped bridge not instantiated on this node: the swarm's record, with no IPAM (node-local networks get none from swarmkit). */
function swarmRecordJson(n: Network, spec: NodeLocalClusterNetwork): Record<string, unknown> {
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created, salt(n.id.replace(/[^0-9a-f]/g, '0'))),
    Scope: 'swarm',
    Driver: spec.driver,
    EnableIPv6: false,
    IPAM: { Driver: '', Options: null, Config: [] },
    Internal: spec.internal,
    Attachable: spec.attachable,
    Ingress: false,
    ConfigFrom: { Network: spec.configFrom },
    ConfigOnly: false,
    Containers: null,
    Options: null,
    Labels: spec.labels,
  };
}

/** The network object of `docker network inspect`. */
export function networkJson(n: Network, d?: Daemon): Record<string, unknown> {
  if (n.cluster) return overlayJson(n, n.cluster, d);
  if (n.swarmSpec && !n.pool) return swarmRecordJson(n, n.swarmSpec);
  const config: Record<string, string | undefined>[] = configOnlyIpam(n);
  if (n.pool) {
    // IPRange and Gateway are omitempty in JSON but exist for templates (as ""); a user-chosen
    // subnet without --gateway shows no Gateway, though the bridge still gets .1.
    const shown = n.pool.fromDefaults || n.pool.gatewayGiven;
    config.push({
      Subnet: formatPrefix(n.pool.subnet),
      IPRange: n.ipRangeGiven ? formatPrefix(n.pool.range) : undefined,
      Gateway: shown ? formatIp(n.pool.gateway) : undefined,
    });
  }
  const containers: Record<string, unknown> = {};
  for (const ep of networkContainers(n)) {
    containers[ep.container.id] = {
      Name: ep.gateway ? `gateway_${ep.container.sandboxId.slice(0, 12)}` : ep.container.name,
      EndpointID: ep.id,
      MacAddress: ep.mac ? formatHwAddr(ep.mac) : '',
      IPv4Address: ep.addr !== undefined && n.pool ? `${formatIp(ep.addr)}/${n.pool.subnet.len}` : '',
      IPv6Address: '',
    };
  }
  return {
    Name: n.name,
    Id: n.id,
    Created: rfc3339Nano(n.created, salt(n.id.replace(/[^0-9a-f]/g, '0'))),
    Scope: networkScope(n),
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.ipamOptions, Config: config },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: n.configFrom ?? '' },
    ConfigOnly: n.configOnly !== undefined,
    Containers: containers,
    Options: n.options,
    Labels: n.labels,
  };
}

/**
 * EndpointSettings.IPAMConfig: what --ip / --link-local-ip asked for on the network --network
 * named (without --network the CLI files them under "default" and no endpoint gets them).
 */
function endpointIpamConfig(c: Container, ep: Endpoint): Record<string, unknown> | null {
  const linkLocal = ep === c.endpoints[0] && c.config.networkMode !== 'default' ? (c.config.linkLocalIps ?? []) : [];
  if (ep.requestedAddr === undefined && linkLocal.length === 0) return null;
  return {
    ...(ep.requestedAddr !== undefined ? { IPv4Address: formatIp(ep.requestedAddr) } : {}),
    ...(linkLocal.length > 0 ? { LinkLocalIPs: linkLocal } : {}),
  };
}

function portsJson(c: Container): Record<string, unknown> {
  const ports: Record<string, unknown> = {};
  if (c.status !== 'running' || sharesNetns(c)) return ports;
  for (const p of exposedPorts(c)) ports[p] = null;
  for (const b of c.ports) {
    const key = `${b.containerPort}/${b.proto}`;
    const list = (Array.isArray(ports[key]) ? ports[key] : []) as unknown[];
    list.push({ HostIp: b.hostIp, HostPort: String(b.hostPort) });
    ports[key] = list;
  }
  return ports;
}

/** The container's NetworkSettings.Networks entries (also for stopped containers, with empty addresses). */
function networksJson(d: Daemon, c: Container): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const mode = c.config.networkMode;
  const plain = (network: Network | undefined) => ({
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    NetworkID: network?.id ?? '',
    EndpointID: '',
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: '',
    DriverOpts: null,
  });
  if (mode === 'host' || mode === 'none') {
    const n = findNetwork(d.networks, mode);
    const ep = c.endpoints.find((e) => e.network === n);
    out[mode] = { ...plain(n), EndpointID: ep?.active ? ep.id : '' };
    return out;
  }
  if (mode.startsWith('container:')) return out;
  for (const ep of c.endpoints) {
    const n = ep.network;
    const live = ep.addr !== undefined;
    out[n.name] = {
      IPAMConfig: endpointIpamConfig(c, ep),
      Links: null,
      Aliases: n.predefined ? null : ep.aliases,
      NetworkID: n.id,
      EndpointID: live ? ep.id : '',
      Gateway: live && n.pool ? formatIp(n.pool.gateway) : '',
      IPAddress: ipText(ep.addr),
      IPPrefixLen: live && n.pool ? n.pool.subnet.len : 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      MacAddress: live && ep.mac ? formatHwAddr(ep.mac) : '',
      DriverOpts: null,
    };
  }
  return out;
}

/** The object of `docker inspect CONTAINER`. */
export function containerJson(d: Daemon, c: Container): Record<string, unknown> {
  const argv = mainArgv(c);
  const running = c.status === 'running';
  const status = stateString(c);
  const first = c.endpoints.find((e) => e.network.predefined && e.network.driver === 'bridge');
  const live = first?.addr !== undefined;
  const exposed: Record<string, unknown> = {};
  for (const p of exposedPorts(c)) exposed[p] = {};
  const base = `/var/lib/docker/containers/${c.id}`;
  const config: Record<string, unknown> = {
    Hostname: containerHostname(c),
    Domainname: c.config.domainname ?? '',
    User: '',
    AttachStdin: c.config.openStdin,
    AttachStdout: true,
    AttachStderr: true,
  };
  if (Object.keys(exposed).length > 0) config.ExposedPorts = exposed;
  Object.assign(config, {
    Tty: c.config.tty,
    OpenStdin: c.config.openStdin,
    StdinOnce: c.config.openStdin,
    Env: c.config.env,
    Cmd: c.config.cmd,
    Image: c.config.imageRef,
    Volumes: null,
    WorkingDir: c.config.image.workingDir,
    Entrypoint: c.config.entrypoint,
    OnBuild: null,
    Labels: { ...c.config.labels },
  });
  if (c.config.image.stopSignal) config.StopSignal = c.config.image.stopSignal;
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created, salt(c.id)),
    Path: argv[0] ?? '',
    Args: argv.slice(1),
    State: {
      Status: status,
      Running: running,
      Paused: c.paused === true,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? c.pid : 0,
      ExitCode: c.exitCode,
      Error: c.error,
      StartedAt: c.startedAt !== undefined ? rfc3339Nano(c.startedAt, salt(c.sandboxId || c.id) + 7) : ZERO_TIME,
      FinishedAt: c.finishedAt !== undefined ? rfc3339Nano(c.finishedAt, salt(c.id) + 13) : ZERO_TIME,
    },
    Image: `sha256:${c.config.image.id}`,
    ResolvConfPath: `${base}/resolv.conf`,
    HostnamePath: `${base}/hostname`,
    HostsPath: `${base}/hosts`,
    LogPath: `${base}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: c.config.networkMode,
      PortBindings: Object.fromEntries(c.config.publish.map((p) => [`${p.containerPort}/${p.proto}`, [{ HostIp: p.hostIp, HostPort: p.hostPort ? String(p.hostPort) : '' }]])),
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      AutoRemove: c.config.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      CapAdd: null,
      CapDrop: null,
      CgroupnsMode: 'private',
      Dns: c.config.dns ?? [],
      DnsOptions: c.config.dnsOptions ?? [],
      DnsSearch: c.config.dnsSearch ?? [],
      ExtraHosts: c.config.extraHosts ?? null,
      GroupAdd: null,
      IpcMode: 'private',
      Cgroup: '',
      Links: c.links ? c.links.map((l) => `/${l.target.name}:/${c.name}/${l.alias}`) : null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: c.config.privileged === true,
      PublishAllPorts: c.config.publishAll,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
    },
    Mounts: [],
    Config: config,
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? c.sandboxId : '',
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      Ports: portsJson(c),
      SandboxKey: running && c.netns ? `/var/run/docker/netns/${c.sandboxId.slice(0, 12)}` : '',
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: live ? first.id : '',
      Gateway: live && first.network.pool ? formatIp(first.network.pool.gateway) : '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: live ? ipText(first.addr) : '',
      IPPrefixLen: live && first.network.pool ? first.network.pool.subnet.len : 0,
      IPv6Gateway: '',
      MacAddress: live && first.mac ? formatHwAddr(first.mac) : '',
      Networks: networksJson(d, c),
    },
  };
}
