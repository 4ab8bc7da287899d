/**
 * The docker CLI's command tree, as its own Tab completion offers it. The shell completes these
 * words without asking the model; names of containers, networks and images come from the
 * simulation's optional `complete`.
 */

/** `docker <Tab>`: the commands `docker --help` lists. */
export const DOCKER_COMMANDS: readonly string[] = [
  'attach', 'build', 'commit', 'compose', 'container', 'cp', 'create', 'diff', 'events', 'exec', 'export',
  'history', 'image', 'images', 'import', 'info', 'inspect', 'kill', 'load', 'login', 'logout', 'logs',
  'network', 'node', 'pause', 'port', 'ps', 'pull', 'push', 'rename', 'restart', 'rm', 'rmi', 'run', 'save',
  'search', 'secret', 'service', 'stack', 'start', 'stats', 'stop', 'swarm', 'system', 'tag', 'top',
  'unpause', 'update', 'version', 'volume', 'wait',
];

/** `docker <management command> <Tab>`. */
export const DOCKER_SUBCOMMANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['network', ['connect', 'create', 'disconnect', 'inspect', 'ls', 'prune', 'rm']],
  [
    'container',
    ['attach', 'commit', 'cp', 'create', 'diff', 'exec', 'export', 'inspect', 'kill', 'logs', 'ls', 'pause', 'port',
      'prune', 'rename', 'restart', 'rm', 'run', 'start', 'stats', 'stop', 'top', 'unpause', 'update', 'wait'],
  ],
  ['image', ['build', 'history', 'import', 'inspect', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag']],
  ['swarm', ['ca', 'init', 'join', 'join-token', 'leave', 'unlock', 'unlock-key', 'update']],
  ['node', ['demote', 'inspect', 'ls', 'promote', 'ps', 'rm', 'update']],
  ['service', ['create', 'inspect', 'logs', 'ls', 'ps', 'rm', 'rollback', 'scale', 'update']],
  ['volume', ['create', 'inspect', 'ls', 'prune', 'rm']],
  ['system', ['df', 'events', 'info', 'prune']],
]);

/** Static candidates for the last of `words` (a docker command line), or none. */
export function dockerCandidates(words: readonly string[]): readonly string[] {
  const partial = words[words.length - 1] ?? '';
  if (words[0] !== 'docker' || partial.startsWith('-')) return [];
  if (words.length === 2) return DOCKER_COMMANDS;
  if (words.length === 3) return DOCKER_SUBCOMMANDS.get(words[1] ?? '') ?? [];
  return [];
}
