/** sleep: waits on the process clock; Ctrl-C ends it with status 130 as SIGINT would. */
import { Interrupted } from '../clock.ts';
import { failWith, type Tool } from './registry.ts';
import { busyboxUsage } from './busybox-usage.ts';

const UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** The sleep program (GNU and busybox accept N[smhd], summed over arguments). */
export const sleep: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return failWith(ctx, p.toolset === 'busybox' ? busyboxUsage('sleep [N]...') : "sleep: missing operand\nTry 'sleep --help' for more information.");
  let seconds = 0;
  for (const a of args) {
    const [, amount, unit = ''] = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a) ?? [];
    if (amount === undefined) return failWith(ctx, p.toolset === 'busybox' ? `sleep: invalid number '${a}'` : `sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.`);
    seconds += Number(amount) * (UNIT[unit] ?? 1);
  }
  try {
    await ctx.clock.sleep(seconds * 1000, ctx.signal);
  } catch (e) {
    // Ctrl-C ends sleep as SIGINT would; anything else is a fault the runner reports.
    if (e instanceof Interrupted) return 130;
    throw e;
  }
  return 0;
};
