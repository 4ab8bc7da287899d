/** ss (iproute2): listening sockets in the layout ss uses on an 80-column terminal. */
import { proxyPid } from '../daemon/portmapper.ts';
import { formatIp } from '../kernel/ipv4.ts';
import type { Socket } from '../kernel/socket.ts';
import { failWith, type Tool } from './registry.ts';

/** One of ss's output columns (misc/ss.c `columns`): alignment, header, left delimiter. */
interface Column {
  align: 'left' | 'right';
  header: string;
  ldelim: string;
}

const COLUMNS: readonly Column[] = [
  { align: 'left', header: 'Netid', ldelim: '' },
  { align: 'left', header: 'State', ldelim: ' ' },
  { align: 'left', header: 'Recv-Q', ldelim: ' ' },
  { align: 'left', header: 'Send-Q', ldelim: ' ' },
  { align: 'right', header: 'Local Address:', ldelim: ' ' },
  { align: 'left', header: 'Port', ldelim: '' },
  { align: 'right', header: 'Peer Address:', ldelim: ' ' },
  { align: 'left', header: 'Port', ldelim: '' },
  { align: 'left', header: 'Process', ldelim: '' },
  { align: 'left', header: '', ldelim: '' },
];

/**
 * ss's render(): each column as wide as its widest field (plus its delimiter), columns broken
 * into lines of `screen` width, and each line's spare width spread over its columns (the odd
 * columns' share to the rightmost). Fields of a row that overflow still print on one line.
 */
function render(rows: readonly string[][], enabled: readonly boolean[], screen: number): string {
  const width = COLUMNS.map(() => 0);
  let first = true;
  COLUMNS.forEach((c, i) => {
    if (!enabled[i]) return;
    const max = Math.max(0, ...rows.map((r) => (r[i] ?? '').length));
    width[i] = Math.min(!first && max > 0 ? max + c.ldelim.length : max, screen);
    if (width[i]) first = false;
  });
  let len = 0;
  let lineCols = 0;
  let eol = -1;
  for (let i = 0; i < COLUMNS.length; i++) {
    if (!width[i]) continue;
    lineCols++;
    len += width[i] ?? 0;
    const last = !width.slice(i + 1).some((w) => w > 0);
    if (!last && len < screen) continue;
    if (len !== screen) {
      let end = i;
      if (len > screen) {
        // This column starts the next line: spread the space over the ones before it.
        len -= width[i] ?? 0;
        end = i - 1;
        lineCols--;
      }
      const pad = screen - len;
      let rem = pad % lineCols;
      for (let t = end; t > eol; t--) {
        if (!width[t]) continue;
        width[t] = (width[t] ?? 0) + Math.floor(pad / lineCols) + (rem > 0 ? 1 : 0);
        if (rem > 0) rem--;
      }
      i = end;
    }
    eol = i;
    len = 0;
    lineCols = 0;
  }
  return rows
    .map((r) => {
      let line = '';
      let started = false;
      COLUMNS.forEach((c, i) => {
        if (!enabled[i] || !width[i]) return;
        const field = r[i] ?? '';
        let printed = started ? c.ldelim.length : 0;
        line += started ? c.ldelim : '';
        started = true;
        const w = width[i] ?? 0;
        if (c.align === 'right') {
          const s = w - field.length - printed;
          if (s > 0) line += ' '.repeat(s);
          printed += Math.max(0, s);
        }
        line += field;
        printed += field.length;
        if (c.align === 'left' && w - printed > 0) line += ' '.repeat(w - printed);
      });
      return `${line}\n`;
    })
    .join('');
}

/** ss [-t] [-u] [-l] [-n] [-p]. */
export const ss: Tool = async (p, ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .map((a) => a.slice(1))
    .join('');
  const bad = [...flags].find((f) => !'tulnpa4-'.includes(f));
  if (bad) return failWith(ctx, `ss: invalid option -- '${bad}'`, 1);
  const tcp = flags.includes('t') || !flags.includes('u');
  const udp = flags.includes('u');
  const withProcess = flags.includes('p');
  const sockets = p.netns.sockets.filter((s) => (s.proto === 'tcp' && tcp) || (s.proto === 'udp' && udp));
  const ordered = [...sockets.filter((s) => !s.v6), ...sockets.filter((s) => s.v6)];
  // A docker-proxy socket belongs to the process ps lists for it; other services get a stable stand-in.
  const proxyOwner = (s: Socket) => {
    for (const c of p.daemon.containers) {
      const i = c.proxies.indexOf(s);
      if (i >= 0) return proxyPid(c.pid, i);
    }
    return undefined;
  };
  const pidOf = (s: Socket) => proxyOwner(s) ?? 1000 + (s.port % 7000);
  // Each docker-proxy is a process of its own (fd 4); a service with both families has the IPv6 one next.
  const fdOf = (s: Socket) => (s.v6 && proxyOwner(s) === undefined ? 7 : 4);
  // Only one protocol asked for: no Netid column (ss disables it for a single socket table).
  const enabled = COLUMNS.map((_, i) => i !== 0 || (tcp && udp));
  const rows: string[][] = [COLUMNS.map((c) => c.header)];
  for (const s of ordered) {
    const addr = s.v6 ? (s.addr === 0 ? '[::]' : `[::ffff:${formatIp(s.addr)}]`) : s.addr === 0 ? '0.0.0.0' : formatIp(s.addr);
    const peer = s.v6 ? '[::]' : '0.0.0.0';
    const process = withProcess ? ` users:(("${s.process}",pid=${pidOf(s)},fd=${fdOf(s)}))` : '';
    const state = s.proto === 'tcp' ? 'LISTEN' : 'UNCONN';
    // Recv-Q and Send-Q print as %-6d; a listener's Send-Q is its backlog.
    rows.push([s.proto, state, '0'.padEnd(6), (s.proto === 'tcp' ? '4096' : '0').padEnd(6), `${addr}:`, String(s.port), `${peer}:`, '*', process, '']);
  }
  const out = render(rows, enabled, ctx.session.columns());
  ctx.io.stdout(out);
  return 0;
};
