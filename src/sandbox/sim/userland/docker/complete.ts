/**
 * Tab completion of docker command lines from the model, as the CLI's bash completion offers
 * them: container names (running ones where only those make sense), network, image and node
 * names, and the flags of the common subcommands.
 */
import type { Daemon } from '../../daemon/daemon.ts';

const FLAGS: Record<string, readonly string[]> = {
  run: ['--attach', '--detach', '--entrypoint', '--env', '--expose', '--hostname', '--interactive', '--ip', '--link', '--name', '--network', '--network-alias', '--privileged', '--publish', '--publish-all', '--restart', '--rm', '--tty', '--user', '--volume', '--workdir', '-d', '-e', '-h', '-i', '-it', '-p', '-P', '-t', '-v', '-w'],
  exec: ['--detach', '--env', '--interactive', '--tty', '--user', '--workdir', '-d', '-e', '-i', '-it', '-t', '-u', '-w'],
  ps: ['--all', '--filter', '--format', '--last', '--latest', '--no-trunc', '--quiet', '--size', '-a', '-f', '-l', '-n', '-q', '-s'],
  rm: ['--force', '--link', '--volumes', '-f', '-l', '-v'],
  stop: ['--time', '-t'],
  restart: ['--time', '-t'],
  kill: ['--signal', '-s'],
  logs: ['--details', '--follow', '--since', '--tail', '--timestamps', '--until', '-f', '-n', '-t'],
  inspect: ['--format', '--size', '--type', '-f', '-s'],
  images: ['--all', '--digests', '--filter', '--format', '--no-trunc', '--quiet', '-a', '-f', '-q'],
  info: ['--format', '-f'],
  'network create': ['--attachable', '--aux-address', '--driver', '--gateway', '--internal', '--ip-range', '--ipam-driver', '--ipv6', '--label', '--opt', '--scope', '--subnet', '-d', '-o'],
  'network ls': ['--filter', '--format', '--no-trunc', '--quiet', '-f', '-q'],
  'network inspect': ['--format', '--verbose', '-f', '-v'],
  'network connect': ['--alias', '--ip', '--link'],
  'network disconnect': ['--force', '-f'],
  'network rm': ['--force', '-f'],
  'network prune': ['--filter', '--force', '-f'],
  'swarm init': ['--advertise-addr', '--data-path-addr', '--default-addr-pool', '--force-new-cluster', '--listen-addr'],
  'swarm join': ['--advertise-addr', '--listen-addr', '--token'],
  'swarm leave': ['--force', '-f'],
  'swarm join-token': ['--quiet', '--rotate', '-q'],
  'node ls': ['--filter', '--format', '--quiet', '-f', '-q'],
  'service create': ['--detach', '--env', '--mode', '--name', '--network', '--publish', '--replicas', '-d', '-e', '-p'],
};

/** Commands whose arguments are containers, and whether only running ones qualify. */
const CONTAINER_ARGS: Record<string, 'running' | 'all' | 'stopped'> = {
  exec: 'running', stop: 'running', kill: 'running', restart: 'all', logs: 'all', port: 'running', inspect: 'all',
  rm: 'all', start: 'stopped', attach: 'running', top: 'running', pause: 'running', unpause: 'running', stats: 'running',
};

/** Flags whose value is a network name. */
const NETWORK_FLAGS = new Set(['--network', '--net']);

/** Candidates for the last of `words` (a command line starting with `docker`). */
export function completeDocker(d: Daemon, words: readonly string[]): string[] {
  if (words[0] !== 'docker' || words.length < 3) return [];
  const partial = words[words.length - 1] ?? '';
  const prev = words[words.length - 2] ?? '';
  let [cmd, ...rest] = words.slice(1, -1);
  if (cmd === 'container') {
    const sub = rest.shift();
    cmd = sub === 'ls' || sub === 'list' ? 'ps' : sub;
  } else if (cmd === 'image') {
    const sub = rest.shift();
    cmd = sub === 'ls' || sub === 'list' ? 'images' : sub === 'rm' ? 'rmi' : sub;
  } else if (cmd === 'network' || cmd === 'swarm' || cmd === 'node' || cmd === 'service') {
    const sub = rest.shift();
    if (sub === undefined) return [];
    cmd = `${cmd} ${sub === 'list' ? 'ls' : sub === 'remove' ? 'rm' : sub}`;
  }
  if (cmd === undefined) return [];
  const names = (filter: 'running' | 'all' | 'stopped') =>
    d.containers.filter((c) => filter === 'all' || (filter === 'running') === (c.status === 'running')).map((c) => c.name);
  const networks = () => d.networks.map((n) => n.name);
  const images = () => d.images.map((i) => (i.tag === 'latest' ? i.repository : `${i.repository}:${i.tag}`));
  if (NETWORK_FLAGS.has(prev)) return [...networks(), 'host', 'none'];
  if (partial.startsWith('-')) return [...(FLAGS[cmd] ?? [])];
  const positionals = rest.filter((w) => !w.startsWith('-'));
  switch (cmd) {
    case 'run':
    case 'create':
      return positionals.length === 0 || rest.length === 0 ? images() : [];
    case 'rmi':
    case 'pull':
    case 'history':
      return images();
    case 'network inspect':
    case 'network rm':
      return networks();
    case 'network connect':
    case 'network disconnect':
      return positionals.length === 0 ? networks() : names('all');
    case 'node inspect':
    case 'node ps':
    case 'node rm':
    case 'node update':
    case 'node promote':
    case 'node demote':
      return d.swarm?.cluster.nodes.map((n) => n.hostname) ?? [];
  }
  const kind = CONTAINER_ARGS[cmd];
  return kind ? names(kind) : [];
}
