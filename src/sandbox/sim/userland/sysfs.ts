/**
 * /sys/class/net as sysfs shows it in the reader's network namespace (a container sees its own
 * devices): one directory per device with ifindex, iflink (a veth's peer's ifindex, which is how
 * one finds the host end of a container's eth0), address, mtu and operstate.
 */
import { formatHwAddr } from '../kernel/hwaddr.ts';
import { operState, type Link } from '../kernel/link.ts';
import type { Netns } from '../kernel/netns.ts';

const CLASS_NET = '/sys/class/net';

/** The attribute files of a device directory, in the order `ls` shows them. */
const ATTRIBUTES: Readonly<Record<string, (link: Link) => string>> = {
  address: (link) => formatHwAddr(link.mac),
  ifindex: (link) => String(link.ifindex),
  iflink: (link) => String(link.kind === 'veth' && link.peer ? link.peer.ifindex : link.ifindex),
  mtu: (link) => String(link.mtu),
  operstate: (link) => operState(link).toLowerCase(),
};

/** What a path under /sys is: a directory's entries, a file's text, or nothing (ENOENT). */
export type SysfsEntry = { kind: 'dir'; entries: string[] } | { kind: 'file'; text: string } | undefined;

/** Look `path` (normalised, absolute) up under /sys; undefined for paths outside /sys. */
export function sysfsEntry(ns: Netns, path: string): SysfsEntry | 'outside' {
  if (path !== '/sys' && !path.startsWith('/sys/')) return 'outside';
  if (path === '/sys') return { kind: 'dir', entries: ['class'] };
  if (path === '/sys/class') return { kind: 'dir', entries: ['net'] };
  if (path === CLASS_NET) return { kind: 'dir', entries: ns.links.map((l) => l.name).sort() };
  if (!path.startsWith(`${CLASS_NET}/`)) return undefined;
  const [name, attribute, ...rest] = path.slice(CLASS_NET.length + 1).split('/');
  const link = ns.links.find((l) => l.name === name);
  if (!link || rest.length > 0) return undefined;
  if (attribute === undefined) return { kind: 'dir', entries: Object.keys(ATTRIBUTES) };
  const read = ATTRIBUTES[attribute];
  return read ? { kind: 'file', text: `${read(link)}\n` } : undefined;
}
