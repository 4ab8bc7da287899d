/**
 * `sh` and `bash` as programs, backed by the same interpreter as the interactive shell:
 * `sh -c 'ping -c 1 web && echo ok'` (docker exec, container main processes), a script on stdin
 * (`echo 'echo hi' | sh`), and a bare `sh` typed at a prompt, which opens a nested interactive
 * shell on the same terminal.
 */
import { NotATerminalError, type Program, type ProgramContext, type Simulation } from '../userland/program.ts';
import { Shell } from './shell.ts';
import type { LineResult, ShellTerminal } from './terminal.ts';

/** The program to install as `sh`, `bash`, `/bin/sh` ... in `simulation`. */
export function createShellProgram(simulation: Simulation): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const flagIndex = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    const shell = new Shell({
      simulation,
      terminal: new ProgramTerminal(ctx),
      target: ctx.target,
      shellPath: ctx.argv[0] ?? 'sh',
      clock: ctx.clock,
      interactive: ctx.interactive,
      env: ctx.env,
      io: ctx.io,
      parentSession: ctx.session,
    });
    if (flagIndex >= 0) {
      const script = args[flagIndex + 1];
      if (script === undefined) {
        ctx.io.stderr(`${shell.identity.name}: -c: option requires an argument\n`);
        return 2;
      }
      return shell.runScript(script, ctx.signal);
    }
    if (ctx.io.stdin !== '') return shell.runScript(ctx.io.stdin, ctx.signal);
    if (ctx.interactive) {
      // A detach leaves the enclosing docker session as well (the session sees to that).
      // A background job has no terminal to read: like bash reading EOF, it ends at once.
      const status = await ctx.session.enterShell(ctx.target, ctx.argv[0] ?? 'sh').catch((error: unknown) => {
        if (error instanceof NotATerminalError) return 0;
        throw error;
      });
      return status === 'detached' ? 0 : status;
    }
    return 0;
  };
}

/** A program's view as a terminal: no lines to read, output on the program's stdout. */
class ProgramTerminal implements ShellTerminal {
  private readonly ctx: ProgramContext;

  constructor(ctx: ProgramContext) {
    this.ctx = ctx;
  }

  readLine(): Promise<LineResult> {
    return Promise.resolve({ kind: 'closed' });
  }

  print(text: string): void {
    this.ctx.io.stdout(text);
  }

  columns(): number {
    return this.ctx.session.columns();
  }

  foreground(): () => void {
    // Ctrl-C reaches this shell through the program's own signal, passed to runScript.
    return () => undefined;
  }
}
