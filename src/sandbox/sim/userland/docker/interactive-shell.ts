/** Whether a command line `docker run -it` or `docker exec -it` runs is an interactive shell session. */
import type { DockerCliHost } from './command.ts';

/** A shell (by its base name) with no -c and no script operand. */
export function isInteractiveShell(host: DockerCliHost, argv: readonly string[]): boolean {
  const base = (argv[0] ?? '').split('/').pop() ?? '';
  return host.isShell(base) && !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
}
