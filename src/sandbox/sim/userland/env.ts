/** env: print the process environment, one NAME=value a line, in the order it was built. */
import type { Tool } from './registry.ts';

/** The env program without arguments (running a command with a changed environment is not modelled). */
export const env: Tool = async (_p, ctx) => {
  if (ctx.argv.length > 1) {
    ctx.io.stderr(`env: can't execute '${ctx.argv[1]}': No such file or directory\n`);
    return 127;
  }
  const lines = Object.entries(ctx.env).map(([k, v]) => `${k}=${v}\n`);
  ctx.io.stdout(lines.join(''));
  return 0;
};
