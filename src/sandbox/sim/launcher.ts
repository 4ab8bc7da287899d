/**
 * Starting programs (the exec path): find a name in the program registry, check that the target
 * has it installed (host profile, image, `apk add`), and run it as a process with an entry in
 * the node's process table. Shells come from the session's interpreter; everything else from
 * userland/programs.ts.
 */
import { findContainer, type Container } from './daemon/container.ts';
import type { Node, World } from './userland/machine.ts';
import { procFor } from './userland/proc.ts';
import { exitProcess, spawnProcess } from './userland/process-table.ts';
import type { ExecTarget, Program } from './userland/program.ts';
import { PROGRAMS } from './userland/programs.ts';
import type { Exec, Main, ProgramSpec } from './userland/registry.ts';

/** The shell interpreter for a target and shell path (`sh`, `/bin/bash` …). */
export type ShellFactory = (target: ExecTarget, shellPath: string) => Program;

/** Finds and starts programs on the machines of one world. */
export interface Launcher {
  /** The program `name` (bare or a path) as `target` would run it; undefined when not installed there. */
  lookup(target: ExecTarget, name: string): Program | undefined;
  /** Whether `name` is installed on the node's host (`c` undefined) or in container `c`. */
  installed(node: Node, c: Container | undefined, name: string): boolean;
  /** The registry entry for `name` (bare or a path). */
  spec(name: string): ProgramSpec | undefined;
}

/** The last component of a path: what the registry is keyed by. */
export function basename(path: string): string {
  return path.split('/').pop() ?? path;
}

/** A launcher over `world`, with `shellFor` supplying shells. */
export function createLauncher(world: World, shellFor: ShellFactory): Launcher {
  const spec = (name: string) => PROGRAMS.get(basename(name));

  const installed = (node: Node, c: Container | undefined, name: string): boolean => {
    const base = basename(name);
    if (!c) return node.programs.has(base);
    const s = spec(base);
    return c.config.image.programs.includes(base) || c.installed.has(base) || (s?.kind === 'program' && s.inEveryContainer);
  };

  // execve(2) from a running program (an entrypoint script handing over to its arguments).
  const run = (argv: readonly string[], ctx: Parameters<Exec>[1]): Promise<number> => {
    const next = lookup(ctx.target, argv[0] ?? '');
    return next ? next({ ...ctx, argv }) : Promise.resolve(127);
  };
  const exec: Exec = Object.assign(run, { finds: (target: ExecTarget, name: string) => lookup(target, name) !== undefined });

  const start =
    (node: Node, main: Main): Program =>
    async (ctx) => {
      // Foreground commands let background processes catch up first; background ones just run.
      if (!node.kernel.timers.isBackground(ctx.clock)) await node.kernel.timers.settle();
      const p = procFor(world, ctx.target);
      if (!p) return 137;
      // A container's main process is PID 1 (the container record); everything else gets an entry.
      const isMain = p.container !== undefined && p.container.abort?.signal === ctx.signal;
      const entry = isMain ? undefined : spawnProcess(node.processes, ctx.clock.now(), ctx.argv, p.container, ctx.interactive ? 'pts/0' : undefined, ctx.target.netns);
      try {
        return await main({ ...p, pid: entry?.nspid ?? 1 }, ctx, exec);
      } catch (e) {
        // A program must never take the session down; report like a crashed process would.
        ctx.io.stderr(`${ctx.argv[0] ?? ''}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 139;
      } finally {
        if (entry) exitProcess(node.processes, entry);
      }
    };

  const lookup = (target: ExecTarget, name: string): Program | undefined => {
    const node = world.nodes.get(target.node);
    if (!node) return undefined;
    let c: Container | undefined;
    if (target.container !== undefined) {
      c = findContainer(node.daemon.containers, target.container);
      if (c?.status !== 'running') return undefined;
    }
    if (!installed(node, c, name)) return undefined;
    const s = spec(name);
    if (!s) return undefined;
    return s.kind === 'shell' ? shellFor(target, name) : start(node, s.main);
  };

  return { lookup, installed, spec };
}
