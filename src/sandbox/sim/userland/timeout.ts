/**
 * timeout (GNU coreutils 9.1): runs a command and sends it a signal when DURATION passes on the
 * process's clock; 124 when it timed out (unless --preserve-status), the command's status
 * otherwise. Any signal stops our programs the way Ctrl-C does (tcpdump prints its summary, ping
 * its statistics), so -s only changes nothing but the name.
 */
import { Interrupted } from '../clock.ts';
import { failWith, type Main } from './registry.ts';

const TRY = "Try 'timeout --help' for more information.";
const SIGNALS = new Set(['TERM', 'INT', 'KILL', 'HUP', 'QUIT', 'USR1', 'USR2', '15', '2', '9', '1', '3']);

/** DURATION: a non-negative number with an optional s/m/h/d suffix, in milliseconds. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit * 1000;
}

/** The timeout program. */
export const timeout: Main = async (_p, ctx, exec) => {
  const args = ctx.argv.slice(1);
  let preserve = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--preserve-status') preserve = true;
    else if (a === '--foreground' || a === '-v' || a === '--verbose') continue;
    else if (a === '-s' || a === '-k' || a === '--signal' || a === '--kill-after') {
      const value = args[++i];
      if (value === undefined) return failWith(ctx, `timeout: option requires an argument -- '${a.replace(/^-+/, '').slice(0, 1)}'\n${TRY}`, 125);
      if ((a === '-s' || a === '--signal') && !SIGNALS.has(value.replace(/^SIG/, ''))) return failWith(ctx, `timeout: ${value}: invalid signal\n${TRY}`, 125);
    } else if (/^--(signal|kill-after)=/.test(a) || /^-[sk]./.test(a)) continue;
    else if (a.startsWith('-') && a !== '-') return failWith(ctx, `timeout: invalid option -- '${a.slice(1, 2)}'\n${TRY}`, 125);
    else break;
  }
  const durationText = args[i];
  const command = args.slice(i + 1);
  if (durationText === undefined || command.length === 0) return failWith(ctx, `timeout: missing operand\n${TRY}`, 125);
  const ms = parseDuration(durationText);
  if (ms === undefined) return failWith(ctx, `timeout: invalid time interval '${durationText}'\n${TRY}`, 125);

  const child = new AbortController();
  const stopTimer = new AbortController();
  const forward = () => child.abort();
  ctx.signal.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  // A duration of 0 disables the timeout.
  if (ms > 0) {
    ctx.clock.sleep(ms, stopTimer.signal).then(
      () => {
        timedOut = true;
        child.abort();
      },
      (e: unknown) => {
        if (!(e instanceof Interrupted)) throw e;
      },
    );
  }
  try {
    const status = await exec(command, { ...ctx, argv: command, signal: child.signal });
    if (status === 127) return failWith(ctx, `timeout: failed to run command ‘${command[0]}’: No such file or directory`, 127);
    return timedOut && !preserve ? 124 : status;
  } finally {
    stopTimer.abort();
    ctx.signal.removeEventListener('abort', forward);
  }
};
