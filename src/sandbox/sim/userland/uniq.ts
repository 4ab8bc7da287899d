/** uniq: adjacent repeated lines of stdin folded into one, with -c (counts), -d (only repeated) and -u (only unique). */
import { failWith, linesOf, type Tool } from './registry.ts';

/** The uniq program. */
export const uniq: Tool = async (_p, ctx) => {
  let count = false;
  let onlyRepeated = false;
  let onlyUnique = false;
  for (const a of ctx.argv.slice(1)) {
    if (!/^-[cdu]+$/.test(a)) return failWith(ctx, `uniq: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\nTry 'uniq --help' for more information.`);
    count ||= a.includes('c');
    onlyRepeated ||= a.includes('d');
    onlyUnique ||= a.includes('u');
  }
  const groups: { line: string; n: number }[] = [];
  for (const line of linesOf(ctx.io.stdin)) {
    const last = groups.at(-1);
    if (last?.line === line) last.n++;
    else groups.push({ line, n: 1 });
  }
  const shown = groups.filter((g) => (!onlyRepeated || g.n > 1) && (!onlyUnique || g.n === 1));
  ctx.io.stdout(shown.map((g) => (count ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`)).join(''));
  return 0;
};
