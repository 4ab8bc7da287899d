/**
 * The iptables rule-spec language, both ways: argv such as
 * `! -i docker0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.17.0.2:80` to a Rule, and a
 * Rule back to the canonical form `iptables -S` prints. Docker's rules and the learner's commands
 * go through the same parser, as both go through iptables(8) on a real host.
 */
import { formatIp, formatPrefix, maskOf, parseIp, parsePrefix } from '../ipv4.ts';
import type { Match, Rule, Target } from './rule.ts';

/** The result of parsing a rule spec: a rule, or iptables' error message. */
export type ParsedRule = { ok: true; rule: Rule } | { ok: false; error: string };

const PROTOCOLS = new Set(['tcp', 'udp', 'icmp', 'all']);
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN', 'MASQUERADE', 'REJECT', 'DNAT', 'SNAT']);

/** Parse "addr[:port]" as DNAT/SNAT take it. */
function parseNatTo(text: string): { addr?: number; port?: number } | undefined {
  const [a, p] = text.split(':');
  // The address may be left out when a port is given (`--to-source :53`, as dockerd's DNS rules).
  const addr = a === '' && p !== undefined ? undefined : parseIp(a ?? '');
  if (addr === undefined && a !== '') return undefined;
  const at = addr !== undefined ? { addr } : {};
  if (p === undefined) return at;
  if (!/^\d+$/.test(p) || Number(p) > 65535) return undefined;
  return { ...at, port: Number(p) };
}

/** Parse a rule spec; `chainExists` tells user chains (valid jump targets) from typos. */
export function parseRuleSpec(args: readonly string[], chainExists: (name: string) => boolean): ParsedRule {
  const rule: Rule = { matches: [], counters: { packets: 0, bytes: 0 } };
  let invert = false;
  let i = 0;
  const next = (): string | undefined => args[++i];
  for (let a = args[i]; a !== undefined; a = args[++i]) {
    if (a === '!') {
      invert = true;
      continue;
    }
    switch (a) {
      case '-p':
      case '--protocol': {
        const v = next()?.toLowerCase();
        if (v === undefined) return { ok: false, error: `option "${a}" requires an argument` };
        if (!PROTOCOLS.has(v)) return { ok: false, error: `unknown protocol "${v}" specified` };
        rule.proto = { name: v, invert };
        break;
      }
      case '-s':
      case '--source':
      case '-d':
      case '--destination': {
        const v = next();
        const prefix = v === undefined ? undefined : parsePrefix(v);
        if (!prefix) return { ok: false, error: `host/network \`${v ?? ''}' not found` };
        const m = { prefix: { addr: prefix.addr & maskOf(prefix.len), len: prefix.len }, invert };
        if (a === '-s' || a === '--source') rule.src = m;
        else rule.dst = m;
        break;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface': {
        const v = next();
        if (v === undefined) return { ok: false, error: `option "${a}" requires an argument` };
        if (a.startsWith('-i') || a === '--in-interface') rule.inIface = { name: v, invert };
        else rule.outIface = { name: v, invert };
        break;
      }
      case '-m':
      case '--match': {
        const v = next();
        if (v === 'addrtype' || v === 'conntrack' || v === 'tcp' || v === 'udp' || v === 'icmp' || v === 'state') break;
        return { ok: false, error: `Couldn't load match \`${v ?? ''}':No such file or directory` };
      }
      case '--dst-type': {
        rule.matches.push({ kind: 'addrtype', dstType: next() ?? 'LOCAL', invert });
        break;
      }
      case '--ctstate':
      case '--state': {
        rule.matches.push({ kind: 'conntrack', ctstate: (next() ?? '').split(',') });
        break;
      }
      case '--dport':
      case '--destination-port':
      case '--sport':
      case '--source-port': {
        const v = next();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return { ok: false, error: `invalid port/service \`${v ?? ''}' specified` };
        const proto = rule.proto?.name;
        if (proto !== 'tcp' && proto !== 'udp') return { ok: false, error: `unknown option "${a}"` };
        let m = rule.matches.find((x): x is Extract<Match, { kind: 'tcp' | 'udp' }> => x.kind === proto);
        if (!m) {
          m = { kind: proto };
          rule.matches.push(m);
        }
        if (a.includes('d')) m.dport = Number(v);
        else m.sport = Number(v);
        break;
      }
      case '-j':
      case '--jump': {
        const v = next();
        if (v === undefined) return { ok: false, error: `option "${a}" requires an argument` };
        if (BUILTIN_TARGETS.has(v)) {
          if (v === 'DNAT' || v === 'SNAT') {
            const opt = next();
            const to = args[++i];
            const parsed = to === undefined ? undefined : parseNatTo(to);
            if ((opt !== '--to-destination' && opt !== '--to-source' && opt !== '--to') || !parsed) {
              return { ok: false, error: `${v}: option "--to-${v === 'DNAT' ? 'destination' : 'source'}" must be specified` };
            }
            rule.target = { kind: v, ...parsed };
          } else rule.target = { kind: v as 'ACCEPT' };
        } else if (chainExists(v)) rule.target = { kind: 'jump', chain: v };
        else return { ok: false, error: `Couldn't load target \`${v}':No such file or directory` };
        break;
      }
      default:
        return { ok: false, error: `unknown option "${a}"` };
    }
    invert = false;
  }
  return { ok: true, rule };
}

/** One rule as `iptables -S` prints it after `-A CHAIN`. */
export function formatRuleSpec(rule: Rule): string {
  const parts: string[] = [];
  const neg = (inv: boolean) => (inv ? '! ' : '');
  if (rule.src) parts.push(`${neg(rule.src.invert)}-s ${formatPrefix(rule.src.prefix)}`);
  if (rule.dst) parts.push(`${neg(rule.dst.invert)}-d ${formatPrefix(rule.dst.prefix)}`);
  if (rule.inIface) parts.push(`${neg(rule.inIface.invert)}-i ${rule.inIface.name}`);
  if (rule.outIface) parts.push(`${neg(rule.outIface.invert)}-o ${rule.outIface.name}`);
  if (rule.proto && rule.proto.name !== 'all') parts.push(`${neg(rule.proto.invert)}-p ${rule.proto.name}`);
  for (const m of rule.matches) {
    switch (m.kind) {
      case 'addrtype':
        parts.push(`-m addrtype ${neg(m.invert)}--dst-type ${m.dstType}`);
        break;
      case 'conntrack':
        parts.push(`-m conntrack --ctstate ${m.ctstate.join(',')}`);
        break;
      case 'tcp':
      case 'udp':
        parts.push(`-m ${m.kind}${m.sport !== undefined ? ` --sport ${m.sport}` : ''}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`);
        break;
      case 'icmp':
        parts.push('-m icmp');
        break;
    }
  }
  const t: Target | undefined = rule.target;
  if (t) {
    if (t.kind === 'jump') parts.push(`-j ${t.chain}`);
    else if (t.kind === 'DNAT' || t.kind === 'SNAT') {
      const to = natTo(t);
      parts.push(`-j ${t.kind} --to-${t.kind === 'DNAT' ? 'destination' : 'source'} ${to}`);
    } else parts.push(`-j ${t.kind}`);
  }
  return parts.join(' ');
}

/** A NAT target's `ADDR[:PORT]` (either part may be missing), as iptables prints it. */
export function natTo(t: { addr?: number; port?: number }): string {
  return `${t.addr !== undefined ? formatIp(t.addr) : ''}${t.port !== undefined ? `:${t.port}` : ''}`;
}
