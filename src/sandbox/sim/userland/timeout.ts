/**
 * timeout (GNU coreutils 9.1): runs a command and sends it a signal when DURATION passes on the
 * process's clock; 124 when it timed out (unless --preserve-status), the command's status
 * otherwise. Any signal stops our programs the way Ctrl-C does (tcpdump prints its summary, ping
 * its statistics), so -s only changes nothing but the name.
 *
 * busybox's applet (1.36) differs: it execs the command itself and a forked child kills it, so
 * the status is the command's own; a SIGINT reaches ping's handler (statistics, then its usual
 * status), any other signal kills it where it stands (no more output, 128 + the signal's number).
 */
import { Interrupted } from '../clock.ts';
import { busyboxUsage } from './busybox-usage.ts';
import type { Proc } from './proc.ts';
import { failWith, type Exec, type Main } from './registry.ts';
import type { ProgramContext } from './program.ts';
import { SIGNAL_NUMBERS, signalNumber } from './signals.ts';

const TRY = "Try 'timeout --help' for more information.";
const SIGNALS = new Set(['TERM', 'INT', 'KILL', 'HUP', 'QUIT', 'USR1', 'USR2', '15', '2', '9', '1', '3']);

/** DURATION: a non-negative number with an optional s/m/h/d suffix, in milliseconds. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit * 1000;
}

/**
 * Run `command` and signal it after `ms` (0: never): an interrupt stops it as Ctrl-C does, a
 * kill ends it where it stands (its later output is lost). Resolves with its status and whether
 * the signal was sent.
 */
async function runWithAlarm(ctx: ProgramContext, exec: Exec, command: readonly string[], ms: number, effect: 'interrupt' | 'kill'): Promise<{ status: number; fired: boolean }> {
  const child = new AbortController();
  const stopTimer = new AbortController();
  const forward = () => child.abort();
  ctx.signal.addEventListener('abort', forward, { once: true });
  let fired = false;
  if (ms > 0) {
    ctx.clock.sleep(ms, stopTimer.signal).then(
      () => {
        fired = true;
        child.abort();
      },
      (e: unknown) => {
        if (!(e instanceof Interrupted)) throw e;
      },
    );
  }
  const killed = () => fired && effect === 'kill';
  const io = {
    stdin: ctx.io.stdin,
    stdout: (text: string) => (killed() ? undefined : ctx.io.stdout(text)),
    stderr: (text: string) => (killed() ? undefined : ctx.io.stderr(text)),
  };
  try {
    const status = await exec(command, { ...ctx, argv: command, io, signal: child.signal });
    return { status, fired };
  } finally {
    stopTimer.abort();
    ctx.signal.removeEventListener('abort', forward);
  }
}

/** busybox's timeout applet: `timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS`. */
async function busyboxTimeout(ctx: ProgramContext, exec: Exec): Promise<number> {
  const usage = busyboxUsage('timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS');
  const args = ctx.argv.slice(1);
  let signo = SIGNAL_NUMBERS.TERM ?? 15;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-s' || a === '-k' || /^-[sk]./.test(a)) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return failWith(ctx, `timeout: option requires an argument -- '${a[1]}'\n${usage}`);
      if (a[1] === 'k') continue;
      const n = signalNumber(value);
      if (n === undefined) return failWith(ctx, `timeout: unknown signal '${value}'`);
      signo = n;
    } else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a !== '-') return failWith(ctx, `timeout: invalid option -- '${a[1]}'\n${usage}`);
    else break;
  }
  const durationText = args[i];
  const command = args.slice(i + 1);
  if (durationText === undefined || command.length === 0) return failWith(ctx, usage);
  const ms = parseDuration(durationText);
  if (ms === undefined) return failWith(ctx, `timeout: invalid number '${durationText}'`);
  if (!exec.finds(ctx.target, command[0] ?? '')) return failWith(ctx, `timeout: can't execute '${command[0]}': No such file or directory`, 127);
  // No applet in the model catches anything but SIGINT (ping's statistics), so others kill.
  const effect = signo === SIGNAL_NUMBERS.INT ? 'interrupt' : 'kill';
  const { status, fired } = await runWithAlarm(ctx, exec, command, ms, effect);
  return fired && effect === 'kill' ? 128 + signo : status;
}

/** The timeout program. */
export const timeout: Main = async (p: Proc, ctx, exec) => {
  if (p.toolset === 'busybox') return busyboxTimeout(ctx, exec);
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

  // A duration of 0 disables the timeout.
  const { status, fired } = await runWithAlarm(ctx, exec, command, ms, 'interrupt');
  if (status === 127) return failWith(ctx, `timeout: failed to run command ‘${command[0]}’: No such file or directory`, 127);
  return fired && !preserve ? 124 : status;
};
