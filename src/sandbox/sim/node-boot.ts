/**
 * Booting one machine of a host profile: its kernel, its network adapters (VirtualBox-style:
 * a NAT adapter configured by DHCP, host-only adapters with static addresses on a shared LAN),
 * the default route, dockerd with the profile's images (started now or, in the browser's worker,
 * right after the first prompt), and the few configuration files that do
 * not follow from the model (/etc/resolv.conf from DHCP, /etc/hosts from Vagrant's hostmanager).
 */
import type { Clock } from './clock.ts';
import type { Daemon } from './daemon/daemon.ts';
import { hostEtcHosts } from './daemon/etchosts.ts';
import { IMAGE_CATALOG } from './daemon/image-catalog.ts';
import { newDaemon } from './daemon/new-daemon.ts';
import { networkOf, parseIp, parsePrefix, type Prefix } from './kernel/ipv4.ts';
import { bootKernel, type Kernel } from './kernel/kernel.ts';
import type { Lan } from './kernel/link.ts';
import type { Random } from './kernel/random.ts';
import { addAddress, subnetBroadcast } from './kernel/rtnetlink/addresses.ts';
import { createLink, plugIntoLan, setLinkUp } from './kernel/rtnetlink/links.ts';
import { addRoute, DEFAULT_DST } from './kernel/rtnetlink/routes.ts';
import type { Tracer } from './kernel/trace.ts';
import { natRouterUplink } from './kernel/uplink.ts';
import type { HostProfile, HostSpec } from '../profiles/host-profile.ts';
import { lanNeighbours } from '../profiles/lan-neighbours.ts';
import type { Node, SharedFolders } from './userland/machine.ts';
import { newProcessTable } from './userland/process-table.ts';
import { HOST_PROGRAMS } from './userland/programs.ts';
import { InvariantError } from '../../errors/invariant.ts';

/** What the machines of one simulation share while they boot. */
export interface BootEnvironment {
  clock: Clock;
  random: Random;
  tracer: Tracer;
  profile: HostProfile;
  /** Ethernet segments by name, created by the first machine plugged into them. */
  lans: Map<string, Lan>;
  shared?: SharedFolders;
  /** Starts each machine's dockerd as it boots (daemon.ts's bootDaemon); without it the daemon is only its record, started later. */
  startDaemon?: (daemon: Daemon) => void;
}

/** VirtualBox's predictable names for adapters 1-4. */
const ALTNAMES = ['enp0s3', 'enp0s8', 'enp0s9', 'enp0s10'];

/** A host's NIC MAC: VirtualBox's 08:00:27 OUI with three random bytes. */
function virtualBoxMac(random: Random): number[] {
  return [0x08, 0x00, 0x27, ...random.bytes(3)];
}

/** An adapter's "a.b.c.d/len", which the host-profile schema has already checked. */
function adapterPrefix(f: HostSpec['interfaces'][number]): Prefix {
  const prefix = parsePrefix(f.address);
  if (!prefix) throw new InvariantError(`host profile adapter address ${f.address} passed validation but does not parse`);
  return prefix;
}

/** Bring up the profile's adapter `index` with its address, LAN and (for the NAT adapter) the default route. */
function configureAdapter(kernel: Kernel, f: HostSpec['interfaces'][number], index: number, gateway: number | undefined, env: BootEnvironment): void {
  const prefix = adapterPrefix(f);
  const addr = prefix.addr;
  // The NAT adapter is configured by DHCP; host-only adapters have static addresses.
  const nat = gateway !== undefined && networkOf(gateway, prefix.len) === networkOf(addr, prefix.len);
  const altname = f.altname ?? ALTNAMES[index];
  const dev = createLink(kernel.init, {
    name: f.name,
    kind: 'ether',
    mac: virtualBoxMac(env.random),
    txqlen: 1000,
    qdisc: 'fq_codel',
    ...(altname !== undefined ? { altname } : {}),
    // The NAT adapter already carried the VM's boot-time traffic (apt, DHCP) before the session.
    ...(nat ? { stats: { rxPackets: 1893, rxBytes: 2_105_336, txPackets: 1042, txBytes: 98_213 } } : {}),
  });
  addAddress(dev, { addr, len: prefix.len, scope: 'global', ...subnetBroadcast(addr, prefix.len), ...(nat ? { dynamic: true } : {}) });
  setLinkUp(dev, true);
  if (f.lan !== undefined) {
    let lan = env.lans.get(f.lan);
    if (!lan) {
      lan = { name: f.lan, ports: [] };
      env.lans.set(f.lan, lan);
    }
    plugIntoLan(dev, lan);
  }
  if (nat) addRoute(kernel.init, { dst: DEFAULT_DST, via: gateway, dev, proto: 'boot', scope: 'global' });
}

/** The subnet of the adapter the gateway is on: all the upstream router can send replies to. */
function natLan(spec: HostSpec, gateway: number): Prefix {
  for (const f of spec.interfaces) {
    const p = adapterPrefix(f);
    if (networkOf(p.addr, p.len) === networkOf(gateway, p.len)) return { addr: networkOf(p.addr, p.len), len: p.len };
  }
  return { addr: gateway, len: 32 };
}

/** Boot the machine `spec` describes; its daemon has no container runtime until the caller attaches one. */
export function bootNode(spec: HostSpec, env: BootEnvironment): Node {
  const hostname = spec.hostname ?? spec.name;
  const kernel = bootKernel(hostname, env.clock, env.random, env.tracer);
  const gateway = spec.defaultRoute !== undefined ? parseIp(spec.defaultRoute) : undefined;
  for (const [i, f] of spec.interfaces.entries()) configureAdapter(kernel, f, i, gateway, env);
  const resolver = spec.resolver !== undefined ? parseIp(spec.resolver) : undefined;
  const resolv = spec.resolver !== undefined ? `nameserver ${spec.resolver}\n` : '';
  const wanted = spec.images;
  const images = wanted ? IMAGE_CATALOG.filter((i) => wanted.some((want) => want.replace(/:latest$/, '') === i.repository)) : [...IMAGE_CATALOG];
  // A stock VM boots with forwarding off; dockerd decides the FORWARD policy from what it finds.
  kernel.init.sysctl.set('net.ipv4.ip_forward', spec.ipForward === true ? '1' : '0');
  // uname reads these; every namespace made later copies them from init_net.
  if (spec.kernel) {
    kernel.init.sysctl.set('kernel.osrelease', spec.kernel.release);
    kernel.init.sysctl.set('kernel.version', spec.kernel.version);
  }
  const daemon = newDaemon(kernel, env.clock, resolv, images);
  env.startDaemon?.(daemon);
  if (gateway !== undefined) daemon.uplink = natRouterUplink(gateway, resolver ?? gateway, natLan(spec, gateway));
  const without = new Set(spec.withoutTools ?? []);
  return {
    name: spec.name,
    kernel,
    daemon,
    files: new Map([
      ['/etc/resolv.conf', resolv],
      ['/etc/hosts', hostEtcHosts(hostname, lanNeighbours(env.profile, spec))],
    ]),
    programs: new Set((spec.tools ?? HOST_PROGRAMS).filter((t) => !without.has(t))),
    processes: newProcessTable(),
    ...(env.shared ? { shared: env.shared } : {}),
  };
}
