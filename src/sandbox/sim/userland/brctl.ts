/** brctl (bridge-utils 1.7) and bridge (iproute2): the host's Linux bridges, their ports and FDB. */
import { formatHwAddr } from '../kernel/hwaddr.ts';
import { bridgePorts, hasCarrier, type Link } from '../kernel/link.ts';
import { linkByName } from '../kernel/netns.ts';
import { iprouteFlags, linkDisplayName } from './link-display.ts';
import type { Proc } from './proc.ts';
import { failWith, type Tool } from './registry.ts';

function byName(a: Link, b: Link): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** brctl show [BRIDGE]: bridges and their ports, sorted by name as bridge-utils reads /sys. */
export const brctl: Tool = async (p, ctx) => {
  const [cmd, ...rest] = ctx.argv.slice(1);
  if (cmd === undefined || cmd === 'show') {
    let bridges = p.netns.links.filter((l) => l.kind === 'bridge').sort(byName);
    if (rest[0] !== undefined) {
      const br = linkByName(p.netns, rest[0]);
      if (br?.kind !== 'bridge') return failWith(ctx, `bridge ${rest[0]} does not exist!`);
      bridges = [br];
    }
    let out = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';
    for (const br of bridges) {
      const ports = bridgePorts(br).sort(byName);
      out += `${br.name}\t\t8000.${(br.bridgeId ?? br.mac).map((b) => b.toString(16).padStart(2, '0')).join('')}\tno\t\t${ports[0]?.name ?? ''}\n`;
      for (const port of ports.slice(1)) out += `\t\t\t\t\t\t\t${port.name}\n`;
    }
    ctx.io.stdout(out);
    return 0;
  }
  if (cmd === 'showmacs') {
    const br = linkByName(p.netns, rest[0] ?? '');
    if (br?.kind !== 'bridge') return failWith(ctx, `read of forward table failed: No such device`);
    const ports = bridgePorts(br);
    let out = 'port no\tmac addr\t\tis local?\tageing timer\n';
    const rows: [number, string, boolean][] = [];
    for (const [i, port] of ports.entries()) rows.push([i + 1, formatHwAddr(port.mac), true]);
    br.fdb?.forEach((port, mac) => {
      if (ports.includes(port))
        rows.push([
          ports.indexOf(port) + 1,
          mac
            .split(':')
            .map((x) => Number(x).toString(16).padStart(2, '0'))
            .join(':'),
          false,
        ]);
    });
    rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    for (const [no, mac, local] of rows) out += `${String(no).padStart(3)}\t${mac}\t${local ? 'yes' : 'no'}\t\t${local ? '   0.00' : '   1.00'}\n`;
    ctx.io.stdout(out);
    return 0;
  }
  if (['addbr', 'delbr', 'addif', 'delif', 'stp'].includes(cmd)) {
    if (p.container) return failWith(ctx, `add bridge failed: Operation not permitted`);
    return failWith(ctx, `brctl ${cmd}: not supported in this sandbox; use "ip link" instead`);
  }
  return failWith(ctx, `never heard of command [${cmd}]\nUsage: brctl [commands]`);
};

function portState(l: Link): string {
  return hasCarrier(l) ? 'forwarding' : 'disabled';
}

/** bridge link | bridge fdb (iproute2). */
export const bridge: Tool = async (p: Proc, ctx) => {
  const [object, ...rest] = ctx.argv.slice(1);
  const ports = p.netns.links.filter((l) => l.master && l.master.kind === 'bridge').sort((a, b) => a.ifindex - b.ifindex);
  const devFilter = rest[0] === 'show' ? rest.slice(1) : rest;
  const dev = devFilter[0] === 'dev' ? devFilter[1] : undefined;
  const wanted = (l: Link) => dev === undefined || l.name === dev || l.master?.name === dev;
  if (object === undefined || 'link'.startsWith(object)) {
    const lines = ports.filter(wanted).map((l) => {
      return `${l.ifindex}: ${linkDisplayName(l)}: <${iprouteFlags(l).join(',')}> mtu ${l.mtu} master ${l.master?.name ?? ''} state ${portState(l)} priority 32 cost ${l.kind === 'vxlan' ? 100 : 2} \n`;
    });
    ctx.io.stdout(lines.join(''));
    return 0;
  }
  if ('fdb'.startsWith(object)) {
    const lines: string[] = [];
    const bridges = p.netns.links.filter((l) => l.kind === 'bridge');
    for (const br of bridges) {
      for (const port of bridgePorts(br)) {
        if (!wanted(port)) continue;
        br.fdb?.forEach((learned, mac) => {
          if (learned !== port) return;
          const hex = mac
            .split(':')
            .map((x) => Number(x).toString(16).padStart(2, '0'))
            .join(':');
          lines.push(`${hex} dev ${port.name} master ${br.name} `);
        });
        lines.push(`${formatHwAddr(port.mac)} dev ${port.name} vlan 1 master ${br.name} permanent`, `${formatHwAddr(port.mac)} dev ${port.name} master ${br.name} permanent`);
        lines.push(`33:33:00:00:00:01 dev ${port.name} self permanent`, `01:00:5e:00:00:01 dev ${port.name} self permanent`);
      }
      if (wanted(br)) lines.push(`${formatHwAddr(br.mac)} dev ${br.name} vlan 1 master ${br.name} permanent`, `${formatHwAddr(br.mac)} dev ${br.name} master ${br.name} permanent`);
    }
    ctx.io.stdout(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  return failWith(ctx, `Object "${object}" is unknown, try "bridge help".`, 1);
};
