/**
 * Host profiles: the machines of a sandbox as data (README: "Host profiles"). A profile lists
 * hosts with their interfaces and addresses, default route, upstream resolver, installed tools and
 * preloaded images. Interfaces that name the same `lan` are plugged into one switch; the interface
 * whose subnet holds the default route sits behind a VirtualBox-style NAT router (gateway and
 * DNS forwarder answer there, the Internet answers pings, nothing else leaves the sandbox).
 */
import { formatPrefix, inPrefix, networkOf, parseIp, parsePrefix } from '../kernel/ipv4.ts';

/** One network interface of a host. */
export interface InterfaceSpec {
  /** Device name, e.g. eth0. */
  name: string;
  /** IPv4 address with prefix length, e.g. 10.0.2.15/24. */
  address: string;
  /** Interfaces of different hosts with the same `lan` share one Ethernet segment. */
  lan?: string;
  /** Predictable name iproute2 shows as `altname` (enp0s3 for eth0 by default). */
  altname?: string;
}

/** One host (a VM running Docker Engine 20.10). */
export interface HostSpec {
  /** Node name: the terminal tab and the exec channel's `node`. */
  name: string;
  /** Kernel hostname; the node name when omitted. */
  hostname?: string;
  interfaces: InterfaceSpec[];
  /** Gateway of the default route (must be on one of the interfaces' subnets). */
  defaultRoute?: string;
  /** Upstream resolver written to /etc/resolv.conf. */
  resolver?: string;
  /** Programs installed on the host; the Debian host set (see HOST_PROGRAMS) when omitted. */
  tools?: string[];
  /** Programs removed from `tools` (e.g. ["ping"] for a host without iputils). */
  withoutTools?: string[];
  /** Images already pulled, as repository[:tag]; every course image when omitted. */
  images?: string[];
}

/** A whole profile. */
export interface HostProfile {
  /** Shown in messages; informative only. */
  name?: string;
  hosts: HostSpec[];
  /** Folders every host mounts and sees the same files in, like Vagrant's synced /vagrant. */
  sharedFolders?: string[];
}

/** Validation result: the profile, or every problem found, each naming its JSON path. */
export type ProfileCheck = { ok: true; profile: HostProfile } | { ok: false; errors: string[] };

const NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;
const IFNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Check a parsed JSON value against the format; collects all errors. */
export function validateProfile(value: unknown, knownTools: readonly string[], knownImages: readonly string[]): ProfileCheck {
  const errors: string[] = [];
  const obj = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errors: ['the profile must be a JSON object with a "hosts" array'] };
  for (const key of Object.keys(obj)) if (!['name', 'description', 'hosts', 'sharedFolders'].includes(key)) errors.push(`unknown key "${key}" (known: name, description, hosts, sharedFolders)`);
  if (obj.name !== undefined && typeof obj.name !== 'string') errors.push('name: must be a string');
  if (obj.sharedFolders !== undefined) {
    if (!isStringArray(obj.sharedFolders)) errors.push('sharedFolders: must be an array of absolute paths');
    else for (const f of obj.sharedFolders) if (!/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(f) || ['/etc', '/proc', '/sys', '/dev'].some((x) => f === x || f.startsWith(x + '/'))) errors.push(`sharedFolders: "${f}" must be an absolute path outside /etc, /proc, /sys and /dev`);
  }
  if (!Array.isArray(obj.hosts) || obj.hosts.length === 0) {
    errors.push('hosts: must be a non-empty array');
    return { ok: false, errors };
  }
  if (obj.hosts.length > 8) errors.push('hosts: at most 8 hosts');
  const names = new Set<string>();
  const lanSubnets = new Map<string, string>();
  const addresses = new Map<string, string>();
  obj.hosts.forEach((raw, i) => {
    const at = `hosts[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    const h = raw as Record<string, unknown>;
    const known = ['name', 'hostname', 'interfaces', 'defaultRoute', 'resolver', 'tools', 'withoutTools', 'images'];
    for (const key of Object.keys(h)) if (!known.includes(key)) errors.push(`${at}: unknown key "${key}" (known: ${known.join(', ')})`);
    if (typeof h.name !== 'string' || !NAME_RE.test(h.name)) errors.push(`${at}.name: must be a lower-case name like "node1"`);
    else if (names.has(h.name)) errors.push(`${at}.name: "${h.name}" is used by another host`);
    else names.add(h.name);
    if (h.hostname !== undefined && (typeof h.hostname !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9.-]{0,62}$/.test(h.hostname))) {
      errors.push(`${at}.hostname: must be a valid hostname`);
    }
    const subnets: { addr: number; len: number }[] = [];
    if (!Array.isArray(h.interfaces) || h.interfaces.length === 0) errors.push(`${at}.interfaces: must be a non-empty array`);
    else {
      const ifnames = new Set<string>();
      h.interfaces.forEach((rawIf, k) => {
        const iat = `${at}.interfaces[${k}]`;
        const f = rawIf as Record<string, unknown>;
        if (typeof rawIf !== 'object' || rawIf === null) {
          errors.push(`${iat}: must be an object`);
          return;
        }
        for (const key of Object.keys(f)) if (!['name', 'address', 'lan', 'altname'].includes(key)) errors.push(`${iat}: unknown key "${key}" (known: name, address, lan, altname)`);
        if (typeof f.name !== 'string' || !IFNAME_RE.test(f.name) || f.name === 'lo') errors.push(`${iat}.name: must be an interface name like "eth0"`);
        else if (ifnames.has(f.name)) errors.push(`${iat}.name: "${f.name}" appears twice`);
        else ifnames.add(f.name);
        const prefix = typeof f.address === 'string' && f.address.includes('/') ? parsePrefix(f.address) : undefined;
        if (!prefix || prefix.len < 8 || prefix.len > 30) {
          errors.push(`${iat}.address: ${JSON.stringify(f.address)} is not an IPv4 address with a prefix length from /8 to /30 (like "10.0.2.15/24")`);
        } else {
          const addr = parseIp((f.address as string).split('/')[0]!)!;
          if (addr === networkOf(addr, prefix.len)) errors.push(`${iat}.address: ${f.address as string} is the network address, not a host address`);
          subnets.push({ addr, len: prefix.len });
          if (typeof f.lan === 'string') {
            const other = addresses.get(`${f.lan}/${addr}`);
            if (other) errors.push(`${iat}.address: ${f.address as string} is already used by ${other} on lan "${f.lan}"`);
            addresses.set(`${f.lan}/${addr}`, iat);
            const subnet = formatPrefix({ addr: networkOf(addr, prefix.len), len: prefix.len });
            const seen = lanSubnets.get(f.lan);
            if (seen !== undefined && seen !== subnet) errors.push(`${iat}.address: lan "${f.lan}" is ${seen}, ${f.address as string} is not on it`);
            lanSubnets.set(f.lan, seen ?? subnet);
          }
        }
        if (f.lan !== undefined && (typeof f.lan !== 'string' || f.lan === '')) errors.push(`${iat}.lan: must be a non-empty string`);
        if (f.altname !== undefined && (typeof f.altname !== 'string' || !IFNAME_RE.test(f.altname))) errors.push(`${iat}.altname: must be an interface name`);
      });
    }
    for (const key of ['defaultRoute', 'resolver'] as const) {
      const v = h[key];
      if (v === undefined) continue;
      const addr = typeof v === 'string' ? parseIp(v) : undefined;
      if (addr === undefined) errors.push(`${at}.${key}: ${JSON.stringify(v)} is not an IPv4 address`);
      else if (key === 'defaultRoute' && subnets.length > 0 && !subnets.some((s) => inPrefix(addr, { addr: networkOf(s.addr, s.len), len: s.len }))) {
        errors.push(`${at}.defaultRoute: ${v as string} is not on the subnet of any interface (Nexthop has invalid gateway)`);
      }
    }
    for (const key of ['tools', 'withoutTools'] as const) {
      const v = h[key];
      if (v === undefined) continue;
      if (!isStringArray(v)) errors.push(`${at}.${key}: must be an array of program names`);
      else for (const t of v) if (!knownTools.includes(t)) errors.push(`${at}.${key}: the simulator has no program "${t}" (known: ${knownTools.join(' ')})`);
    }
    if (h.images !== undefined) {
      if (!isStringArray(h.images)) errors.push(`${at}.images: must be an array of image names`);
      else for (const img of h.images) if (!knownImages.includes(img.replace(/:latest$/, ''))) errors.push(`${at}.images: the simulator has no image "${img}" (known: ${knownImages.join(' ')})`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profile: value as HostProfile };
}

/** Parse and validate profile JSON text; errors are ready to print. */
export function parseProfile(text: string, knownTools: readonly string[], knownImages: readonly string[]): ProfileCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return validateProfile(value, knownTools, knownImages);
}
