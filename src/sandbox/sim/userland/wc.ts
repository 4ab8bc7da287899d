/** wc: line, word and byte counts of stdin or files, padded as GNU coreutils pads them. */
import { readFile } from './filesystem.ts';
import type { Tool } from './registry.ts';

/** The wc program. */
export const wc: Tool = async (p, ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => /^-[lwcm]+$/.test(a))
    .join('');
  const files = ctx.argv.slice(1).filter((a) => !/^-[lwcm]+$/.test(a));
  const want = { l: flags.includes('l'), w: flags.includes('w'), c: flags.includes('c') || flags.includes('m') };
  if (!want.l && !want.w && !want.c) want.l = want.w = want.c = true;
  let status = 0;
  const inputs =
    files.length === 0
      ? [{ name: '', text: ctx.io.stdin, regular: false }]
      : files.flatMap((f) => {
          const r = readFile(p, f);
          if (r.ok) return [{ name: f, text: r.text, regular: true }];
          // GNU and busybox word it alike; a directory still gets its line of zeros, a missing file none.
          ctx.io.stderr(`wc: ${f}: ${r.error === 'EISDIR' ? 'Is a directory' : r.error === 'EINVAL' ? 'Invalid argument' : 'No such file or directory'}\n`);
          status = 1;
          return r.error === 'EISDIR' ? [{ name: f, text: '', regular: false }] : [];
        });
  const single = [want.l, want.w, want.c].filter(Boolean).length === 1 && files.length <= 1;
  for (const { name, text, regular } of inputs) {
    const counts: number[] = [];
    if (want.l) counts.push((text.match(/\n/g) ?? []).length);
    if (want.w) counts.push(text.split(/\s+/).filter(Boolean).length);
    if (want.c) counts.push(new TextEncoder().encode(text).length);
    const width = single ? 0 : !regular && p.toolset !== 'busybox' ? 7 : p.toolset === 'busybox' ? 9 : String(Math.max(...counts)).length;
    const cols = counts.map((n) => String(n).padStart(width)).join(' ');
    ctx.io.stdout(name ? `${cols} ${name}\n` : `${cols}\n`);
  }
  return status;
};
