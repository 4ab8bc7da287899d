/**
 * docker attach: the CLI joins a running container's main process. It follows the process's
 * output as it is written (stdout and stderr each to its own descriptor); on a TTY container
 * whose main process is a shell, the learner's terminal becomes that shell's terminal (Ctrl-P
 * Ctrl-Q detaches, `exit` ends the main process and so the container). Ctrl-C: with --sig-proxy
 * (the default) on a non-TTY container the CLI passes SIGINT on and keeps following until the
 * container stops; otherwise it ends the CLI alone. Checks and messages as docker 20.10 words them.
 */
import type { LogStream } from '../../daemon/container-log.ts';
import { watchLog } from '../../daemon/container-log.ts';
import { mainArgv } from '../../daemon/container.ts';
import { attachedMainExited, getContainer, resizeTty, signalMain } from '../../daemon/daemon.ts';
import { waitNotRunning } from '../../daemon/wait.ts';
import { NotATerminalError } from '../program.ts';
import { operand, type DockerCall } from './command.ts';
import { parseDetachKeys } from './detach-keys.ts';
import { isInteractiveShell } from './interactive-shell.ts';

/** docker attach CONTAINER. */
export async function attachCommand(call: DockerCall): Promise<number> {
  const { p, ctx, flags: f, host } = call;
  const d = p.daemon;
  const ref = operand(call, 0);
  const found = getContainer(d, ref);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${ref}\n`);
    return 1;
  }
  const c = found.value;
  // The CLI inspects the container before it asks the daemon to attach.
  if (c.status !== 'running') {
    ctx.io.stderr('You cannot attach to a stopped container, start it first\n');
    return 1;
  }
  if (c.paused) {
    ctx.io.stderr('You cannot attach to a paused container, unpause it first\n');
    return 1;
  }
  const keys = f.string('detach-keys');
  if (keys !== undefined && parseDetachKeys(keys) === undefined) {
    // The daemon refuses once the connection is hijacked, so its message arrives in the stream;
    // without a TTY the CLI's demultiplexer reads its first byte as a stream header.
    const message = `Invalid detach keys (${keys}) provided`;
    if (c.config.tty) ctx.io.stdout(`${message}\n`);
    else ctx.io.stderr(`Unrecognized input header: ${message.charCodeAt(0)}\n`);
    return 1;
  }
  const write = (stream: LogStream, text: string): void => (stream === 'stdout' ? ctx.io.stdout(text) : ctx.io.stderr(text));
  const unwatch = watchLog(c.logs, write);
  try {
    // The CLI resizes the container's terminal one row and column larger, then to its own size,
    // so that a shell waiting at its prompt redraws it (resizeTTY in the 20.10 CLI).
    resizeTty(d, c);
    resizeTty(d, c);
    // The shell handles its SIGWINCH before anything typed reaches it.
    await Promise.resolve();
    const argv = mainArgv(c);
    const withStdin = !f.bool('no-stdin') && c.config.openStdin;
    if (c.config.tty && withStdin && isInteractiveShell(host, argv)) {
      const generation = c.generation;
      try {
        const ended = await ctx.session.enterShell({ node: ctx.target.node, container: c.id }, argv[0] ?? 'sh', { running: true });
        if (ended === 'detached') {
          ctx.io.stderr('read escape sequence\n');
          return 1;
        }
        attachedMainExited(d, c, generation, ended);
        return c.generation === generation ? c.exitCode : ended;
      } catch (e) {
        // No terminal to give (a script): follow the output only.
        if (!(e instanceof NotATerminalError)) throw e;
      }
    }
    // With a TTY and stdin the CLI puts the learner's terminal in raw mode: Ctrl-Z is a byte for the
    // container's terminal, not SIGTSTP for the CLI (without them the CLI itself is stopped).
    const cooked = c.config.tty && withStdin ? (ctx.session.rawTerminal?.() ?? (() => undefined)) : () => undefined;
    // Time runs while the CLI follows (daemon/wait.ts), so a container that ends by itself ends the attach.
    let code: number | undefined;
    try {
      code = await waitNotRunning(d, c, ctx.clock, ctx.signal);
    } finally {
      cooked();
    }
    if (code !== undefined) return code;
    // Ctrl-C. A TTY container gets no signal from the CLI (its terminal would carry ^C).
    if (c.config.tty || !(!f.has('sig-proxy') || f.bool('sig-proxy'))) return 130;
    signalMain(d, c);
    // The CLI follows on until the container stops, however long that takes (PID 1 may ignore SIGINT):
    // a wait of this call's own that no Ctrl-C ends.
    return (await waitNotRunning(d, c, ctx.clock, new AbortController().signal)) ?? c.exitCode;
  } finally {
    unwatch();
  }
}
