/**
 * Containers as the daemon keeps them: configuration, state machine (created → running →
 * exited), network attachments and what the learner changed inside (installed packages).
 */
import type { Netns } from '../kernel/netns.ts';
import type { Socket } from '../kernel/socket.ts';
import type { ContainerLog } from './container-log.ts';
import type { Endpoint } from './endpoint.ts';
import type { Image } from './image-catalog.ts';

/** A port to publish: -p [hostIp:][hostPort:]containerPort[/proto]. */
export interface PortSpec {
  hostIp: string;
  /** 0 means "any free port" (-p 80 or -P). */
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp' | 'sctp';
  /** -p 8085-8086:80: the last host port the allocator may pick (hostPort is the first). */
  hostPortEnd?: number;
}

/**
 * A published port once bound, one per address family: `-p 80` makes one on 0.0.0.0 and one on
 * `::`, each with its own host port (docker-proxy has no SCTP here: such a spec never binds).
 */
export interface PortBinding extends PortSpec {
  /** The host address: the one given with -p, else 0.0.0.0 or `::`. */
  hostIp: string;
  hostPort: number;
  proto: 'tcp' | 'udp';
}

/** Whether a host address is IPv6 (`::`, `::1`): its binding goes to the IPv6 port mapper. */
export function isV6HostIp(hostIp: string): boolean {
  return hostIp.includes(':');
}

/** What `docker run`/`docker create` asked for. */
export interface ContainerConfig {
  image: Image;
  /** The image reference as given (shown in ps: "busybox", "nginx:latest"). */
  imageRef: string;
  entrypoint: string[] | null;
  cmd: string[];
  tty: boolean;
  openStdin: boolean;
  hostname?: string;
  env: string[];
  /** "bridge", "host", "none", "container:<id>" or a network name. */
  networkMode: string;
  ip?: number;
  /** --ip6 and --link-local-ip as given (kept in the endpoint's IPAMConfig; no IPv6 is modelled). */
  ip6?: string;
  linkLocalIps?: string[];
  /** --mac-address: the MAC of the container's first interface instead of 02:42 + its IPv4. */
  macAddress?: number[];
  /** --dns, --dns-search, --dns-option: what resolv.conf says instead of the host's values. */
  dns?: string[];
  dnsSearch?: string[];
  dnsOptions?: string[];
  /** --add-host NAME:IP entries, written into /etc/hosts. */
  extraHosts?: string[];
  /** --domainname: the NIS domain; /etc/hosts names the container "hostname.domain hostname". */
  domainname?: string;
  /** Ports exposed by --expose and -p ("80/tcp"), on top of the image's. */
  exposed?: string[];
  publish: PortSpec[];
  publishAll: boolean;
  autoRemove: boolean;
  aliases: string[];
  /** --link values as given (NAME or NAME:ALIAS). */
  links?: string[];
  /** --label KEY[=VALUE] (Config.Labels, ps's .Label "KEY"). */
  labels?: Record<string, string>;
  /** CAP_NET_ADMIN (--privileged, --cap-add NET_ADMIN or ALL): may change links and routes. */
  netAdmin?: boolean;
  /** --privileged (HostConfig.Privileged). */
  privileged?: boolean;
  /** Every capability in the bounding set (--privileged or --cap-add ALL): what `docker exec --privileged` needs. */
  allCaps?: boolean;
}

/** Container lifecycle states (a subset of Docker's: no paused/restarting/dead). */
export type ContainerStatus = 'created' | 'running' | 'exited';

/** A container. */
export interface Container {
  id: string;
  name: string;
  config: ContainerConfig;
  created: number;
  status: ContainerStatus;
  startedAt?: number;
  finishedAt?: number;
  exitCode: number;
  /** Set when start failed (the OCI runtime error). */
  error: string;
  /** The network namespace while running: its own, the host's or another container's. */
  netns?: Netns;
  /** Whether `netns` belongs to this container (false for host and container: modes). */
  ownsNetns: boolean;
  endpoints: Endpoint[];
  /** The leg on docker_gwbridge that gives a container on overlay networks its egress (eth1). */
  gatewayEndpoint?: Endpoint;
  /** --link NAME[:ALIAS] on the default bridge: written into /etc/hosts. */
  links?: { target: Container; alias: string }[];
  ports: PortBinding[];
  /** docker-proxy sockets for the bindings while running. */
  proxies: Socket[];
  /** Programs added inside (yum/apt install); gone with the container. */
  installed: Set<string>;
  /** Files the learner wrote inside (the container's writable layer). */
  files: Map<string, string>;
  /** When each file of the writable layer was last written (simulation clock, ms). */
  fileTimes: Map<string, number>;
  /** Package indexes fetched (apt-get update has run). */
  packageIndex: boolean;
  /** Stops the main process (docker stop/kill). */
  abort?: AbortController;
  /** Output of the main process by stream (docker logs, docker attach), bounded. */
  logs: ContainerLog;
  /** Monotonic counter so a stale main process cannot stop a restarted container. */
  generation: number;
  /** The sandbox's embedded DNS has started (a user network was joined); until the next stop. */
  embeddedDns?: boolean;
  /** The embedded DNS server's ports in the sandbox (dns-server.ts), while it runs. */
  dnsServer?: { udpPort: number; tcpPort: number };
  /** docker pause: the cgroup freezer holds every process (the container still counts as running). */
  paused?: boolean;
  /** Sandbox id (libnetwork), 64 hex, new on each start. */
  sandboxId: string;
  pid: number;
}

/** State.Status as the API reports it: a frozen running container is "paused". */
export function stateString(c: Container): ContainerStatus | 'paused' {
  return c.status === 'running' && c.paused ? 'paused' : c.status;
}

/** The 12-hex short id `docker ps` shows. */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** The hostname the container's UTS namespace has. */
export function containerHostname(c: Container): string {
  return c.config.hostname ?? shortId(c.id);
}

/** Host and container: modes join another namespace: no port map of their own (ps, inspect). */
export function sharesNetns(c: Container): boolean {
  return c.config.networkMode === 'host' || c.config.networkMode.startsWith('container:');
}

/** Config.ExposedPorts: the image's, then --expose's and -p's ("80/tcp"), each once. */
export function exposedPorts(c: Container): string[] {
  return [...new Set([...c.config.image.exposedPorts, ...(c.config.exposed ?? [])])];
}

/** The main process argv: entrypoint + cmd. */
export function mainArgv(c: Container): string[] {
  return [...(c.config.entrypoint ?? []), ...c.config.cmd];
}

/** Find a container as the API does: full id, exact name (with or without /), unique id prefix. */
export function findContainer(containers: readonly Container[], ref: string): Container | undefined {
  if (ref === '') return undefined;
  const name = ref.startsWith('/') ? ref.slice(1) : ref;
  const byId = containers.find((c) => c.id === ref);
  if (byId) return byId;
  const byName = containers.find((c) => c.name === name);
  if (byName) return byName;
  const prefixed = containers.filter((c) => c.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
