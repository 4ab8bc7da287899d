/**
 * `ip link add|set|delete` (iproute2 iplink.c): the request is parsed first, with iproute2's own
 * messages for what it cannot parse (exit 255), then the device is looked up ("Cannot find
 * device", exit 1), then the kernel answers through rtnetlink ("RTNETLINK answers: …" or its
 * extended ack "Error: …", exit 2).
 */
import { strerror, type Errno } from '../kernel/errno.ts';
import type { HwAddr } from '../kernel/hwaddr.ts';
import type { Link } from '../kernel/link.ts';
import { linkByName, type Netns } from '../kernel/netns.ts';
import { addLink, deleteLink, moveLinkToNetns, renameLink, setLinkHwAddr, setLinkMaster, setLinkMtu, setLinkUp } from '../kernel/rtnetlink/links.ts';
import { namedNetns, netnsOfPid } from './netns-paths.ts';
import type { Proc } from './proc.ts';
import type { ProgramContext } from './program.ts';
import { failWith } from './registry.ts';

/** What an `ip link` change is told to do, parsed. */
interface LinkRequest {
  dev?: string;
  up?: boolean;
  name?: string;
  mtu?: number;
  address?: HwAddr;
  /** A bridge to enslave to, or null for nomaster. */
  master?: Link | null;
  netns?: { ns: Netns } | { pid: number };
  type?: string;
  /** veth: the peer's name ("veth%d" when not given). */
  peer?: string;
}

/** IFNAMSIZ - 1: longer names fail the kernel's attribute policy. */
const MAX_IFNAME = 15;

/** The kernel devices `ip link add … type TYPE` can make here. */
const CREATABLE = new Set(['veth', 'bridge', 'dummy']);

/** A parse failure: iproute2's message and status. */
interface ParseError {
  message: string;
  status: number;
}

const INCOMPLETE: ParseError = { message: 'Command line is not complete. Try option "help"', status: 255 };

function invalidArg(value: string, what: string): ParseError {
  return { message: `Error: argument "${value}" is wrong: ${what}\n\n`, status: 255 };
}

/** A MAC address as iproute2 reads one (ll_addr_a2n). */
export function parseLladdr(text: string): HwAddr | undefined {
  const parts = text.split(':');
  if (parts.length !== 6 || parts.some((x) => !/^[0-9a-fA-F]{1,2}$/.test(x))) return undefined;
  return parts.map((x) => parseInt(x, 16));
}

/** iplink_parse: keywords with their values, the device name, and for `add` the type's own arguments. */
function parseRequest(p: Proc, args: readonly string[], adding: boolean): LinkRequest | ParseError {
  const req: LinkRequest = {};
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    switch (word) {
      case 'up':
      case 'down':
        req.up = word === 'up';
        continue;
      case 'name': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        if (adding) req.dev = v;
        else req.name = v;
        continue;
      }
      case 'mtu': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        if (!/^\d+$/.test(v)) return invalidArg(v, 'Invalid "mtu" value');
        req.mtu = Number(v);
        continue;
      }
      case 'address': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        const mac = parseLladdr(v);
        if (!mac) return { message: `"${v}" is invalid lladdr.`, status: 1 };
        req.address = mac;
        continue;
      }
      case 'master': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        const br = linkByName(p.netns, v);
        if (!br) return invalidArg(v, 'Device does not exist');
        req.master = br;
        continue;
      }
      case 'nomaster':
        req.master = null;
        continue;
      case 'netns': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        const ns = namedNetns(p, v);
        if (ns) req.netns = { ns };
        else if (/^\d+$/.test(v)) req.netns = { pid: Number(v) };
        else return invalidArg(v, 'Invalid "netns" value');
        continue;
      }
      case 'type': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        req.type = v;
        // The rest belongs to the type (veth: peer [name] PEER).
        const rest = args.slice(i + 1);
        i = args.length;
        if (v === 'veth' && rest[0] === 'peer') {
          const named = rest[1] === 'name';
          const peer = named ? rest[2] : rest[1];
          if (peer === undefined) return INCOMPLETE;
          req.peer = peer;
        }
        continue;
      }
      case 'dev': {
        const v = value();
        if (v === undefined) return INCOMPLETE;
        req.dev = v;
        continue;
      }
      default:
        if (req.dev !== undefined) return { message: `Error: either "dev" is duplicate, or "${word}" is a garbage.`, status: 255 };
        req.dev = word;
    }
  }
  return req;
}

function isParseError(r: LinkRequest | ParseError): r is ParseError {
  return 'message' in r;
}

/** How the kernel's refusal of a change reads (its extended ack where it gives one). */
function kernelAnswer(err: Errno, what: 'mtu-low' | 'mtu-high' | 'netns' | 'other'): string {
  if (what === 'netns' && err === 'EINVAL') return 'Error: The interface netns is immutable.';
  if (what === 'mtu-low') return 'Error: mtu less than device minimum.';
  if (what === 'mtu-high') return 'Error: mtu greater than device maximum.';
  return `RTNETLINK answers: ${strerror(err)}`;
}

/** CAP_NET_ADMIN: the host's root has it; a container only when given it. */
function mayAdminister(p: Proc): boolean {
  return !p.container || p.container.config.netAdmin === true;
}

/** Apply a parsed request to an existing device, in the kernel's order (do_setlink). */
function applyRequest(p: Proc, ctx: ProgramContext, l: Link, req: LinkRequest): number {
  if (req.netns) {
    const to = 'ns' in req.netns ? req.netns.ns : netnsOfPid(p, req.netns.pid);
    if (!to) return failWith(ctx, 'RTNETLINK answers: No such process', 2);
    const err = moveLinkToNetns(l, to);
    if (err) return failWith(ctx, kernelAnswer(err, 'netns'), 2);
  }
  if (req.address) {
    const err = setLinkHwAddr(l, req.address);
    if (err) return failWith(ctx, kernelAnswer(err, 'other'), 2);
  }
  if (req.mtu !== undefined) {
    const err = setLinkMtu(l, req.mtu);
    if (err) return failWith(ctx, kernelAnswer(err, req.mtu < 68 ? 'mtu-low' : 'mtu-high'), 2);
  }
  if (req.name !== undefined) {
    if (req.name.length > MAX_IFNAME) return failWith(ctx, 'Error: Attribute failed policy validation.', 2);
    const err = renameLink(l, req.name);
    if (err) return failWith(ctx, kernelAnswer(err, 'other'), 2);
  }
  if (req.up !== undefined) setLinkUp(l, req.up);
  if (req.master !== undefined) {
    const err = setLinkMaster(l, req.master ?? undefined);
    if (err) return failWith(ctx, kernelAnswer(err, 'other'), 2);
  }
  return 0;
}

function denied(p: Proc, ctx: ProgramContext): number {
  return failWith(ctx, `${p.toolset === 'busybox' ? 'ip: ' : ''}RTNETLINK answers: Operation not permitted`, 2);
}

/** ip link set [dev] DEV …: parse, find the device, apply. */
export function linkSet(p: Proc, ctx: ProgramContext, args: readonly string[]): number {
  const req = parseRequest(p, args, false);
  if (isParseError(req)) return failWith(ctx, req.message, req.status);
  if (req.dev === undefined) return failWith(ctx, 'Not enough information: "dev" argument is required.', 255);
  const l = linkByName(p.netns, req.dev);
  if (!l) return failWith(ctx, p.toolset === 'busybox' ? `ip: can't find device '${req.dev}'` : `Cannot find device "${req.dev}"`);
  if (!mayAdminister(p)) return p.toolset === 'busybox' ? failWith(ctx, 'ip: SIOCSIFFLAGS: Operation not permitted', 2) : denied(p, ctx);
  return applyRequest(p, ctx, l, req);
}

/** ip link add [name] NAME type TYPE [peer [name] PEER] [mtu N] [address MAC] [up] …. */
export function linkAdd(p: Proc, ctx: ProgramContext, args: readonly string[]): number {
  const req = parseRequest(p, args, true);
  if (isParseError(req)) return failWith(ctx, req.message, req.status);
  if (req.type === undefined) return failWith(ctx, 'Not enough information: "type" argument is required');
  if (!mayAdminister(p)) return denied(p, ctx);
  if (!CREATABLE.has(req.type)) return failWith(ctx, 'Error: Unknown device type.', 2);
  if (req.dev === undefined) return failWith(ctx, 'Not enough information: "dev" argument is required.', 255);
  if (req.dev.length > MAX_IFNAME || (req.peer?.length ?? 0) > MAX_IFNAME) return failWith(ctx, 'Error: Attribute failed policy validation.', 2);
  const made = addLink(p.netns, { name: req.dev, kind: req.type as 'veth' | 'bridge' | 'dummy', ...(req.peer !== undefined ? { peer: req.peer } : {}) });
  if (typeof made === 'string') return failWith(ctx, kernelAnswer(made, 'other'), 2);
  const { dev: _dev, type: _type, peer: _peer, ...changes } = req;
  const status = applyRequest(p, ctx, made, changes);
  if (status !== 0) deleteLink(made);
  return status;
}

/** ip link delete [dev] DEV [type TYPE]: a veth takes its peer along, lo cannot go. */
export function linkDelete(p: Proc, ctx: ProgramContext, args: readonly string[]): number {
  const req = parseRequest(p, args, false);
  if (isParseError(req)) return failWith(ctx, req.message, req.status);
  if (req.dev === undefined) return failWith(ctx, 'Not enough information: "dev" argument is required.', 255);
  const l = linkByName(p.netns, req.dev);
  if (!l) return failWith(ctx, `Cannot find device "${req.dev}"`);
  if (!mayAdminister(p)) return denied(p, ctx);
  const err = deleteLink(l);
  return err ? failWith(ctx, kernelAnswer(err, 'other'), 2) : 0;
}
