/** sort: lines of stdin, with -r, -n, -u and -k N (whitespace-separated key). */
import type { Tool } from './registry.ts';
import { linesOf } from './registry.ts';

/** The sort program. */
export const sort: Tool = async (_p, ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => /^-[rnu]+$/.test(a)).join('');
  const kIndex = args.indexOf('-k');
  const key = kIndex >= 0 ? Number((args[kIndex + 1] ?? '1').split(',')[0]) : 0;
  const keyOf = (line: string) => (key > 0 ? (line.trim().split(/\s+/)[key - 1] ?? '') : line);
  let lines = linesOf(ctx.io.stdin);
  lines.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (flags.includes('n')) return (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (flags.includes('r')) lines.reverse();
  if (flags.includes('u')) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  if (lines.length > 0) ctx.io.stdout(lines.join('\n') + '\n');
  return 0;
};
