/** cat: files (computed from the model) or stdin, with each tool's own error wording. */
import { isAbortError } from '../clock.ts';
import { readFile } from './filesystem.ts';
import type { Tool } from './registry.ts';

/** The cat program. */
export const cat: Tool = async (p, ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-' && !/^-[A-Za-z]+$/.test(a));
  if (files.length === 0) {
    if (ctx.io.stdinIsTerminal && ctx.session.readInput) {
      // The terminal: each line as it is typed, until Ctrl-D (Ctrl-C kills it).
      try {
        for (;;) {
          const read = await ctx.session.readInput(ctx.signal);
          if (read.kind === 'end') return 0;
          // Stopped by Ctrl-Z: the clock holds cat until it is continued, then it reads again.
          if (read.kind === 'stopped') await ctx.clock.sleep(0, ctx.signal);
          else ctx.io.stdout(`${read.text}\n`);
        }
      } catch (e) {
        if (isAbortError(e)) return 130;
        throw e;
      }
    }
    ctx.io.stdout(ctx.io.stdin);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const r = readFile(p, f);
    if (r.ok) {
      ctx.io.stdout(r.text);
      continue;
    }
    status = 1;
    const reason = r.error === 'EISDIR' ? 'Is a directory' : r.error === 'EINVAL' ? 'Invalid argument' : 'No such file or directory';
    if (p.toolset === 'busybox') ctx.io.stderr(r.error === 'EISDIR' ? `cat: read error: ${reason}\n` : `cat: can't open '${f}': ${reason}\n`);
    else ctx.io.stderr(`cat: ${f}: ${reason}\n`);
  }
  return status;
};
