/**
 * explain: what happened to the last packet (vethlab's own tool, not a Linux program). After a
 * ping, wget, curl or nslookup it prints the hops the packet took through the model — which
 * namespace it left, the route that matched, veth → bridge → veth, each netfilter rule that
 * matched with its verdict (as `iptables -S` prints it), NAT translations, the DNS question and
 * answer, and where and why it was dropped. The topology panel's "What happened?" shows the same.
 * It speaks the terminal's language (the lesson page's); `--json` keeps its field names.
 */
import { sandboxTranslator, type SandboxTranslator } from '../../../i18n/sandbox-catalog.ts';
import type { PathHop, PathState } from '../../topology/state.ts';
import { latestTrace, pathState, WorldIndex } from '../topology.ts';
import type { Tool } from './registry.ts';

/** One hop as a line of text. */
export function hopLine(hop: PathHop): string {
  const where = hop.where ? `[${hop.where}] ` : '';
  if (hop.kind === 'rule') return `${where}${hop.table} ${hop.chain}: ${hop.rule} → ${hop.verdict}`;
  return `${where}${hop.text}`;
}

/** The path as the terminal shows it, worded by `t`. */
export function formatPath(path: PathState, t: SandboxTranslator): string {
  const lines = [t('explain.lastPacket', { summary: path.summary }), t('explain.outcome', { outcome: t(`outcome.${path.outcome}`) }), ''];
  let dir: PathHop['dir'] = 'request';
  let n = 0;
  for (const hop of path.hops) {
    if (hop.dir !== dir && hop.depth === 0) {
      dir = hop.dir;
      lines.push('', t(dir === 'reply' ? 'explain.reply' : 'explain.request'));
    }
    n++;
    lines.push(`${String(n).padStart(3)}. ${'   '.repeat(hop.depth)}${hopLine(hop)}`);
  }
  return lines.join('\n') + '\n';
}

/** The explain program. */
export const explain: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  const t = sandboxTranslator(ctx.session.locale());
  if (args.includes('-h') || args.includes('--help')) {
    ctx.io.stdout(`${t('explain.usage')}\n`);
    return 0;
  }
  const trace = latestTrace(p.world);
  if (!trace) {
    ctx.io.stderr(`${t('explain.noPacket')}\n`);
    return 1;
  }
  const path = pathState(new WorldIndex(p.world), trace, t);
  ctx.io.stdout(args.includes('--json') ? JSON.stringify(path, null, 2) + '\n' : formatPath(path, t));
  return 0;
};
