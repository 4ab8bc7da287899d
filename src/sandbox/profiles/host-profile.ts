/**
 * Host profiles: the machines of a sandbox as data (README: "Host profiles"), shared by every driver.
 * A profile lists hosts with their interfaces and addresses, default route, upstream resolver,
 * installed tools and preloaded images. Interfaces that name the same `lan` are plugged into one
 * switch; the interface whose subnet holds the default route sits behind a VirtualBox-style NAT
 * router (gateway and DNS forwarder answer there, the Internet answers pings, nothing else leaves
 * the sandbox). The format is a zod schema; every problem is reported with its place.
 */
import * as z from 'zod/mini';
import { formatPrefix, inPrefix, networkOf, parseIp, parsePrefix, type Prefix } from '../sim/kernel/ipv4.ts';
import { formatIssues } from './issue-paths.ts';

// Here for the profile's other users; the simulator imports it from its own module (no zod in the browser's worker).
export { lanNeighbours } from './lan-neighbours.ts';

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
  /** Programs installed on the host; the Debian host set when omitted. */
  tools?: string[];
  /** Programs removed from `tools` (e.g. ["ping"] for a host without iputils). */
  withoutTools?: string[];
  /** Images already pulled, as repository[:tag]; every course image when omitted. */
  images?: string[];
  /**
   * net.ipv4.ip_forward when the VM boots, before dockerd starts. false (the default) is a stock
   * Debian/Ubuntu VM: dockerd turns forwarding on itself and so sets the filter FORWARD policy to DROP,
   * as libnetwork does. true is a host that already forwarded (a router, Docker Desktop): the policy
   * stays ACCEPT.
   */
  ipForward?: boolean;
  /**
   * The VM's kernel as `uname -r` and `uname -v` print it (containers share it); Debian 12's
   * 6.1.0-18-amd64 when omitted. A learner's machine has its own, which is why recordings differ.
   */
  kernel?: KernelSpec;
}

/** A kernel's release and version strings (/proc/sys/kernel/osrelease and version). */
export interface KernelSpec {
  /** e.g. "6.1.0-18-amd64". */
  release: string;
  /** e.g. "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)". */
  version: string;
}

/** A whole profile. */
export interface HostProfile {
  /** Shown in messages; informative only. */
  name?: string;
  /** Free text for the reader of the file. */
  description?: string;
  hosts: HostSpec[];
  /** Folders every host mounts and sees the same files in, like Vagrant's synced /vagrant. */
  sharedFolders?: string[];
}

/** What a profile may name: the programs and images the sandbox can provide. */
export interface ProfileVocabulary {
  tools: readonly string[];
  images: readonly string[];
}

/** Validation result: the profile, or every problem found, each naming its JSON path. */
export type ProfileCheck = { ok: true; profile: HostProfile } | { ok: false; errors: string[] };

const NAME_RE = /^[a-z][a-z0-9-]{0,31}$/;
const IFNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;
const HOSTNAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9.-]{0,62}$/;
const ABSOLUTE_PATH_RE = /^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const SYSTEM_FOLDERS = ['/etc', '/proc', '/sys', '/dev'];
const MAX_HOSTS = 8;

/** A string that passes `test`, with one message for both a wrong type and a failed test. */
function text(message: string | ((input: unknown) => string), test: (value: string) => boolean = () => true) {
  const error = typeof message === 'string' ? message : (issue: { input?: unknown }) => message(issue.input);
  return z.string({ error }).check(z.refine(test, { error }));
}

/** A strict object whose unknown keys are each reported with the keys it knows. */
function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, notAnObject: string) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `unknown key "${key}" (known: ${known})`).join('\n') : notAnObject),
  });
}

/** A non-empty array of `element`, at most `max` long. */
function nonEmptyArray<Element extends z.core.SomeType>(element: Element, max = Infinity, tooMany = '') {
  const empty = 'must be a non-empty array';
  return z.array(element, { error: empty }).check(z.minLength(1, { error: empty }), z.maxLength(max, { error: tooMany }));
}

/** The address of an interface as a prefix, when it is a host address with a usable prefix length. */
function interfacePrefix(address: string): Prefix | undefined {
  const prefix = address.includes('/') ? parsePrefix(address) : undefined;
  return prefix && prefix.len >= 8 && prefix.len <= 30 ? prefix : undefined;
}

const interfaceSchema = strictObject(
  {
    name: text('must be an interface name like "eth0"', (name) => IFNAME_RE.test(name) && name !== 'lo'),
    address: text(
      (input) => `${JSON.stringify(input)} is not an IPv4 address with a prefix length from /8 to /30 (like "10.0.2.15/24")`,
      (address) => interfacePrefix(address) !== undefined,
    ).check(
      z.refine(
        (address) => {
          const prefix = interfacePrefix(address);
          return prefix === undefined || prefix.addr !== networkOf(prefix.addr, prefix.len);
        },
        { error: (issue) => `${String(issue.input)} is the network address, not a host address` },
      ),
    ),
    lan: z.optional(text('must be a non-empty string', (lan) => lan !== '')),
    altname: z.optional(text('must be an interface name', (name) => IFNAME_RE.test(name))),
  },
  'must be an object',
);

const ipv4 = text(
  (input) => `${JSON.stringify(input)} is not an IPv4 address`,
  (value) => parseIp(value) !== undefined,
);

/** A list of names each of which must be in `known`; one message per unknown name, at the list. */
function namesFrom(known: readonly string[], notAList: string, unknown: (name: string) => string) {
  return z.array(z.string(), { error: notAList }).check(
    z.superRefine((names, context) => {
      for (const name of names) if (!known.includes(name)) context.addIssue({ code: 'custom', message: unknown(name) });
    }),
  );
}

function hostSchema(vocabulary: ProfileVocabulary) {
  const tools = namesFrom(vocabulary.tools, 'must be an array of program names', (tool) => `the simulator has no program "${tool}" (known: ${vocabulary.tools.join(' ')})`);
  const images = namesFrom(
    vocabulary.images.flatMap((image) => [image, `${image}:latest`]),
    'must be an array of image names',
    (image) => `the simulator has no image "${image}" (known: ${vocabulary.images.join(' ')})`,
  );
  return strictObject(
    {
      name: text('must be a lower-case name like "node1"', (name) => NAME_RE.test(name)),
      hostname: z.optional(text('must be a valid hostname', (name) => HOSTNAME_RE.test(name))),
      interfaces: nonEmptyArray(interfaceSchema),
      defaultRoute: z.optional(ipv4),
      resolver: z.optional(ipv4),
      tools: z.optional(tools),
      withoutTools: z.optional(tools),
      images: z.optional(images),
      ipForward: z.optional(z.boolean({ error: 'must be true or false' })),
      kernel: z.optional(
        strictObject(
          {
            release: text('must be a kernel release like "6.1.0-18-amd64"', (release) => /^[\w.+~-]{1,64}$/.test(release)),
            version: text('must be a kernel version like "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"', (version) => /^#[^\n]{1,100}$/.test(version)),
          },
          'must be an object with release and version',
        ),
      ),
    },
    'must be an object',
  ).check(z.superRefine(checkHost));
}

/** Within a host: interface names once each, the default route's gateway on an interface's subnet. */
function checkHost(host: HostSpec, context: z.core.$RefinementCtx<HostSpec>): void {
  const names = new Set<string>();
  host.interfaces.forEach((spec, k) => {
    if (names.has(spec.name)) context.addIssue({ code: 'custom', path: ['interfaces', k, 'name'], message: `"${spec.name}" appears twice` });
    names.add(spec.name);
  });
  const gateway = host.defaultRoute === undefined ? undefined : parseIp(host.defaultRoute);
  const subnets = host.interfaces.flatMap((spec) => interfacePrefix(spec.address) ?? []);
  if (gateway !== undefined && subnets.length > 0 && !subnets.some((subnet) => inPrefix(gateway, subnet))) {
    context.addIssue({ code: 'custom', path: ['defaultRoute'], message: `${host.defaultRoute} is not on the subnet of any interface (Nexthop has invalid gateway)` });
  }
}

/** Across hosts: unique node names, one subnet per LAN, no address twice on a LAN. */
function checkAcrossHosts(hosts: HostSpec[], context: z.core.$RefinementCtx<HostSpec[]>): void {
  const names = new Set<string>();
  const lanSubnets = new Map<string, string>();
  const owners = new Map<string, string>();
  hosts.forEach((host, i) => {
    if (names.has(host.name)) context.addIssue({ code: 'custom', path: [i, 'name'], message: `"${host.name}" is used by another host` });
    names.add(host.name);
    host.interfaces.forEach((spec, k) => {
      const prefix = interfacePrefix(spec.address);
      if (spec.lan === undefined || prefix === undefined) return;
      const path = [i, 'interfaces', k, 'address'];
      const key = `${spec.lan}/${prefix.addr}`;
      const owner = owners.get(key);
      if (owner) context.addIssue({ code: 'custom', path, message: `${spec.address} is already used by ${owner} on lan "${spec.lan}"` });
      owners.set(key, `hosts[${i}].interfaces[${k}]`);
      const subnet = formatPrefix({ addr: networkOf(prefix.addr, prefix.len), len: prefix.len });
      const seen = lanSubnets.get(spec.lan);
      if (seen !== undefined && seen !== subnet) context.addIssue({ code: 'custom', path, message: `lan "${spec.lan}" is ${seen}, ${spec.address} is not on it` });
      lanSubnets.set(spec.lan, seen ?? subnet);
    });
  });
}

/** Shared folders: absolute paths outside the system's own. */
function checkSharedFolders(folders: string[], context: z.core.$RefinementCtx<string[]>): void {
  for (const folder of folders) {
    if (!ABSOLUTE_PATH_RE.test(folder) || SYSTEM_FOLDERS.some((system) => folder === system || folder.startsWith(`${system}/`))) {
      context.addIssue({ code: 'custom', message: `"${folder}" must be an absolute path outside /etc, /proc, /sys and /dev` });
    }
  }
}

/** The schema of a profile whose hosts may name `vocabulary`'s programs and images. */
export function hostProfileSchema(vocabulary: ProfileVocabulary) {
  return strictObject(
    {
      name: z.optional(text('must be a string')),
      description: z.optional(text('must be a string')),
      hosts: nonEmptyArray(hostSchema(vocabulary), MAX_HOSTS, `at most ${MAX_HOSTS} hosts`).check(z.superRefine(checkAcrossHosts)),
      sharedFolders: z.optional(z.array(z.string(), { error: 'must be an array of absolute paths' }).check(z.superRefine(checkSharedFolders))),
    },
    'the profile must be a JSON object with a "hosts" array',
  );
}

/** Check a parsed JSON value against the format; collects every problem. */
export function validateProfile(value: unknown, vocabulary: ProfileVocabulary): ProfileCheck {
  const parsed = hostProfileSchema(vocabulary).safeParse(value);
  return parsed.success ? { ok: true, profile: parsed.data } : { ok: false, errors: formatIssues(parsed.error.issues) };
}

/** Parse and validate profile JSON text; errors are ready to print. */
export function parseProfile(json: string, vocabulary: ProfileVocabulary): ProfileCheck {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return validateProfile(value, vocabulary);
}
