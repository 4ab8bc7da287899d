/**
 * ln (GNU coreutils), for what the model's files can hold: a symbolic link in a namespace
 * directory, the way a learner names a container's namespace for `ip netns`:
 * `ln -s /proc/PID/ns/net /run/netns/NAME`. Other links need a filesystem with links, which the
 * model does not have; ln says so instead of pretending.
 */
import { strerror } from '../kernel/errno.ts';
import { symlinkNsFile } from '../kernel/nsfs.ts';
import { normalizePath } from './filesystem.ts';
import { runPath } from './netns-paths.ts';
import { failWith, type Tool } from './registry.ts';

/** The ln program. */
export const ln: Tool = async (p, ctx) => {
  let symbolic = false;
  const operands: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a === '-s' || a === '--symbolic') symbolic = true;
    else if (a.startsWith('-') && a.length > 1 && a !== '--') {
      for (const f of a.slice(1)) {
        if (f === 's') symbolic = true;
        else if (!'fnvT'.includes(f)) return failWith(ctx, `ln: invalid option -- '${f}'\nTry 'ln --help' for more information.`);
      }
    } else if (a !== '--') operands.push(a);
  }
  if (operands.length === 0) return failWith(ctx, "ln: missing file operand\nTry 'ln --help' for more information.");
  const [target, linkName] = operands as [string, string | undefined];
  const cwd = ctx.env.PWD ?? '/';
  const where = linkName ?? target.split('/').pop() ?? target;
  const path = runPath(normalizePath(where.startsWith('/') ? where : `${cwd}/${where}`));
  const kind = symbolic ? 'symbolic link' : 'hard link';
  if (!symbolic || p.container || !path.startsWith('/run/')) return failWith(ctx, `ln: failed to create ${kind} '${where}': Operation not supported`);
  const err = symlinkNsFile(p.kernel, path, target);
  return err ? failWith(ctx, `ln: failed to create symbolic link '${where}': ${strerror(err)}`) : 0;
};
