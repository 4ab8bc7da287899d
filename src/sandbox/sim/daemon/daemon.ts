/**
 * dockerd: the state of one Docker engine (images, containers, networks) and the operations the
 * API offers on it. Each operation changes the kernel model the way the real daemon does —
 * namespaces, veth pairs, bridges, iptables rules — and answers with a value or an errdefs error.
 */
import { Interrupted, type Clock } from '../clock.ts';
import { formatIp } from '../kernel/ipv4.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Uplink } from '../kernel/delivery.ts';
import { randomHex, type Random } from '../kernel/random.ts';
import { unlisten } from '../kernel/socket.ts';
import { emptyLog, writeLog } from './container-log.ts';
import { exposedPorts, findContainer, mainArgv, shortId, type Container, type ContainerConfig, type PortSpec } from './container.ts';
import { bridgeDriver, createBridgeDevice } from './drivers/bridge.ts';
import type { NetworkDriver, NetworkRequest } from './drivers/driver.ts';
import { clusterNetworkFor } from './drivers/overlay.ts';
import { driverNamed, driverOf } from './drivers/registry.ts';
import type { Endpoint } from './endpoint.ts';
import { fail, ok, type Result } from './errdefs.ts';
import { findInCatalog, IMAGE_CATALOG, parseImageRef, type Image } from './image-catalog.ts';
import { installBaseRules, installNetworkRules, setForwardPolicyDrop } from './iptables-rules.ts';
import { generateName } from './namesgenerator.ts';
import { findNetwork, isDefaultBridge, type BridgeNetwork, type Network } from './network.ts';
import { validateRequestedAddress } from './requested-address.ts';
import { allocatePort, hostAddresses, type PortMapperContext, unmapPort } from './portmapper.ts';
import { needsResolver, usesEmbeddedDns } from './resolver.ts';
import { startDnsServer } from './dns-server.ts';
import type { Runtime } from './runtime.ts';
import { containerLegs, createSandboxNetns, destroySandboxNetns, needsGatewayLeg, type SandboxIfIndexes, updateGateway } from './sandbox.ts';
import { NOT_MANAGER, type SwarmLocal, type SwarmMembership } from './cluster.ts';
import { newDaemon } from './new-daemon.ts';
import type { Ipam } from './ipam.ts';
import type { PortAllocator } from './portallocator.ts';
import { applyConfigFrom, createConfigOnlyNetwork, removeConfigOnlyNetwork, validateNetworkConfiguration } from './config-network.ts';
import { createSwarmScoped, removeSwarmScoped, swarmScopedFor } from './swarm-scoped.ts';

/** libnetwork's answer to an endpoint on a configuration-only network. */
const CONFIG_ONLY_ENDPOINT = 'cannot create endpoint on configuration-only network';

/** One Docker engine. */
export interface Daemon {
  kernel: Kernel;
  clock: Clock;
  random: Random;
  startedAt: number;
  images: Image[];
  containers: Container[];
  networks: Network[];
  ipam: Ipam;
  /** libnetwork's global address space: pools of `--scope global` networks, apart from the local pools' cursor. */
  globalIpam: Ipam;
  ports: PortAllocator;
  /** Each sandbox's interface counter (libnetwork osl): which ethN its next interface is named. */
  sandboxIfIndexes: SandboxIfIndexes;
  runtime?: Runtime;
  uplink?: Uplink;
  /** The host's /etc/resolv.conf, which containers on the default bridge copy. */
  hostResolvConf: string;
  nextPid: number;
  /** Swarm membership (docker swarm init/join). */
  swarm?: SwarmMembership;
  /** This node's own swarm plumbing (ingress sandbox, :2377 listener). */
  swarmLocal: SwarmLocal;
  /** Told when a container stops or is removed (a shell inside it ends; nobody polls). */
  stopWatchers: Set<(c: Container) => void>;
}

/**
 * libnetwork's setupIPForwarding: a host that did not forward yet gets ip_forward=1 and, since that
 * would turn it into a router for every network it is on, the filter FORWARD policy DROP. A host that
 * already forwarded keeps its policy (ACCEPT).
 */
function enableIpForwarding(kernel: Kernel): void {
  if (kernel.init.sysctl.get('net.ipv4.ip_forward') === '1') return;
  kernel.init.sysctl.set('net.ipv4.ip_forward', '1');
  setForwardPolicyDrop(kernel.init.netfilter);
}

/** Start dockerd on a booted kernel: ip_forward on (FORWARD policy DROP if it was off), docker0, bridge/host/none. */
export function startDaemon(kernel: Kernel, clock: Clock, hostResolvConf: string, images: Image[]): Daemon {
  const d = newDaemon(kernel, clock, hostResolvConf, images);
  bootDaemon(d);
  return d;
}

/**
 * What dockerd does when it starts, on its record (new-daemon.ts): ip_forward on (FORWARD policy
 * DROP if it was off), the base iptables rules, docker0 and the bridge/host/none networks.
 */
export function bootDaemon(d: Daemon): void {
  const kernel = d.kernel;
  enableIpForwarding(kernel);
  installBaseRules(kernel.init.netfilter);
  const base = { created: d.startedAt, internal: false, attachable: false, predefined: true, ipamOptions: null, ipRangeGiven: false, labels: {}, endpoints: [] };
  const bridge: BridgeNetwork = {
    ...base,
    id: randomHex(d.random, 32),
    name: 'bridge',
    driver: 'bridge',
    endpoints: [],
    options: {
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0',
      'com.docker.network.driver.mtu': '1500',
    },
  };
  const pool = d.ipam.requestPool();
  if (pool.ok) bridge.pool = pool.value;
  createBridgeDevice(kernel, bridge, 'docker0');
  installNetworkRules(kernel.init.netfilter, bridge);
  d.networks.push(
    bridge,
    { ...base, id: randomHex(d.random, 32), name: 'host', driver: 'host', options: {}, endpoints: [] } satisfies Network,
    { ...base, id: randomHex(d.random, 32), name: 'none', driver: 'null', options: {}, endpoints: [] } satisfies Network,
  );
}

// ---------------------------------------------------------------------------------------------
// Images

/** The local image for a reference (name[:tag], id or id prefix). */
export function findImage(d: Daemon, ref: string): Image | undefined {
  const bare = ref.replace(/^sha256:/, '');
  if (/^[0-9a-f]{4,64}$/.test(bare)) {
    const byId = d.images.find((i) => i.id.startsWith(bare));
    if (byId) return byId;
  }
  const { repository, tag } = parseImageRef(ref);
  return d.images.find((i) => i.repository === repository && i.tag === tag);
}

/**
 * Pull from the sandbox's offline catalog of course images. There is no registry behind it: any
 * other reference fails where the daemon would reach Docker Hub, with a message that says so (a
 * real engine without network prints its own dial error there, see tests/fidelity/README.md).
 */
export function pullImage(d: Daemon, ref: string): Result<{ image: Image; fresh: boolean }> {
  const remote = findInCatalog(ref);
  if (!remote) return fail('system', noRegistryMessage());
  const local = findImage(d, ref);
  if (local) return ok({ image: local, fresh: false });
  d.images.push(remote);
  return ok({ image: remote, fresh: true });
}

/** The pull error of this sandbox: no registry, only the course images. */
function noRegistryMessage(): string {
  const offline = [...new Set(IMAGE_CATALOG.map((i) => i.repository))].join(', ');
  return `Get "https://registry-1.docker.io/v2/": this sandbox has no registry: only the course images can be pulled (${offline})`;
}

// ---------------------------------------------------------------------------------------------
// Containers

/** Look a container up by id, name or id prefix. */
export function getContainer(d: Daemon, ref: string): Result<Container> {
  const c = findContainer(d.containers, ref);
  return c ? ok(c) : fail('not-found', `No such container: ${ref}`);
}

/** Names must match Docker's pattern. */
const NAME_RE = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * docker rename (daemon/rename.go): the new name is reserved like a new container's; links made
 * to the container follow it (they hold the container, and /etc/hosts names its current name).
 */
export function renameContainer(d: Daemon, c: Container, newName: string): Result<void> {
  const name = newName.replace(/^\//, '');
  if (name === c.name) return fail('invalid', 'Renaming a container with the same name as its current name');
  if (!NAME_RE.test(`/${name}`)) return fail('invalid', `Error when allocating new name: Invalid container name (/${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  const clash = d.containers.find((x) => x.name === name);
  if (clash) {
    return fail(
      'conflict',
      `Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
  }
  c.name = name;
  return ok(undefined);
}

/**
 * daemon.setupLinkedContainers, which start and exec both run: every link's target must be
 * running (a removed target still counts as a stopped one; the link stays in the graph).
 */
export function checkLinks(c: Container): Result<void> {
  for (const link of c.links ?? []) {
    if (link.target.status !== 'running') return fail('invalid', `Cannot link to a non running container: /${link.target.name} AS /${c.name}/${link.alias}`);
    // Legacy links live on the default bridge: the target must have an address there too.
    if (!link.target.endpoints.some((ep) => isDefaultBridge(ep.network))) return fail('invalid', `Cannot link to /${link.target.name}, as it does not belong to the default network`);
  }
  return ok(undefined);
}

/** Create a container (docker create): validates name and network mode; nothing runs yet. */
export function createContainer(d: Daemon, config: ContainerConfig, name?: string): Result<Container> {
  if (name !== undefined) {
    if (!NAME_RE.test(name)) return fail('invalid', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const clash = d.containers.find((c) => c.name === name.replace(/^\//, ''));
    if (clash) {
      return fail(
        'conflict',
        `Conflict. The container name "/${clash.name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
  }
  const mode = config.networkMode;
  let network: Network | undefined;
  if (mode.startsWith('container:')) {
    const other = findContainer(d.containers, mode.slice('container:'.length));
    // runconfig validateNetContainerMode, in its order.
    if (config.hostname !== undefined) return fail('invalid', 'conflicting options: hostname and the network mode');
    if ((config.dns ?? []).length > 0) return fail('invalid', 'conflicting options: dns and the network mode');
    if ((config.extraHosts ?? []).length > 0) return fail('invalid', 'conflicting options: custom host-to-IP mapping and the network mode');
    if (config.macAddress) return fail('invalid', 'conflicting options: mac-address and the network mode');
    if (config.publish.length > 0 || config.publishAll) return fail('invalid', 'conflicting options: port publishing and the container type network mode');
    if ((config.exposed ?? []).length > 0) return fail('invalid', 'conflicting options: port exposing and the container type network mode');
    // The daemon stores the mode with the other container's id.
    if (other) config.networkMode = `container:${other.id}`;
  } else {
    if (mode === 'host' && config.macAddress) return fail('invalid', 'conflicting options: mac-address and the network mode');
    // A missing network, or --ip on the default bridge, only fails at start: the container stays Created.
    network = findNetwork(d.networks, mode === 'default' ? 'bridge' : mode);
  }
  const links: { target: Container; alias: string }[] = [];
  // On a user-defined network a link is only a name the embedded DNS translates for this container.
  const linkAliases = new Map<string, string>();
  for (const spec of config.links ?? []) {
    const [name, alias] = spec.split(':') as [string, string | undefined];
    const target = findContainer(d.containers, name);
    if (!target) return fail('not-found', `could not get container for ${name}`);
    if (network && !network.predefined) linkAliases.set((alias ?? name).toLowerCase(), name);
    else links.push({ target, alias: alias ?? name });
  }
  const id = randomHex(d.random, 32);
  const c: Container = {
    id,
    name: (name ?? generateName(d.random, (n) => d.containers.some((x) => x.name === n))).replace(/^\//, ''),
    config,
    created: d.clock.now(),
    status: 'created',
    exitCode: 0,
    error: '',
    ownsNetns: false,
    endpoints: [],
    ports: [],
    proxies: [],
    installed: new Set(),
    files: new Map(),
    fileTimes: new Map(),
    packageIndex: false,
    logs: emptyLog(),
    generation: 0,
    sandboxId: '',
    pid: 0,
    ...(links.length > 0 ? { links } : {}),
  };
  if (network) {
    const aliases = network.predefined ? [...config.aliases] : [...config.aliases, shortId(id)];
    const ep = newEndpoint(d, network, c, aliases, config.ip);
    if (linkAliases.size > 0) ep.linkAliases = linkAliases;
    c.endpoints.push(ep);
  }
  d.containers.push(c);
  return ok(c);
}

function newEndpoint(d: Daemon, network: Network, c: Container, aliases: string[], ip?: number): Endpoint {
  const ep: Endpoint = { id: randomHex(d.random, 32), network, container: c, aliases, active: false };
  if (ip !== undefined) ep.requestedAddr = ip;
  return ep;
}

/** The network mode's driver ('container' for `--network container:X`; bridge for an unknown name). */
function modeDriver(d: Daemon, c: Container): NetworkDriver | 'container' {
  const mode = c.config.networkMode;
  if (mode.startsWith('container:')) return 'container';
  const n = findNetwork(d.networks, mode === 'default' ? 'bridge' : mode);
  return n ? driverOf(n) : bridgeDriver;
}

/** Attach an endpoint of a running container through its network's driver. */
function activateEndpoint(d: Daemon, ep: Endpoint): Result<void> {
  // libnetwork's CreateEndpoint: a configuration network only lends its settings.
  if (ep.network.configOnly) return fail('forbidden', CONFIG_ONLY_ENDPOINT);
  return driverOf(ep.network).join(d, ep, ep.network);
}

function deactivateEndpoint(d: Daemon, ep: Endpoint): void {
  driverOf(ep.network).leave(d, ep, ep.network);
}

/** Bring up the container's network: its namespace, endpoints and published ports. */
function setupNetworking(d: Daemon, c: Container): Result<void> {
  const driver = modeDriver(d, c);
  if (driver === 'container') return joinContainerNamespace(d, c);
  if (driver.usesHostNamespace) {
    const addressed = validateRequestedAddresses(c);
    if (!addressed.ok) return addressed;
    c.netns = d.kernel.init;
    c.ownsNetns = false;
    for (const ep of c.endpoints) activateEndpoint(d, ep);
    return ok(undefined);
  }
  const mode = c.config.networkMode;
  const swarm = attachSwarmNetworks(d, c);
  if (!swarm.ok) return swarm;
  if (c.endpoints.length === 0 && mode !== 'none' && !findNetwork(d.networks, mode === 'default' ? 'bridge' : mode)) {
    return fail('not-found', `network ${mode} not found`);
  }
  const linked = checkLinks(c);
  if (!linked.ok) return linked;
  const addressed = validateRequestedAddresses(c);
  if (!addressed.ok) return addressed;
  c.netns = createSandboxNetns(d.kernel);
  c.ownsNetns = true;
  for (const ep of c.endpoints) {
    const r = activateEndpoint(d, ep);
    if (!r.ok) return r;
  }
  if (usesEmbeddedDns(c)) startDnsServer(d, c);
  return publishPorts(d, c);
}

/** Each endpoint's --ip against its network, before any address is taken. */
function validateRequestedAddresses(c: Container): Result<void> {
  for (const ep of c.endpoints) {
    if (ep.requestedAddr === undefined) continue;
    const r = validateRequestedAddress(ep.network, ep.requestedAddr);
    if (!r.ok) return r;
  }
  return ok(undefined);
}

/** `--network container:X`: share X's namespace, which must be running. */
function joinContainerNamespace(d: Daemon, c: Container): Result<void> {
  const ref = c.config.networkMode.slice('container:'.length);
  const other = findContainer(d.containers, ref);
  if (!other) return fail('not-found', `No such container: ${ref}`);
  if (other.status !== 'running' || !other.netns) return fail('conflict', `cannot join network of a non running container: ${other.id}`);
  c.netns = other.netns;
  c.ownsNetns = false;
  return ok(undefined);
}

/** Overlay networks come from the swarm: a worker instantiates them when a container asks. */
function attachSwarmNetworks(d: Daemon, c: Container): Result<void> {
  const mode = c.config.networkMode;
  if (c.endpoints.length === 0 && mode !== 'none' && mode !== 'default' && !findNetwork(d.networks, mode)) {
    const n = clusterNetworkFor(d, mode) ?? swarmScopedFor(d, mode);
    if (n && !n.ok) return n;
    if (n) c.endpoints.push(newEndpoint(d, n.value, c, [...c.config.aliases, shortId(c.id)], c.config.ip));
  }
  for (const ep of c.endpoints) {
    if (ep.network.cluster && !d.networks.includes(ep.network)) {
      const again = clusterNetworkFor(d, ep.network.cluster.id);
      if (again?.ok) ep.network = again.value;
    }
  }
  return ok(undefined);
}

/** -p and -P: host ports from the allocator, DNAT rules and docker-proxy, on the first endpoint's address. */
function publishPorts(d: Daemon, c: Container): Result<void> {
  const ctx = portMapperContext(d, c);
  if (!ctx) return ok(undefined);
  const endpoint = `driver failed programming external connectivity on endpoint ${c.name} (${c.endpoints[0]?.id ?? ''})`;
  for (const spec of portsToPublish(c)) {
    // docker-proxy's SCTP listener needs the kernel's sctp module, which this host lacks.
    if (spec.proto === 'sctp') return fail('system', `${endpoint}: Error starting userland proxy: protocol not supported`);
    for (const hostIp of hostAddresses(spec)) {
      const m = allocatePort(ctx, { ...spec, proto: spec.proto }, hostIp);
      if (!m.ok) return fail('system', `${endpoint}: ${m.error.message}`);
      c.ports.push(m.value.binding);
      c.proxies.push(m.value.proxy);
    }
  }
  return ok(undefined);
}

/** Where the container's ports are forwarded: its first endpoint with an address. */
function portMapperContext(d: Daemon, c: Container): PortMapperContext | undefined {
  const first = c.endpoints[0];
  if (!first || first.addr === undefined) return undefined;
  return { kernel: d.kernel, allocator: d.ports, uplink: d.uplink, network: first.network, containerIp: first.addr };
}

/**
 * The bindings to make: -p specs, and with -P every exposed port (the image's, --expose's) not
 * already published, in nat.SortPortMap's order: explicit host ports first, highest first, then
 * higher container ports first.
 */
function portsToPublish(c: Container): PortSpec[] {
  const specs: PortSpec[] = [...c.config.publish];
  if (c.config.publishAll) {
    for (const p of exposedPorts(c)) {
      const [port, proto] = p.split('/');
      const parsedProto = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
      if (!specs.some((s) => s.containerPort === Number(port) && s.proto === parsedProto)) specs.push({ hostIp: '', hostPort: 0, containerPort: Number(port), proto: parsedProto });
    }
  }
  return specs.sort((a, b) => b.hostPort - a.hostPort || b.containerPort - a.containerPort || (a.proto === 'tcp' ? -1 : b.proto === 'tcp' ? 1 : 0));
}

/** Undo setupNetworking (container stopped). */
function teardownNetworking(d: Daemon, c: Container): void {
  const ctx = portMapperContext(d, c);
  c.ports.forEach((binding, i) => {
    const proxy = c.proxies[i];
    if (ctx && proxy) {
      unmapPort(ctx, { binding, proxy });
    } else {
      if (proxy) unlisten(d.kernel.init, proxy);
      d.ports.releasePort(binding.hostIp, binding.proto, binding.hostPort);
    }
  });
  c.ports = [];
  c.proxies = [];
  for (const ep of c.endpoints) deactivateEndpoint(d, ep);
  if (c.gatewayEndpoint) deactivateEndpoint(d, c.gatewayEndpoint);
  c.gatewayEndpoint = undefined;
  if (c.ownsNetns && c.netns) destroySandboxNetns(c.netns);
  // Containers sharing this namespace (--network container:) keep it, now with only lo, as on Linux.
  c.netns = undefined;
  c.embeddedDns = undefined;
  c.dnsServer = undefined;
}

/** How the CLI will drive the main process. */
export interface StartOptions {
  /** The CLI attaches an interactive terminal and reports the exit itself (docker run -it). */
  attached: boolean;
}

/** Start a container: network, then the main process (unless the CLI runs it attached). */
export function startContainer(d: Daemon, c: Container, opts: StartOptions = { attached: false }): Result<void> {
  if (c.status === 'running') return ok(undefined);
  const argv = mainArgv(c);
  const argv0 = argv[0] ?? '';
  if (!d.runtime?.has(c, argv0)) {
    c.exitCode = 127;
    c.error = `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`;
    return fail('system', c.error);
  }
  const net = setupNetworking(d, c);
  if (!net.ok) {
    teardownNetworking(d, c);
    // daemon.containerStart: "if no one else has set it, make sure we don't leave it at zero".
    if (c.exitCode === 0) c.exitCode = 128;
    c.error = net.error.message;
    return net;
  }
  c.status = 'running';
  c.error = '';
  c.exitCode = 0;
  c.startedAt = d.clock.now();
  c.finishedAt = undefined;
  c.pid = d.nextPid += 7;
  c.sandboxId = randomHex(d.random, 32);
  const generation = ++c.generation;
  c.abort = new AbortController();
  if (!opts.attached) {
    const runtime = d.runtime;
    const io = {
      stdin: '',
      stdout: (t: string) => writeLog(c.logs, 'stdout', t),
      // A TTY has one output: what the process writes to stderr comes out on it too.
      stderr: (t: string) => writeLog(c.logs, c.config.tty ? 'stdout' : 'stderr', t),
      signal: c.abort.signal,
      clock: d.kernel.timers.clock(),
      tty: c.config.tty,
    };
    runtime.run(c, argv, io).then(
      (code) => mainExited(d, c, generation, code),
      () => mainExited(d, c, generation, 137),
    );
  }
  return ok(undefined);
}

/** The main process ended with `code`: the container stops (and goes away with --rm). */
export function mainExited(d: Daemon, c: Container, generation: number, code: number): void {
  if (c.generation !== generation || c.status !== 'running') return;
  c.status = 'exited';
  c.paused = false;
  c.exitCode = code;
  c.finishedAt = d.kernel.timers.clock().now();
  c.abort = undefined;
  teardownNetworking(d, c);
  if (c.config.autoRemove) removeNow(d, c);
  notifyStopped(d, c);
}

/** Tell the watchers that `c` no longer runs. */
function notifyStopped(d: Daemon, c: Container): void {
  for (const watcher of [...d.stopWatchers]) watcher(c);
}

/** docker stop: the stop signal, then SIGKILL after `timeoutSec` if the process ignores it. */
export async function stopContainer(d: Daemon, c: Container, clock: Clock, signal: AbortSignal, timeoutSec = 10): Promise<Result<void>> {
  if (c.status !== 'running') return ok(undefined);
  // killWithSignal resumes a paused container once the stop signal is queued, so it acts on it.
  c.paused = false;
  if (signalMain(d, c)) return ok(undefined);
  try {
    await clock.sleep(timeoutSec * 1000, signal);
  } catch (e) {
    // Ctrl-C on `docker stop` leaves the container running, as the CLI just stops waiting.
    if (e instanceof Interrupted) return ok(undefined);
    throw e;
  }
  killContainer(d, c);
  return ok(undefined);
}

/**
 * A terminating signal for the main process (docker stop's SIGTERM, the SIGINT docker attach passes
 * on): a program with a handler exits cleanly (0) and the container stops; PID 1 without one ignores
 * it, as the kernel does. True when the container stopped.
 */
export function signalMain(d: Daemon, c: Container): boolean {
  if (c.status !== 'running' || !d.runtime?.handlesStopSignal(c, mainArgv(c)[0] ?? '')) return false;
  const generation = c.generation;
  c.abort?.abort();
  mainExited(d, c, generation, 0);
  return true;
}

/** The CLI sized the container's terminal (docker attach): the main process gets SIGWINCH. */
export function resizeTty(d: Daemon, c: Container): void {
  if (c.status === 'running' && c.config.tty) d.runtime?.resized(c);
}

/** The main process, a shell the learner attached to and left with `exit`, ended with `code`. */
export function attachedMainExited(d: Daemon, c: Container, generation: number, code: number): void {
  const main = c.abort;
  mainExited(d, c, generation, code);
  // The process the runtime was waiting on is this one: let that wait end too.
  main?.abort();
}

/** SIGKILL the main process: exit status 137. */
export function killContainer(d: Daemon, c: Container): void {
  if (c.status !== 'running') return;
  const generation = c.generation;
  c.abort?.abort();
  mainExited(d, c, generation, 137);
}

/** docker rm: refuses running containers unless forced. */
export function removeContainer(d: Daemon, c: Container, force: boolean): Result<void> {
  if (c.status === 'running') {
    if (!force) {
      return fail('conflict', `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
    }
    const auto = c.config.autoRemove;
    c.config.autoRemove = false;
    killContainer(d, c);
    c.config.autoRemove = auto;
  }
  removeNow(d, c);
  return ok(undefined);
}

function removeNow(d: Daemon, c: Container): void {
  d.containers = d.containers.filter((x) => x !== c);
  for (const ep of c.endpoints) ep.network.endpoints = ep.network.endpoints.filter((e) => e !== ep);
}

// ---------------------------------------------------------------------------------------------
// Networks

export type { NetworkRequest };

/** Create a user-defined network with the driver `req` names. */
export function createNetwork(d: Daemon, req: NetworkRequest): Result<Network> {
  if (d.networks.some((n) => n.name === req.name)) return fail('conflict', `network with name ${req.name} already exists`);
  const driver = driverNamed(req.driver);
  if (!driver) return fail('not-found', `plugin "${req.driver}" not found`);
  // daemon/network.go refuses an overlay off a swarm before libnetwork looks at the request.
  if (driver.scope === 'global' && !d.swarm) return fail('forbidden', NOT_MANAGER);
  // libnetwork's NewNetwork, in its order.
  const valid = validateNetworkConfiguration(req);
  if (!valid.ok) return valid;
  if (req.configOnly) return createConfigOnlyNetwork(d, req);
  if (req.scope === 'local' && driver.scope === 'global') return fail('forbidden', `cannot downgrade network scope for ${driver.name} networks`);
  if (req.scope === 'swarm' && driver.scope === 'local') return createSwarmScoped(d, req);
  const configured = applyConfigFrom(d, req);
  if (!configured.ok) return configured;
  const made = driver.create(d, configured.value);
  if (!made.ok) return made;
  if (req.configFrom !== '') made.value.configFrom = req.configFrom;
  // A scope with no store behind it (`--scope global`, `Swarm`): the network was made (a pool
  // drawn, its bridge created) before storing it failed, and is undone.
  if (driver.scope === 'local' && req.scope !== '' && req.scope !== 'local') {
    driver.remove(d, made.value);
    if (made.value.pool) d.globalIpam.releasePool(made.value.pool);
    return fail('forbidden', NOT_MANAGER);
  }
  return made;
}

/** Remove a user-defined network that no running container uses. */
export function removeNetwork(d: Daemon, n: Network): Result<void> {
  if (n.predefined) return fail('forbidden', `${n.name} is a pre-defined network and cannot be removed`);
  if (n.configOnly) return removeConfigOnlyNetwork(d, n);
  if (n.swarmSpec) return removeSwarmScoped(d, n, n.swarmSpec);
  return driverOf(n).remove(d, n);
}

/** docker network connect. */
export function connectNetwork(d: Daemon, n: Network, c: Container, aliases: string[], ip?: number): Result<void> {
  const mode = c.config.networkMode;
  if (mode.startsWith('container:') || mode === 'host') {
    return fail('forbidden', 'container sharing network namespace with another container or host cannot be connected to any other network');
  }
  // daemon.updateNetworkSettings: the none network combines with no other (runconfig.ErrConflictNoNetwork),
  // whichever side it is on.
  const joinsNone = n.driver === 'null';
  if ((mode === 'none') !== joinsNone) {
    return fail('forbidden', 'container cannot be connected to multiple networks with one of the networks in private (none) mode');
  }
  if (!driverOf(n).connectable) return fail('forbidden', 'container cannot be disconnected from host network or connected to host network');
  if (c.endpoints.some((e) => e.network === n)) return fail('forbidden', `endpoint with name ${c.name} already exists in network ${n.name}`);
  if (ip !== undefined) {
    const addressed = validateRequestedAddress(n, ip);
    if (!addressed.ok) return addressed;
  }
  const ep = newEndpoint(d, n, c, n.predefined ? aliases : [...aliases, shortId(c.id)], ip);
  c.endpoints.push(ep);
  if (c.status === 'running') {
    const r = activateEndpoint(d, ep);
    if (!r.ok) {
      c.endpoints = c.endpoints.filter((e) => e !== ep);
      return r;
    }
    if (needsResolver(n)) {
      c.embeddedDns = true;
      if (c.ownsNetns) startDnsServer(d, c);
    }
  }
  return ok(undefined);
}

/** docker network disconnect. */
export function disconnectNetwork(d: Daemon, n: Network, c: Container): Result<void> {
  const ep = c.endpoints.find((e) => e.network === n);
  if (!ep) return fail('forbidden', `container ${c.id} is not connected to network ${n.name}`);
  if (c.status === 'running') deactivateEndpoint(d, ep);
  c.endpoints = c.endpoints.filter((e) => e !== ep);
  // libnetwork's clearDefaultGW: the docker_gwbridge leg goes with the last overlay endpoint.
  if (c.gatewayEndpoint && !needsGatewayLeg(c)) {
    deactivateEndpoint(d, c.gatewayEndpoint);
    c.gatewayEndpoint = undefined;
  }
  if (c.netns && c.ownsNetns) updateGateway(c.netns, containerLegs(c));
  return ok(undefined);
}

/** The running containers attached to `n`, for inspect's Containers map. */
export function networkContainers(n: Network): Endpoint[] {
  return n.endpoints.filter((e) => e.active && e.container.status === 'running');
}

/** The address dotted, or '' (inspect shows empty strings for missing addresses). */
export function ipText(addr: number | undefined): string {
  return addr === undefined ? '' : formatIp(addr);
}
