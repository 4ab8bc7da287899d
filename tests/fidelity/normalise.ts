/**
 * Normalisation of terminal output for comparing the simulator with recordings of a real engine.
 *
 * Volatile values (random IDs and MACs, veth names, interface indexes, times, durations,
 * counters) become stable placeholders numbered by first appearance within ONE scenario, so two
 * runs that print "the same thing" normalise to the same text. Apply it to the recording and to
 * the simulator's replay of the same scenario alike: `normaliseScenario(records)`.
 * Framework-free: imported by the fidelity test and usable by the simulator's own tests.
 * The rules are listed in tests/fidelity/README.md; keep the two in step.
 */
import type { Recorded } from './scenario.ts';

/** Per-scenario memory: the same volatile value maps to the same placeholder everywhere. */
export interface NormaliseState {
  ids: Map<string, string>;
  macs: Map<string, string>;
  vethNames: Map<string, string>;
  ifIndexes: Map<string, string>;
  linkLocal: Map<string, string>;
  swarmIds: Map<string, string>;
  /** IPv4 addresses printed anywhere in the scenario: a MAC 02:42:a:b:c:d that encodes one is
   * Docker's deterministic container MAC and is kept. */
  ipv4: Set<string>;
  /** Upstream resolvers seen in `nameserver X` lines (not 127.0.0.11): host-specific. */
  hostDns: Set<string>;
  /** 12-character prefixes of the swarm IDs printed anywhere in the scenario (`network ls`
   * shows the prefix before `network inspect` shows the whole ID). */
  swarmPrefixes: Set<string>;
  /** 12-hex prefixes of the 64-hex IDs printed anywhere in the scenario: a short ID made only of
   * digits is recognised by being one of them. */
  idPrefixes: Set<string>;
}

const SWARM_ID = /\b(?=[0-9a-z]*[a-z])(?=[0-9a-z]*[0-9])[0-9a-z]{25}\b/g;

/** A fresh state that knows every output of the scenario (for MAC and DNS decisions). */
export function createNormaliseState(outputs: readonly string[]): NormaliseState {
  const ipv4 = new Set<string>();
  const hostDns = new Set<string>();
  const swarmPrefixes = new Set<string>();
  const idPrefixes = new Set<string>();
  for (const text of outputs) {
    for (const m of text.matchAll(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g)) idPrefixes.add(m[0].slice(0, 12));
    for (const m of text.matchAll(SWARM_ID)) swarmPrefixes.add(m[0].slice(0, 12));
    for (const m of text.matchAll(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g)) ipv4.add(m[0]);
    for (const m of text.matchAll(/^nameserver\s+(\S+)/gm)) {
      if (m[1] !== undefined && m[1] !== '127.0.0.11') hostDns.add(m[1]);
    }
  }
  return {
    ids: new Map(),
    macs: new Map(),
    vethNames: new Map(),
    ifIndexes: new Map(),
    linkLocal: new Map(),
    swarmIds: new Map(),
    ipv4,
    hostDns,
    swarmPrefixes,
    idPrefixes,
  };
}

/** Normalise every output of one scenario (recording or replay), numbering placeholders per scenario. */
export function normaliseScenario(records: readonly Recorded[]): Recorded[] {
  const state = createNormaliseState(records.map((r) => r.output));
  return records.map((r) => ({ cmd: r.cmd, output: normaliseOutput(maskVolatileColumns(r.cmd, canonicaliseOrder(r.cmd, r.output)), state), exit: r.exit }));
}

/** Columns of `docker top` and `docker stats` tables whose values are the machine's, by header. */
const VOLATILE_COLUMNS: readonly [RegExp, Readonly<Record<string, string>>][] = [
  [/\bdocker (container )?top\b/, { PID: '<pid>', PPID: '<pid>', STIME: '<stime>' }],
  [/\bdocker (container )?stats\b/, { 'CPU %': '<pct>', 'MEM USAGE / LIMIT': '<mem>', 'MEM %': '<pct>', 'NET I/O': '<io>', 'BLOCK I/O': '<io>' }],
];

/**
 * Replace the cells of volatile columns (host pids, start times, resource usage) with a
 * placeholder and lay the table out again by the CLI's tabwriter rule (minwidth 10, padding 3), so
 * the values no longer decide the column widths.
 */
export function maskVolatileColumns(cmd: string, output: string): string {
  const masks = VOLATILE_COLUMNS.find(([re]) => re.test(cmd))?.[1];
  if (masks === undefined) return output;
  const trailing = output.endsWith('\n') ? '\n' : '';
  const lines = (trailing ? output.slice(0, -1) : output).split('\n');
  const starts = [...(lines[0] ?? '').matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  if (!starts.some((c) => masks[c.name] !== undefined)) return output;
  const rows = lines.map((line, n) =>
    starts.map((c, i) => {
      const cell = line.slice(c.at, starts[i + 1]?.at ?? line.length).trim();
      const mask = masks[c.name];
      return n > 0 && mask !== undefined && cell !== '' ? mask : cell;
    }),
  );
  const widths = starts.map((_c, i) => Math.max(MIN_WIDTH, ...rows.map((r) => (r[i] ?? '').length + PADDING)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell))
          .join('')
          .trimEnd(),
      )
      .join('\n') + trailing
  );
}

/**
 * Outputs whose order the real engine does not fix: neighbour tables (kernel hash order),
 * busybox nslookup's A and AAAA answers (printed as the replies arrive) and `docker port C`
 * (the 20.10 CLI walks NetworkSettings.Ports, a Go map, so its ports come in random order; each
 * port's bindings keep theirs). Sorted on both sides.
 */
export function canonicaliseOrder(cmd: string, output: string): string {
  const text = output.replace(/\r\n/g, '\n');
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const end = text.endsWith('\n') ? '\n' : '';
  if (/\b(ip (-\S+ )*n(eigh(bour)?)?|arp)\b/.test(cmd)) {
    const lines = body.split('\n');
    const head = /^Address\s+HWtype/.test(lines[0] ?? '') ? lines.splice(0, 1) : [];
    return [...head, ...lines.sort()].join('\n') + end;
  }
  if (/\bdocker (container )?port +\S+ *$/.test(cmd)) {
    const key = (line: string) => line.slice(0, line.indexOf(' -> '));
    return [...body.split('\n')].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).join('\n') + end;
  }
  if (/\bnslookup\b/.test(cmd)) {
    // each answer section ends with a blank line; the first chunk is the Server/Address header
    const chunks = text.split(/(?<=\n\n)/);
    const head = chunks[0]?.startsWith('Server:') ? chunks.splice(0, 1) : [];
    return [...head, ...chunks.sort()].join('');
  }
  return text;
}

/** Normalise one command's output with the scenario's state. */
export function normaliseOutput(output: string, state: NormaliseState): string {
  let text = output.replace(/\r\n/g, '\n');
  // The recorder runs each line with `bash -c`, which names the line in its own errors; the
  // learner's interactive bash (and the simulator's) does not: `bash: fg: current: no such job`.
  text = text.replace(/^bash: line 1: /gm, 'bash: ');
  text = canonicaliseJson(text);
  const table = parseTable(text);
  if (table !== undefined) return renderTable(table, (cell) => normaliseText(cell, state));
  return normaliseText(text, state);
}

function placeholder(map: Map<string, string>, key: string, kind: string): string {
  let p = map.get(key);
  if (p === undefined) {
    p = `<${kind}:${map.size + 1}>`;
    map.set(key, p);
  }
  return p;
}

const DURATION = /\b(Less than a second|About an? (?:minute|hour)|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?))\b/g;

/** Every substitution, in order; applied to plain outputs and to each cell of a table. */
function normaliseText(input: string, state: NormaliseState): string {
  let t = normaliseCapture(input);
  // interface indexes in `ip link` / `ip addr` headers and @ifN peers (first: names still raw)
  t = t.replace(/^(\d+): (?=[^\s:]+(?:@[^\s:]+)?: <)/gm, (_m, n: string) => `${placeholder(state.ifIndexes, n, 'if')}: `);
  t = t.replace(/@if(\d+)\b/g, (_m, n: string) => `@${placeholder(state.ifIndexes, n, 'if')}`);
  // IPv6 duplicate address detection still running: a timing artefact
  t = t.replace(/ scope link tentative /g, ' scope link ');
  // times: RFC 3339 (inspect "Created"), nginx access/error log stamps; Go's zero time is kept
  t = t.replace(/\b(?!0001-01-01T00:00:00Z)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<time>');
  t = t.replace(/\b\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\b/g, '<time>');
  t = t.replace(/\b\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\b/g, '<time>');
  // curl's progress meter: its speeds (bytes per second of this run)
  t = t.replace(/(\r *\d+ +\S+ +\d+ +\S+ +\d+ +\S+) +\S+ +\S+ +(\S+ \S+ \S+) +\S+(?=\r|\n|$)/g, '$1 <speed> <speed> $2 <speed>');
  // GNU wget's start line: `--2026-12-07 11:34:13--  URL`
  t = t.replace(/^--\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}--  /gm, '--<time>--  ');
  // Go heap addresses: the CLI's templates print a pointer nested in a map or struct as its address
  t = t.replace(/\b0xc[0-9a-f]{9}\b/g, '<ptr>');
  // an RFC 3339 time cut short at the very end of the output (`... | head -c 120`)
  t = t.replace(/\b(?!0001-01-01T)\d{4}-\d{2}-\d{2}T[\d:.]*$/, '<time>');
  // the daemon's failed registry request: the real engine's tail is this recording host's (a proxy on a
  // closed port), the simulator's says the sandbox has no registry (README "Registry")
  t = t.replace(/(Get "https:\/\/registry-1\.docker\.io\/v2\/": ).*?(\.?)$/gm, '$1<no registry>$2');
  // iptables-save's ctime stamps (`# Generated by ... on Mon Dec  7 13:24:20 2026`) and chain counters
  t = t.replace(/^(# (?:Generated by iptables-save v[\d.]+ \(nf_tables\)|Completed) on ).*$/gm, '$1<time>');
  t = t.replace(/^(:\S+ (?:ACCEPT|DROP|-)) \[\d+:\d+\]$/gm, '$1 [<n>:<n>]');
  // durations in docker ps / images / node ls: "Up 3 seconds", "2 minutes ago"
  t = t.replace(DURATION, '<dur>');
  // ping: busybox and iputils
  t = t.replace(/\btime[=<]\d+(?:\.\d+)? ?ms\b/g, 'time=<ms>');
  t = t.replace(/(round-trip min\/avg\/max|rtt min\/avg\/max\/mdev) = [\d./]+ ms/g, '$1 = <rtt> ms');
  t = t.replace(/(packet loss), time \d+ms/g, '$1, time <ms>');
  // traceroute: each probe's round trip on a hop line (` 1  172.18.0.3  0.010 ms  0.008 ms  *`)
  t = t.replace(/^ ?\d{1,2}  .*$/gm, (line) => line.replace(/\b\d+\.\d{3} ms\b/g, '<ms> ms'));
  // swarm join tokens and 25-character swarm object IDs (nodes, overlay networks, services)
  t = t.replace(/\bSWMTKN-1-[0-9a-z-]+/g, '<token>');
  t = t.replace(SWARM_ID, (m) => placeholder(state.swarmIds, m.slice(0, 12), 'sid'));
  t = t.replace(/\b[0-9a-z]{12}\b/g, (m) => (state.swarmPrefixes.has(m) ? placeholder(state.swarmIds, m, 'sid') : m));
  // brctl's bridge id: priority.MAC without colons
  t = t.replace(/\b([0-9a-f]{4})\.([0-9a-f]{12})\b/g, (_m, prio: string, hex: string) => {
    const mac = (hex.match(/../g) ?? []).join(':');
    return `${prio}.${normaliseMac(mac, state)}`;
  });
  // container/network/endpoint/image IDs: 64 hex, or the 12-hex short form of the same ID
  t = t.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, (m) => placeholder(state.ids, m.slice(0, 12), 'id'));
  t = t.replace(/(?<![0-9a-zA-Z])[0-9a-f]{12}(?![0-9a-zA-Z])/g, (m) => (/[a-f]/.test(m) || state.idPrefixes.has(m) ? placeholder(state.ids, m, 'id') : m));
  // veth names: vethXXXXXXX (7 hex, random per endpoint)
  t = t.replace(/\bveth[0-9a-f]{7}\b/g, (m) => placeholder(state.vethNames, m, 'veth'));
  // link-local IPv6 before MACs: EUI-64 addresses follow their MAC's fate
  t = t.replace(/\bfe80::[0-9a-f:]+(?=\/|\b)/gi, (m) => normaliseLinkLocal(m, state));
  t = t.replace(/\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b/g, (m) => normaliseMac(m, state));
  // the recording host's eth0 is a tap with pfifo_fast (no fq_codel in its kernel): see README
  t = t.replace(/^(\S+: eth0: <[^>]*> mtu \d+ qdisc )\S+/gm, '$1<qdisc>');
  // DHCP lease lifetimes count down
  t = t.replace(/valid_lft \d+sec preferred_lft \d+sec/g, 'valid_lft <n>sec preferred_lft <n>sec');
  // counters: ifconfig, ip -s, iptables -v, ip neigh timers
  t = t.replace(/\b([RT]X packets):\d+/g, '$1:<n>');
  t = t.replace(/\b([RT]X bytes):\d+ \([\d.]+ [KMGT]?i?B\)/g, '$1:<n> (<n>)');
  t = t.replace(/\b(errors|dropped|overruns|frame|carrier|collisions):\d+/g, '$1:<n>');
  // net-tools ifconfig: "RX packets 3  bytes 196 (196.0 B)", "TX errors 0  dropped 2 overruns 0 ..."
  t = t.replace(/\b([RT]X packets) \d+  bytes \d+ \([\d.]+ [KMGT]?i?B\)/g, '$1 <n>  bytes <n> (<n>)');
  t = t.replace(
    /^(\s+[RT]X errors) \d+  dropped \d+ overruns \d+  (frame|carrier) \d+(  collisions \d+)?$/gm,
    (_m, a: string, b: string, c: string | undefined) => `${a} <n>  dropped <n> overruns <n>  ${b} <n>${c === undefined ? '' : '  collisions <n>'}`,
  );
  t = t.replace(/\bused \d+\/\d+\/\d+ probes \d+ [A-Z]+\b/g, 'used <n> probes <n> <nud>');
  t = t.replace(/\((policy [A-Z]+) \d+ packets, \d+ bytes\)/g, '($1 <n> packets, <n> bytes)');
  t = normaliseIptablesCounters(t);
  // the embedded DNS server's two ephemeral ports in a container (its nat rules and ss)
  t = t.replace(/\b127\.0\.0\.11:(\d{5})\b/g, '127.0.0.11:<dns-port>');
  t = t.replace(/(--sport |spt:)\d{5}(?= -j SNAT| to::53)/g, '$1<dns-port>');
  // the host's upstream resolver (copied into containers' resolv.conf on the default bridge)
  for (const dns of state.hostDns) t = t.split(dns).join('<host-dns>');
  return t;
}

/**
 * tcpdump's volatile fields: timestamps, ICMP echo ids (the pinger's pid), IP ids, TCP initial
 * sequence numbers and timestamps, ephemeral client ports; and the job-control notices
 * (`[1] PID`, `[1]+  Done ...`) an interactive bash prints but the recorder's `bash -c` does not.
 */
export function normaliseCapture(input: string): string {
  let t = input;
  t = t.replace(/^\[\d+\] \d+\n/gm, '');
  t = t.replace(/^\[\d+\][+ -]  (?:Done|Exit \d+|Terminated)\s.*\n/gm, '');
  t = t.replace(/^\d{2}:\d{2}:\d{2}\.\d{6} /gm, '<ts> ');
  t = t.replace(/(ICMP echo (?:request|reply), id )\d+/g, '$1<n>');
  t = t.replace(/(\(tos 0x[0-9a-f]+, ttl \d+, id )\d+/g, '$1<n>');
  t = t.replace(/\bTS val \d+ ecr (?:[1-9]\d*)/g, 'TS val <n> ecr <n>');
  t = t.replace(/\bTS val \d+ ecr 0\b/g, 'TS val <n> ecr 0');
  t = t.replace(/\b(seq|ack) \d{6,}\b/g, '$1 <seq>');
  t = t.replace(/\b(\d{1,3}(?:\.\d{1,3}){3})\.(\d{5})(?=[ :])/g, (m, ip: string, port: string) => (Number(port) >= 32768 ? `${ip}.<port>` : m));
  // DNS message ids (random per query) before a question or an answer's counts
  t = t.replace(/(: )\d+(\+? (?:[A-Z]+\? |\d+\/\d+\/\d+|NXDomain|ServFail|Refused))/g, '$1<dnsid>$2');
  return normaliseConntrack(t);
}

/**
 * conntrack -L lines: the seconds left (wall-clock time since the flow), ICMP echo ids (the
 * pinger's pid) and ephemeral ports; a listing follows the kernel's hash order, so it is sorted.
 */
function normaliseConntrack(input: string): string {
  const entry = /^(tcp|udp|icmp|unknown)( +\d+ )\d+ (.*mark=\d+ use=\d+)$/;
  const lines = input.split('\n').map((line) =>
    line.replace(entry, (_m, proto: string, num: string, rest: string) => {
      const r = rest.replace(/\bid=\d+/g, 'id=<n>').replace(/\b([sd]port)=(\d+)/g, (m, k: string, port: string) => (Number(port) >= 32768 ? `${k}=<port>` : m));
      return `${proto}${num}<t> ${r}`;
    }),
  );
  const out: string[] = [];
  let run: string[] = [];
  for (const line of lines) {
    if (entry.test(line.replace('<t>', '0'))) {
      run.push(line);
      continue;
    }
    out.push(...run.sort(), line);
    run = [];
  }
  out.push(...run.sort());
  return out.join('\n');
}

function normaliseMac(mac: string, state: NormaliseState): string {
  const lower = mac.toLowerCase();
  if (lower === '00:00:00:00:00:00' || lower === 'ff:ff:ff:ff:ff:ff' || lower.startsWith('33:33:')) return mac;
  if (lower.startsWith('01:00:5e:')) return mac;
  if (isDerivedMac(lower, state)) return mac;
  return placeholder(state.macs, lower, 'mac');
}

/** Docker's container MAC: 02:42 followed by the endpoint's IPv4 address. */
function isDerivedMac(lower: string, state: NormaliseState): boolean {
  if (!lower.startsWith('02:42:')) return false;
  const ip = lower
    .split(':')
    .slice(2)
    .map((h) => String(parseInt(h, 16)))
    .join('.');
  return state.ipv4.has(ip);
}

function normaliseLinkLocal(addr: string, state: NormaliseState): string {
  const mac = macFromEui64(addr);
  if (mac !== undefined) {
    if (isDerivedMac(mac, state)) return addr;
    return `fe80::${placeholder(state.macs, mac, 'mac')}`;
  }
  return placeholder(state.linkLocal, addr.toLowerCase(), 'll6');
}

/** The MAC behind an EUI-64 link-local address (fe80::XXXX:XXff:feXX:XXXX), if it is one. */
function macFromEui64(addr: string): string | undefined {
  const tail = addr.toLowerCase().slice('fe80::'.length).split(':');
  if (tail.length !== 4) return undefined;
  const words = tail.map((w) => w.padStart(4, '0'));
  const bytes = words.flatMap((w) => [w.slice(0, 2), w.slice(2, 4)]);
  if (bytes[3] !== 'ff' || bytes[4] !== 'fe') return undefined;
  const first = (parseInt(bytes[0] ?? '0', 16) ^ 0x02).toString(16).padStart(2, '0');
  return [first, bytes[1], bytes[2], bytes[5], bytes[6], bytes[7]].join(':');
}

/** `iptables -L -v` rows start with right-aligned pkts and bytes columns (after `num` with --line-numbers). */
function normaliseIptablesCounters(text: string): string {
  const lines = text.split('\n');
  let mode: 'none' | 'plain' | 'numbered' = 'none';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*num\s+pkts\s+bytes\b/.test(line)) {
      mode = 'numbered';
      continue;
    }
    if (/^\s*pkts\s+bytes\b/.test(line)) {
      mode = 'plain';
      continue;
    }
    if (line.startsWith('Chain ') || line.trim() === '') {
      if (line.trim() === '') mode = 'none';
      continue;
    }
    if (mode === 'plain') {
      lines[i] = line.replace(/^(\s*)\d+[KMGT]?(\s+)\d+[KMGT]?(?= )/, (m) => counterCells(m));
    } else if (mode === 'numbered') {
      // `num` is printed as "%-4u ": five characters, then the same columns as without it
      const rest = line.slice(5).replace(/^(\s*)\d+[KMGT]?(\s+)\d+[KMGT]?(?= )/, (m) => counterCells(m));
      lines[i] = line.slice(0, 5) + rest;
    }
  }
  return lines.join('\n');
}

/** Replace right-aligned numbers with <n>, keeping each field's width. */
function counterCells(fields: string): string {
  return fields.replace(/\s*\d+[KMGT]?/g, (f) => '<n>'.padStart(f.length, ' '));
}

// --- docker tables (tabwriter: minwidth 10, padding 3) -------------------------------------

interface Table {
  header: string[];
  rows: string[][];
  /** Whether the original text was laid out exactly as docker's tabwriter lays out these cells. */
  layoutOk: boolean;
  trailing: string;
}

const MIN_WIDTH = 10;
const PADDING = 3;
const HEADER = /^[A-Z][A-Z]*(?: [A-Z][A-Z]*)*(?: {3,}[A-Z][A-Z]*(?: [A-Z][A-Z]*)*)+ *$/;

/** Recognise a docker CLI table (`docker ps`, `network ls`, `images`, `node ls` ...). */
function parseTable(text: string): Table | undefined {
  const trailing = text.endsWith('\n') ? '\n' : '';
  const lines = (trailing ? text.slice(0, -1) : text).split('\n');
  const first = lines[0];
  if (first === undefined || !HEADER.test(first)) return undefined;
  const starts: number[] = [];
  for (const m of first.matchAll(/(?:^|(?<= {3}))\S/g)) starts.push(m.index);
  if (starts.length < 2) return undefined;
  const cut = (line: string): string[] => starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length).trim());
  const header = cut(first);
  const rows = lines.slice(1).map(cut);
  let layoutOk = true;
  for (let c = 0; c < starts.length - 1; c++) {
    const width = (starts[c + 1] ?? 0) - (starts[c] ?? 0);
    const widest = Math.max(...[header, ...rows].map((r) => (r[c] ?? '').length));
    if (width !== Math.max(MIN_WIDTH, widest + PADDING)) layoutOk = false;
  }
  for (const line of lines) if (line !== line.trimEnd()) layoutOk = false;
  return { header, rows, layoutOk, trailing };
}

/**
 * A docker CLI table in `text` with `change` applied to every body cell and laid out again by
 * Docker's tabwriter rule; other text, and tables that did not follow the rule, as they are.
 */
export function mapTableCells(text: string, change: (cell: string) => string): string {
  const table = parseTable(text);
  return table?.layoutOk ? renderTable(table, change) : text;
}

function renderTable(table: Table, change: (cell: string) => string): string {
  const rows = table.rows.map((r) => r.map(change));
  const all = [table.header, ...rows];
  const cols = table.header.length;
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) {
    widths.push(Math.max(MIN_WIDTH, ...all.map((r) => (r[c] ?? '').length + PADDING)));
  }
  const lines = all.map((r) =>
    r
      .map((cell, c) => (c < cols - 1 ? cell.padEnd(widths[c] ?? 0) : cell))
      .join('')
      .trimEnd(),
  );
  if (!table.layoutOk) lines.push("<table layout differs from docker's tabwriter (minwidth 10, padding 3)>");
  return lines.join('\n') + table.trailing;
}

// --- JSON (docker inspect) --------------------------------------------------------------------

/**
 * Maps keyed by container ID ("Containers" of `docker network inspect`, with an "lb-NET" entry on
 * overlays) are printed by Go in key order, i.e. in the order of random IDs; reorder them by the
 * entry's Name so both sides agree.
 */
function canonicaliseJson(text: string): string {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('[') || trimmed.startsWith('{')) || !trimmed.includes('\n')) return text;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return text;
  }
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const obj = v as Record<string, unknown>;
    let keys = Object.keys(obj);
    if (keys.length > 1 && keys.some((k) => /^[0-9a-f]{64}$/.test(k))) {
      const named = keys.map((k) => ({ k, name: nameOf(obj[k]) }));
      if (named.every((n) => n.name !== undefined)) {
        const sorted = [...named].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')).map((n) => n.k);
        if (sorted.join() !== keys.join()) changed = true;
        keys = sorted;
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk(obj[k]);
    return out;
  };
  const canonical = walk(value);
  if (!changed) return text;
  const json = JSON.stringify(canonical, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return text.replace(trimmed, json);
}

function nameOf(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && 'Name' in v) {
    const name = (v as { Name: unknown }).Name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

/**
 * What differs legitimately between the Docker driver's sandbox host (images/sandbox-host) and the
 * learner's VM both the simulator and the recordings model. Applied to both drivers' transcripts by
 * the differential harness (tests/differential), before normaliseScenario; not to the fidelity
 * comparison. Each rule says why it exists (tests/differential/README.md lists them).
 */
export function normaliseSandboxHost(records: readonly Recorded[]): Recorded[] {
  return records.map((r) => ({ ...r, output: SANDBOX_HOST_RULES.reduce((text, rule) => rule(text, r.cmd), r.output.replace(/\r\n/g, '\n')) }));
}

type HostRule = (text: string, cmd: string) => string;

/** Split `ip link`/`ip addr` output into blocks, one per interface (`N: name...` starts one). */
function ipBlocks(text: string): string[] {
  return text.split(/(?=^\d+: \S+?[:@])/m);
}

/** Lines of the host's own NIC: its VM address or VirtualBox MAC (containers' are 172.x and 02:42:...). */
const HOST_NIC = /10\.0\.2\.15|08:00:27:/;

const SANDBOX_HOST_RULES: readonly HostRule[] = [
  // The sandbox host's interface on the driver's private network (Docker's eth0 of the host
  // container, renamed by vethlab-uplink): the machine's plumbing, not part of the learner's VM.
  (text) =>
    ipBlocks(text)
      .filter((block) => !/^\d+: vethlab0[:@]/.test(block))
      .join('')
      .replace(/^vethlab0: flags=[\s\S]*?\n\n/m, '')
      .replace(/^.*\bvethlab0\b.*\n/gm, ''),
  // The host's eth0 is a NIC with a DHCP lease on the VM, a veth into the fake outside world's
  // router namespace with a static address on the sandbox host: same name, address and MAC range.
  (text) =>
    ipBlocks(text)
      .map((block) => {
        if (!/^\d+: eth0[:@]/.test(block) || !HOST_NIC.test(block)) return block;
        return block
          .replace(/^(\d+: eth0)@if\d+:/, '$1:')
          .replace(/ link-netnsid \d+/, '')
          .replace(/ scope global dynamic eth0/, ' scope global eth0')
          .replace(/(inet 10\.0\.2\.15\/24 [^\n]*\n\s+)valid_lft \S+ preferred_lft \S+/, '$1valid_lft <lft> preferred_lft <lft>');
      })
      .join('')
      .replace(/^eth0@if\d+( *)(?=.*(?:10\.0\.2\.15|08:00:27:))/gm, (m: string) => 'eth0'.padEnd(m.length)),
  // Sandbox hosts run with IPv6 disabled (sandbox-host.ts: no link-local path to the machine), so
  // no inet6 addresses and no [::] listeners; the VM has them.
  (text) =>
    text
      .replace(/^\s+inet6 [^\n]*\n(?:\s+valid_lft [^\n]*\n)?/gm, '')
      .replace(/ (?:fe80::[0-9a-f:]+\/64|::1\/128)(?= |$)/gm, '')
      .replace(/^(?:tcp6|udp6) [^\n]*\n|^\S+ +\d+ +\d+ +\[::\]:\d+ [^\n]*\n/gm, ''),
  // Network namespace ids count the fake outside world's router and internet namespaces first.
  (text) => text.replace(/ link-netnsid \d+/g, ' link-netnsid <nsid>'),
  // The machine's engine serves the sandbox host's own DNS at 127.0.0.11 (a host on a user network):
  // its DOCKER_OUTPUT/DOCKER_POSTROUTING nat rules and listeners are in the host's namespace.
  (text, cmd) => (/^docker\b/.test(cmd) ? text : withoutOuterDns(text)),
  // `docker exec` without -t carries the program's stdout and stderr as two streams: busybox ping's
  // error and its (buffered) PING line arrive in either order (the recordings have both).
  (text, cmd) => (/^docker exec (?!.*-\w*t)/.test(cmd) ? text.replace(/^(ping: sendto: [^\n]*\n)(PING [^\n]*\n)/, '$2$1') : text),
  // With IPv6 off (above) the inner dockerd publishes ports on 0.0.0.0 only, not also on `::`.
  (text) =>
    mapTableCells(text, (cell) => cell.replace(/, :::\d+(?:-\d+)?->\d+(?:-\d+)?\/(?:tcp|udp|sctp)/g, ''))
      .replace(/^(?:\S+ -> )?:::\d+\n/gm, '')
      .replace(/,\{"HostIp":"::","HostPort":"\d+"\}/g, ''),
  // ss sizes its columns to the widest cell, the [::] listeners dropped above included.
  (text, cmd) => (/^ss\b/.test(cmd) ? text.replace(/ {2,}/g, '  ') : text),
  // The host's eth0 is a veth on the sandbox host, so `type veth` lists it; on the VM it is a NIC.
  (text, cmd) =>
    /\btype veth\b/.test(cmd)
      ? ipBlocks(text)
          .filter((block) => !(/^\d+: eth0[:@]/.test(block) && HOST_NIC.test(block)))
          .join('')
      : text,
  // `ip -o` lines start with the interface index; the sandbox host made more interfaces (its
  // uplink's veths) before the learner's, and the header rule of normaliseScenario misses this form.
  (text, cmd) => (/\bip\b.* -o\b/.test(cmd) ? text.replace(/^\d+: /gm, '<if>: ') : text),
  // `hostname -I` on the host lists the sandbox host's address on the driver's private network
  // (the default pool 10.213.0.0/16, DockerDriverOptions.subnetPool).
  (text, cmd) => (/^hostname -I/.test(cmd) ? text.replace(/ 10\.213\.\d+\.\d+(?= )/g, '') : text),
  // `docker network prune` prints the networks it removed in Go map order: either order happens.
  (text, cmd) =>
    /^docker network prune\b/.test(cmd)
      ? text.replace(/(Deleted Networks:\n)([\s\S]*?)(\n\n|\n?$)/, (_m: string, head: string, names: string, end: string) => head + names.split('\n').sort().join('\n') + end)
      : text,
  // Wall-clock values of the run itself (a real engine's differ between any two runs too): wget's
  // request time, iptables-save's dates, curl's progress meter speeds.
  (text) =>
    text
      .replace(/^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--/gm, '--<time>--')
      .replace(/^(# (?:Generated by|Completed on) .*? on ).*$/gm, '$1<time>')
      .replace(/^(\r?\s*\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+)\s+\S+\s+\S+\s+(\S+ \S+ \S+)\s+\S+$/gm, '$1 <speed> <speed> $2 <speed>'),
  // docker inspect: the sandbox host's inner dockerd runs rootless in a user namespace without
  // AppArmor, with log rotation (images/sandbox-host daemon.json); PIDs depend on the machine.
  (text) =>
    text
      .replace(/"Pid": \d+/g, '"Pid": <pid>')
      .replace(/"AppArmorProfile": "[^"]*"/g, '"AppArmorProfile": "<apparmor>"')
      .replace(/"CgroupnsMode": "[^"]*"/g, '"CgroupnsMode": "<cgroupns>"')
      .replace(/"Config": \{\s*"max-file": "1",\s*"max-size": "1m"\s*\}/g, '"Config": {}'),
];

/** `iptables` and socket listings without what the machine's engine put in the sandbox host for its DNS. */
function withoutOuterDns(text: string): string {
  if (!/DOCKER_OUTPUT|DOCKER_POSTROUTING|127\.0\.0\.11:\d+/.test(text)) return text;
  const lines: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    // a chain of `iptables -L` runs to the blank line after it
    if (/^Chain DOCKER_(?:OUTPUT|POSTROUTING) /.test(line)) skipping = true;
    else if (skipping && line === '') skipping = false;
    else if (!skipping) lines.push(line);
  }
  const kept = lines
    .join('\n')
    .replace(/^.*\bDOCKER_(?:OUTPUT|POSTROUTING)\b.*\n/gm, '')
    .replace(/^.*\b127\.0\.0\.11:\d+\b.*LISTEN.*\n|^LISTEN .*\b127\.0\.0\.11:\d+\b.*\n/gm, '');
  // --line-numbers: number each chain's rules again from 1
  let n = 0;
  return kept.replace(/^(Chain .*|num .*|(\d+)( +).*)$/gm, (line: string, _all: string, num: string | undefined, gap: string | undefined) => {
    if (num === undefined || gap === undefined) {
      if (line.startsWith('Chain ')) n = 0;
      return line;
    }
    n++;
    return `${String(n).padEnd(num.length + gap.length - 1)} ${line.slice(num.length + gap.length)}`;
  });
}
