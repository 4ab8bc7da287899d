/**
 * The container runtime (containerd + runc) the daemons of a simulation use: it runs a
 * container's main process through the launcher, with the environment runc gives it.
 */
import { containerHostname, type Container } from './daemon/container.ts';
import { DEFAULT_PATH } from './daemon/image-catalog.ts';
import { linkEnvironment } from './daemon/link-env.ts';
import type { ProcessIO, Runtime } from './daemon/runtime.ts';
import { SANDBOX_FALLBACK_LOCALE } from '../../i18n/sandbox-catalog.ts';
import type { Launcher } from './launcher.ts';
import type { World } from './userland/machine.ts';
import { procFor, procHostname } from './userland/proc.ts';
import { shellIdentity } from './userland/shell-identity.ts';
import { NotATerminalError, type ExecTarget, type ProgramContext, type SessionServices } from './userland/program.ts';

/** A main process has no terminal session: nothing to enter, no history. */
const NO_TERMINAL: SessionServices = {
  enterShell: () => Promise.reject(new NotATerminalError('not a terminal')),
  history: () => [],
  columns: () => 80,
  locale: () => SANDBOX_FALLBACK_LOCALE,
};

/** runc sets HOME for root when the environment has none, after everything else. */
function withHome(env: Record<string, string>): Record<string, string> {
  return 'HOME' in env ? env : { ...env, HOME: '/root' };
}

/**
 * What busybox ash's line editor writes on SIGWINCH while it waits at its prompt: back to the
 * line's start, the prompt, clear to the end of the screen (recorded: `docker attach` to a `-dit`
 * busybox sh). bash's readline and dash are not recorded here: they redraw nothing in this model.
 */
function promptRedraw(c: Container, shellPath: string, hostname: () => string): string | undefined {
  const os = c.config.image.os;
  if (os !== 'busybox' && os !== 'alpine') return undefined;
  const identity = shellIdentity(os, shellPath, hostname);
  return identity.name === 'sh' ? `\r${identity.prompt()}\x1b[J` : undefined;
}

/** KEY=VALUE entries as a record, in order (a later key replaces an earlier one in place). */
function envRecord(entries: readonly string[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.split('=', 1)[0] ?? e, e.slice(e.indexOf('=') + 1)]));
}

/** The runtime for the daemon of node `nodeName`. */
export function createContainerRuntime(world: World, nodeName: string, launcher: Launcher): Runtime {
  const hostnameOf = (target: ExecTarget, c: Container): string => {
    const p = procFor(world, target);
    return p ? procHostname(p) : containerHostname(c);
  };

  // What each waiting main process does on SIGWINCH (one runtime per node of one simulation).
  const onResize = new Map<Container, () => void>();

  return {
    resized(c) {
      onResize.get(c)?.();
    },
    has(c, argv0) {
      const node = world.nodes.get(nodeName);
      return node !== undefined && launcher.installed(node, c, argv0) && launcher.spec(argv0) !== undefined;
    },
    handlesStopSignal(_c, argv0) {
      const spec = launcher.spec(argv0);
      return spec?.kind === 'program' && spec.handlesStopSignal;
    },
    async run(c, argv, io: ProcessIO) {
      const target: ExecTarget = { node: nodeName, container: c.id };
      // A shell with a terminal but nobody attached (docker run -dit) waits for input forever;
      // when the terminal is resized (docker attach sizes it) its line editor redraws the prompt.
      if (launcher.spec(argv[0] ?? '')?.kind === 'shell' && io.tty && !argv.includes('-c')) {
        const redraw = promptRedraw(c, argv[0] ?? 'sh', () => hostnameOf(target, c));
        if (redraw !== undefined) {
          // SIGWINCH does not queue: resizes that come before the shell's handler runs (the CLI's
          // two, back to back) make one redraw, as the recordings mostly show.
          let pending = false;
          onResize.set(c, () => {
            if (pending) return;
            pending = true;
            queueMicrotask(() => {
              pending = false;
              io.stdout(redraw);
            });
          });
        }
        await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
        onResize.delete(c);
        return 137;
      }
      const ctx: ProgramContext = {
        argv,
        io: { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr },
        target,
        signal: io.signal,
        clock: io.clock,
        interactive: false,
        // CreateDaemonEnvironment puts PATH and HOSTNAME first, then the legacy links' variables;
        // the image's and -e variables replace or follow them, and runc appends HOME for root:
        // the order env prints.
        env: withHome({
          PATH: DEFAULT_PATH,
          HOSTNAME: hostnameOf(target, c),
          ...envRecord(linkEnvironment(c)),
          ...envRecord(c.config.env),
          ...envRecord(io.env ?? []),
        }),
        session: io.locale === undefined ? NO_TERMINAL : { ...NO_TERMINAL, locale: () => io.locale ?? SANDBOX_FALLBACK_LOCALE },
      };
      const program = launcher.lookup(target, argv[0] ?? '');
      if (!program) return 127;
      return program(ctx);
    },
  };
}
