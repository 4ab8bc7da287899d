/**
 * docker exec: run a command in a running container, attached to this terminal; with -it and a
 * shell it opens a nested interactive shell. Errors as the CLI words them (126 when the command
 * cannot be executed).
 */
import { isAbortError } from '../../clock.ts';
import { checkLinks, getContainer } from '../../daemon/daemon.ts';
import { exitProcess, spawnProcess } from '../process-table.ts';
import { NotATerminalError } from '../program.ts';
import type { DockerCall } from './command.ts';
import { isInteractiveShell } from './interactive-shell.ts';

/**
 * -e values as the CLI sends them (opts.ValidateEnv): KEY=VALUE as given, a bare KEY with the
 * value it has in the CLI's own environment, or left out when it has none.
 */
function execEnv(values: readonly string[], cliEnv: Readonly<Record<string, string>>): string[] {
  return values.flatMap((v) => {
    if (v.includes('=')) return [v];
    const own = cliEnv[v];
    return own === undefined ? [] : [`${v}=${own}`];
  });
}

/** docker exec: `args` are the container and the command line. */
export async function execCommand({ p, ctx, flags: f, args, host }: DockerCall): Promise<number> {
  // The command table admits exec with a container and a command (at least two operands).
  const [ref, ...argv] = args as [string, string, ...string[]];
  if (f.bool('tty') && f.bool('interactive') && !ctx.interactive) {
    ctx.io.stderr('the input device is not a TTY\n');
    return 1;
  }
  const found = getContainer(p.daemon, ref);
  if (!found.ok) {
    ctx.io.stderr(`Error: No such container: ${ref}\n`);
    return 1;
  }
  const c = found.value;
  if (c.status !== 'running') {
    ctx.io.stderr(`Error response from daemon: Container ${c.id} is not running\n`);
    return 1;
  }
  // daemon.getActiveContainer: a frozen container takes no new process (it names it as given).
  if (c.paused) {
    ctx.io.stderr(`Error response from daemon: Container ${ref} is paused, unpause the container before exec\n`);
    return 1;
  }
  // ContainerExecCreate builds the links' environment, so a stopped link target refuses the exec.
  const linked = checkLinks(c);
  if (!linked.ok) {
    ctx.io.stderr(`Error response from daemon: ${linked.error.message}\n`);
    return 1;
  }
  // An exec --privileged asks runc for every capability; it may not exceed the container's bounding set.
  if (f.bool('privileged') && !c.config.allCaps) {
    ctx.io.stderr('OCI runtime exec failed: exec failed: unable to start container process: unable to apply caps: operation not permitted: unknown\n');
    return 126;
  }
  const runtime = p.daemon.runtime;
  const [argv0] = argv;
  if (!runtime?.has(c, argv0)) {
    const msg = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`;
    ctx.io.stderr(msg + '\n');
    return 126;
  }
  const target = { node: ctx.target.node, container: c.id };
  if (f.bool('tty') && f.bool('interactive') && isInteractiveShell(host, argv)) {
    // The exec'd shell is a process of the container (ps lists it) until it exits.
    const entry = spawnProcess(p.node.processes, ctx.clock.now(), argv, c, 'pts/0');
    try {
      const ended = await ctx.session.enterShell(target, argv0);
      // Ctrl-P Ctrl-Q: the CLI returns quietly with 0; the exec'd shell lives on in the container.
      if (ended === 'detached') return 0;
      exitProcess(p.node.processes, entry);
      return ended;
    } catch (e) {
      // Not attached to a terminal after all: run it as a plain process.
      exitProcess(p.node.processes, entry);
      if (!(e instanceof NotATerminalError)) throw e;
    }
  }
  if (f.bool('detach')) {
    void runtime.run(c, argv, { stdin: '', stdout: () => undefined, stderr: () => undefined, signal: new AbortController().signal, clock: p.kernel.timers.clock(), tty: false });
    return 0;
  }
  try {
    return await runtime.run(c, argv, {
      stdin: f.bool('interactive') ? ctx.io.stdin : '',
      stdout: ctx.io.stdout,
      stderr: ctx.io.stderr,
      signal: ctx.signal,
      clock: ctx.clock,
      tty: false,
      env: execEnv(f.list('env'), ctx.env),
      locale: ctx.session.locale(),
    });
  } catch (e) {
    if (isAbortError(e)) return 130;
    throw e;
  }
}
