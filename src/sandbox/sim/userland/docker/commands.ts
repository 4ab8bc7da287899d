/**
 * The docker CLI's command tree, once: every command the simulator runs with its usage line,
 * description, flags (wording and defaults from docker/cli v20.10.24) and handler, and the names
 * of the real CLI's other commands, which Tab offers and running answers as unknown. The parser
 * (cli.ts), `--help` (help.ts), usage errors (usage.ts) and Tab completion (complete.ts) read it.
 * Like the real CLI, `docker run` and `docker container run` are the same record in two places.
 *
 * Adding a command: write its handler (a function of a DockerCall: parsed flags and counted
 * operands) in a module named after it, declare the command here with the real CLI's wording, and
 * replace its `unsimulated` entry if it has one. tests/unit/sim/docker-command-table.test.ts then
 * checks that Tab offers each of its flags and that `--help` lists them.
 */
import { exactArgs, maxArgs, minArgs, noArgs, rangeArgs, type DockerCommand, type DockerGroup, type OperandCompletion, type UnsimulatedCommand } from './command.ts';
import { execCommand } from './exec.ts';
import { validateDnsServer, validateExtraHost } from './container-options.ts';
import type { FlagSpec } from './flags.ts';
import { imagesCommand, pullCommand } from './images.ts';
import { inspectCommand } from './inspect.ts';
import { lifecycleCommand, renameCommand, type Verb } from './lifecycle.ts';
import { logsCommand, portCommand } from './logs-port.ts';
import { attachCommand } from './attach.ts';
import { statsCommand } from './stats.ts';
import { topCommand } from './top.ts';
import { networkConnect, networkCreate, networkDisconnect, networkInspect, networkLs, networkPrune, networkRm } from './network.ts';
import { containerPrune } from './prune.ts';
import { psCommand } from './ps.ts';
import { runCommand } from './run.ts';
import { nodeInspect, nodeLs, swarmInit, swarmJoin, swarmJoinToken, swarmLeave } from './swarm.ts';
import { infoCommand, versionCommand } from './system.ts';
import { systemDf } from './system-df.ts';
import { waitCommand } from './wait.ts';

const flag = (name: string, type: FlagSpec['type'], usage: string, more: Partial<FlagSpec> = {}): FlagSpec => ({ name, type, usage, ...more });

const FORMAT_TEMPLATE = flag('format', 'string', 'Format the output using the given Go template', { short: 'f' });
const ENV = flag('env', 'list', 'Set environment variables', { short: 'e' });
const INTERACTIVE = flag('interactive', 'bool', 'Keep STDIN open even if not attached', { short: 'i' });
const TTY = flag('tty', 'bool', 'Allocate a pseudo-TTY', { short: 't' });
const USER = flag('user', 'string', 'Username or UID (format: <name|uid>[:<group|gid>])', { short: 'u' });
const WORKDIR = flag('workdir', 'string', 'Working directory inside the container', { short: 'w' });
const FILTER = flag('filter', 'list', 'Filter output based on conditions provided', { short: 'f', valueName: 'filter' });
const QUIET_IDS = (usage: string) => flag('quiet', 'bool', usage, { short: 'q' });
const NO_TRUNC = flag('no-trunc', 'bool', "Don't truncate output");
const ADVERTISE_ADDR = flag('advertise-addr', 'string', 'Advertised address (format: <ip|interface>[:port])');
const LISTEN_ADDR = flag('listen-addr', 'string', 'Listen address (format: <ip|interface>[:port])', { valueName: 'node-addr', default: '0.0.0.0:2377' });
const DATA_PATH_ADDR = flag('data-path-addr', 'string', 'Address or interface to use for data path traffic (format: <ip|interface>)');

/** The container options `run` and `create` share (cli/command/container/opts.go), then their own. */
const CONTAINER_OPTIONS: readonly FlagSpec[] = [
  flag('add-host', 'list', 'Add a custom host-to-IP mapping (host:ip)', { validate: validateExtraHost }),
  flag('cap-add', 'list', 'Add Linux capabilities'),
  flag('dns', 'list', 'Set custom DNS servers', { validate: validateDnsServer }),
  flag('dns-opt', 'list', 'Set DNS options', { hidden: true }),
  flag('dns-option', 'list', 'Set DNS options'),
  flag('dns-search', 'list', 'Set custom DNS search domains'),
  flag('domainname', 'string', 'Container NIS domain name'),
  flag('entrypoint', 'string', 'Overwrite the default ENTRYPOINT of the image'),
  ENV,
  flag('expose', 'list', 'Expose a port or a range of ports'),
  flag('help', 'bool', 'Print usage'),
  flag('hostname', 'string', 'Container host name', { short: 'h' }),
  INTERACTIVE,
  flag('ip', 'string', 'IPv4 address (e.g., 172.30.100.104)'),
  flag('ip6', 'string', 'IPv6 address (e.g., 2001:db8::33)'),
  flag('label', 'list', 'Set meta data on a container', { short: 'l' }),
  flag('link', 'list', 'Add link to another container'),
  flag('link-local-ip', 'list', 'Container IPv4/IPv6 link-local addresses'),
  flag('mac-address', 'string', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)'),
  flag('name', 'string', 'Assign a name to the container'),
  flag('net', 'string', 'Connect a container to a network', { valueName: 'network', hidden: true }),
  flag('net-alias', 'list', 'Add network-scoped alias for the container', { hidden: true }),
  flag('network', 'string', 'Connect a container to a network', { valueName: 'network' }),
  flag('network-alias', 'list', 'Add network-scoped alias for the container'),
  flag('privileged', 'bool', 'Give extended privileges to this container'),
  flag('publish', 'list', "Publish a container's port(s) to the host", { short: 'p' }),
  flag('publish-all', 'bool', 'Publish all exposed ports to random ports', { short: 'P' }),
  flag('restart', 'string', 'Restart policy to apply when a container exits', { default: 'no' }),
  flag('rm', 'bool', 'Automatically remove the container when it exits'),
  TTY,
  USER,
  flag('volume', 'list', 'Bind mount a volume', { short: 'v' }),
  WORKDIR,
];

/** `run` and `create`: an image and the command line to start in a new container. */
function newContainer(name: 'run' | 'create', short: string, flags: readonly FlagSpec[]): DockerCommand {
  return {
    kind: 'command',
    name,
    use: `${name} [OPTIONS] IMAGE [COMMAND] [ARG...]`,
    short,
    flags,
    args: minArgs(1),
    flagsStopAtFirstOperand: true,
    complete: { operands: ['image'] },
    run: (call) => runCommand(call, name),
  };
}

const run = newContainer('run', 'Run a command in a new container', [...CONTAINER_OPTIONS, flag('detach', 'bool', 'Run container in background and print container ID', { short: 'd' })]);
const create = newContainer('create', 'Create a new container', CONTAINER_OPTIONS);

const exec: DockerCommand = {
  kind: 'command',
  name: 'exec',
  use: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Run a command in a running container',
  flags: [
    flag('detach', 'bool', 'Detached mode: run command in the background', { short: 'd' }),
    ENV,
    INTERACTIVE,
    flag('privileged', 'bool', 'Give extended privileges to the command'),
    TTY,
    USER,
    WORKDIR,
  ],
  args: minArgs(2),
  flagsStopAtFirstOperand: true,
  complete: { operands: ['running-container'] },
  run: execCommand,
};

const PS_FLAGS: readonly FlagSpec[] = [
  flag('all', 'bool', 'Show all containers (default shows just running)', { short: 'a' }),
  FILTER,
  flag('format', 'string', 'Pretty-print containers using a Go template'),
  flag('last', 'int', 'Show n last created containers (includes all states)', { short: 'n', default: '-1' }),
  flag('latest', 'bool', 'Show the latest created container (includes all states)', { short: 'l' }),
  NO_TRUNC,
  QUIET_IDS('Only display container IDs'),
  flag('size', 'bool', 'Display total file sizes', { short: 's' }),
];

const ps: DockerCommand = { kind: 'command', name: 'ps', use: 'ps [OPTIONS]', short: 'List containers', flags: PS_FLAGS, args: noArgs, run: psCommand };
const containerLs: DockerCommand = { ...ps, name: 'ls', aliases: ['ps', 'list'], use: 'ls [OPTIONS]' };

/** A command on one or more containers: start, stop, restart, kill, rm, pause, unpause. */
function onContainers(name: Verb, short: string, flags: readonly FlagSpec[], rest: OperandCompletion['rest']): DockerCommand {
  return {
    kind: 'command',
    name,
    use: `${name} [OPTIONS] CONTAINER [CONTAINER...]`,
    short,
    flags,
    args: minArgs(1),
    complete: rest === undefined ? {} : { rest },
    run: (call) => lifecycleCommand(call, name),
  };
}

const start = onContainers(
  'start',
  'Start one or more stopped containers',
  [flag('attach', 'bool', 'Attach STDOUT/STDERR and forward signals', { short: 'a' }), flag('interactive', 'bool', "Attach container's STDIN", { short: 'i' })],
  'stopped-container',
);
const stop = onContainers('stop', 'Stop one or more running containers', [flag('time', 'int', 'Seconds to wait for stop before killing it', { short: 't', default: '10' })], 'running-container');
const restart = onContainers('restart', 'Restart one or more containers', [flag('time', 'int', 'Seconds to wait for stop before killing the container', { short: 't', default: '10' })], 'container');
const kill = onContainers('kill', 'Kill one or more running containers', [flag('signal', 'string', 'Signal to send to the container', { short: 's', default: 'KILL' })], 'running-container');
const rm = onContainers(
  'rm',
  'Remove one or more containers',
  [
    flag('force', 'bool', 'Force the removal of a running container (uses SIGKILL)', { short: 'f' }),
    flag('link', 'bool', 'Remove the specified link', { short: 'l' }),
    flag('volumes', 'bool', 'Remove anonymous volumes associated with the container', { short: 'v' }),
  ],
  'container',
);

const inspect: DockerCommand = {
  kind: 'command',
  name: 'inspect',
  use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  flags: [FORMAT_TEMPLATE, flag('size', 'bool', 'Display total file sizes if the type is container', { short: 's' }), flag('type', 'string', 'Return JSON for specified type')],
  args: minArgs(1),
  complete: { rest: 'container' },
  run: (call) => inspectCommand(call, undefined),
};

const containerInspect: DockerCommand = {
  kind: 'command',
  name: 'inspect',
  use: 'inspect [OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  flags: [FORMAT_TEMPLATE, flag('size', 'bool', 'Display total file sizes', { short: 's' })],
  args: minArgs(1),
  complete: { rest: 'container' },
  run: (call) => inspectCommand(call, 'container'),
};

const imageInspect: DockerCommand = {
  kind: 'command',
  name: 'inspect',
  use: 'inspect [OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  flags: [FORMAT_TEMPLATE],
  args: minArgs(1),
  complete: { rest: 'image' },
  run: (call) => inspectCommand(call, 'image'),
};

const logs: DockerCommand = {
  kind: 'command',
  name: 'logs',
  use: 'logs [OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  flags: [
    flag('follow', 'bool', 'Follow log output', { short: 'f' }),
    flag('tail', 'string', 'Number of lines to show from the end of the logs', { short: 'n', default: 'all' }),
    flag('timestamps', 'bool', 'Show timestamps', { short: 't' }),
  ],
  args: exactArgs(1),
  complete: { operands: ['container'] },
  run: logsCommand,
};

const port: DockerCommand = {
  kind: 'command',
  name: 'port',
  use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  flags: [],
  args: rangeArgs(1, 2),
  complete: { operands: ['running-container'] },
  run: portCommand,
};

const rename: DockerCommand = {
  kind: 'command',
  name: 'rename',
  use: 'rename CONTAINER NEW_NAME',
  short: 'Rename a container',
  flags: [],
  args: exactArgs(2),
  complete: { operands: ['container'] },
  run: renameCommand,
};

const images: DockerCommand = {
  kind: 'command',
  name: 'images',
  use: 'images [OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  flags: [
    flag('all', 'bool', 'Show all images (default hides intermediate images)', { short: 'a' }),
    flag('digests', 'bool', 'Show digests'),
    FILTER,
    flag('format', 'string', 'Pretty-print images using a Go template'),
    NO_TRUNC,
    QUIET_IDS('Only show image IDs'),
  ],
  args: maxArgs(1),
  run: imagesCommand,
};
const imageLs: DockerCommand = { ...images, name: 'ls', aliases: ['list'], use: 'ls [OPTIONS] [REPOSITORY[:TAG]]' };

const pull: DockerCommand = {
  kind: 'command',
  name: 'pull',
  use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Pull an image or a repository from a registry',
  flags: [flag('all-tags', 'bool', 'Download all tagged images in the repository', { short: 'a' }), flag('quiet', 'bool', 'Suppress verbose output', { short: 'q' })],
  args: exactArgs(1),
  complete: { operands: ['image'] },
  run: pullCommand,
};

const version: DockerCommand = {
  kind: 'command',
  name: 'version',
  use: 'version [OPTIONS]',
  short: 'Show the Docker version information',
  flags: [FORMAT_TEMPLATE],
  args: noArgs,
  run: versionCommand,
};
const info: DockerCommand = { kind: 'command', name: 'info', use: 'info [OPTIONS]', short: 'Display system-wide information', flags: [FORMAT_TEMPLATE], args: noArgs, run: infoCommand };

const network: DockerGroup = {
  kind: 'group',
  name: 'network',
  short: 'Manage networks',
  flags: [],
  entries: [
    {
      kind: 'command',
      name: 'connect',
      use: 'connect [OPTIONS] NETWORK CONTAINER',
      short: 'Connect a container to a network',
      flags: [
        flag('alias', 'list', 'Add network-scoped alias for the container', { valueName: 'strings' }),
        flag('ip', 'string', 'IPv4 address (e.g., 172.30.100.104)'),
        flag('ip6', 'string', 'IPv6 address (e.g., 2001:db8::33)'),
        flag('link', 'list', 'Add link to another container'),
        flag('link-local-ip', 'list', 'Container IPv4/IPv6 link-local addresses'),
        flag('mac-address', 'string', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)'),
      ],
      args: exactArgs(2),
      complete: { operands: ['network', 'container'] },
      run: networkConnect,
    },
    {
      kind: 'command',
      name: 'create',
      use: 'create [OPTIONS] NETWORK',
      short: 'Create a network',
      flags: [
        flag('attachable', 'bool', 'Enable manual container attachment'),
        flag('config-from', 'string', 'The network from which to copy the configuration'),
        flag('config-only', 'bool', 'Create a configuration only network'),
        flag('driver', 'string', 'Driver to manage the Network', { short: 'd', default: 'bridge' }),
        flag('gateway', 'list', 'IPv4 or IPv6 Gateway for the master subnet', { valueName: 'strings' }),
        flag('internal', 'bool', 'Restrict external access to the network'),
        flag('ip-range', 'list', 'Allocate container ip from a sub-range', { valueName: 'strings' }),
        flag('ipv6', 'bool', 'Enable IPv6 networking'),
        flag('label', 'list', 'Set metadata on a network'),
        flag('opt', 'list', 'Set driver specific options', { short: 'o', valueName: 'map', default: 'map[]' }),
        flag('scope', 'string', "Control the network's scope"),
        flag('subnet', 'list', 'Subnet in CIDR format that represents a network segment', { valueName: 'strings' }),
      ],
      args: exactArgs(1),
      run: networkCreate,
    },
    {
      kind: 'command',
      name: 'disconnect',
      use: 'disconnect [OPTIONS] NETWORK CONTAINER',
      short: 'Disconnect a container from a network',
      flags: [flag('force', 'bool', 'Force the container to disconnect from a network', { short: 'f' })],
      args: exactArgs(2),
      complete: { operands: ['network', 'container'] },
      run: networkDisconnect,
    },
    {
      kind: 'command',
      name: 'inspect',
      use: 'inspect [OPTIONS] NETWORK [NETWORK...]',
      short: 'Display detailed information on one or more networks',
      flags: [FORMAT_TEMPLATE, flag('verbose', 'bool', 'Verbose output for diagnostics', { short: 'v' })],
      args: minArgs(1),
      complete: { rest: 'network' },
      run: networkInspect,
    },
    {
      kind: 'command',
      name: 'ls',
      aliases: ['list'],
      use: 'ls [OPTIONS]',
      short: 'List networks',
      flags: [
        { ...FILTER, usage: "Provide filter values (e.g. 'driver=bridge')" },
        flag('format', 'string', 'Pretty-print networks using a Go template'),
        flag('no-trunc', 'bool', 'Do not truncate the output'),
        QUIET_IDS('Only display network IDs'),
      ],
      args: noArgs,
      run: networkLs,
    },
    {
      kind: 'command',
      name: 'prune',
      use: 'prune [OPTIONS]',
      short: 'Remove all unused networks',
      flags: [flag('filter', 'list', "Provide filter values (e.g. 'until=<timestamp>')", { valueName: 'filter' }), flag('force', 'bool', 'Do not prompt for confirmation', { short: 'f' })],
      args: noArgs,
      run: networkPrune,
    },
    {
      kind: 'command',
      name: 'rm',
      aliases: ['remove'],
      use: 'rm NETWORK [NETWORK...]',
      short: 'Remove one or more networks',
      flags: [flag('force', 'bool', 'Do not error if the network does not exist', { short: 'f' })],
      args: minArgs(1),
      complete: { rest: 'network' },
      run: networkRm,
    },
  ],
};

/** A command the simulator does not run: Tab offers it and what it takes. */
const unsimulated = (name: string, complete?: OperandCompletion, entries?: readonly UnsimulatedCommand[]): UnsimulatedCommand => ({
  kind: 'unsimulated',
  name,
  ...(complete ? { complete } : {}),
  ...(entries ? { entries } : {}),
});
const names = (...list: string[]) => list.map((n) => unsimulated(n));

const attach: DockerCommand = {
  kind: 'command',
  name: 'attach',
  use: 'attach [OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  flags: [
    flag('detach-keys', 'string', 'Override the key sequence for detaching a container'),
    flag('no-stdin', 'bool', 'Do not attach STDIN'),
    flag('sig-proxy', 'bool', 'Proxy all received signals to the process', { default: 'true' }),
  ],
  args: exactArgs(1),
  complete: { operands: ['running-container'] },
  run: attachCommand,
};
const top: DockerCommand = {
  kind: 'command',
  name: 'top',
  use: 'top CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  flags: [],
  args: minArgs(1),
  flagsStopAtFirstOperand: true,
  complete: { operands: ['running-container'] },
  run: topCommand,
};
const pause = onContainers('pause', 'Pause all processes within one or more containers', [], 'running-container');
const unpause = onContainers('unpause', 'Unpause all processes within one or more containers', [], 'running-container');
const wait: DockerCommand = {
  kind: 'command',
  name: 'wait',
  use: 'wait CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  flags: [],
  args: minArgs(1),
  complete: { rest: 'container' },
  run: waitCommand,
};
const containerPruneCommand: DockerCommand = {
  kind: 'command',
  name: 'prune',
  use: 'prune [OPTIONS]',
  short: 'Remove all stopped containers',
  flags: [flag('force', 'bool', 'Do not prompt for confirmation', { short: 'f' })],
  args: noArgs,
  run: containerPrune,
};
const stats: DockerCommand = {
  kind: 'command',
  name: 'stats',
  use: 'stats [OPTIONS] [CONTAINER...]',
  short: 'Display a live stream of container(s) resource usage statistics',
  flags: [
    flag('all', 'bool', 'Show all containers (default shows just running)', { short: 'a' }),
    flag('format', 'string', 'Pretty-print images using a Go template'),
    flag('no-stream', 'bool', 'Disable streaming stats and only pull the first result'),
    flag('no-trunc', 'bool', 'Do not truncate output'),
  ],
  args: minArgs(0),
  complete: { rest: 'running-container' },
  run: statsCommand,
};
const history = unsimulated('history', { operands: ['image'] });
const rmi = unsimulated('rmi', { rest: 'image' });
const onNodes = (name: string) => unsimulated(name, { rest: 'node' });

const swarm: DockerGroup = {
  kind: 'group',
  name: 'swarm',
  short: 'Manage Swarm',
  flags: [],
  entries: [
    unsimulated('ca'),
    {
      kind: 'command',
      name: 'init',
      use: 'init [OPTIONS]',
      short: 'Initialize a swarm',
      flags: [
        ADVERTISE_ADDR,
        DATA_PATH_ADDR,
        flag('default-addr-pool', 'list', 'default address pool in CIDR format', { valueName: 'ipNetSlice', default: '[]' }),
        flag('force-new-cluster', 'bool', 'Force create a new cluster from current state'),
        LISTEN_ADDR,
      ],
      args: noArgs,
      run: swarmInit,
    },
    {
      kind: 'command',
      name: 'join',
      use: 'join [OPTIONS] HOST:PORT',
      short: 'Join a swarm as a node and/or manager',
      flags: [
        ADVERTISE_ADDR,
        flag('availability', 'string', 'Availability of the node ("active"|"pause"|"drain")', { default: 'active' }),
        DATA_PATH_ADDR,
        LISTEN_ADDR,
        flag('token', 'string', 'Token for entry into the swarm'),
      ],
      args: exactArgs(1),
      run: swarmJoin,
    },
    {
      kind: 'command',
      name: 'join-token',
      use: 'join-token [OPTIONS] (worker|manager)',
      short: 'Manage join tokens',
      flags: [flag('quiet', 'bool', 'Only display token', { short: 'q' }), flag('rotate', 'bool', 'Rotate join token')],
      args: exactArgs(1),
      run: swarmJoinToken,
    },
    {
      kind: 'command',
      name: 'leave',
      use: 'leave [OPTIONS]',
      short: 'Leave the swarm',
      flags: [flag('force', 'bool', 'Force this node to leave the swarm, ignoring warnings', { short: 'f' })],
      args: noArgs,
      run: swarmLeave,
    },
    ...names('unlock', 'unlock-key', 'update'),
  ],
};

const node: DockerGroup = {
  kind: 'group',
  name: 'node',
  short: 'Manage Swarm nodes',
  flags: [],
  entries: [
    onNodes('demote'),
    {
      kind: 'command',
      name: 'inspect',
      use: 'inspect [OPTIONS] self|NODE [NODE...]',
      short: 'Display detailed information on one or more nodes',
      flags: [FORMAT_TEMPLATE],
      args: minArgs(1),
      complete: { rest: 'node' },
      run: nodeInspect,
    },
    {
      kind: 'command',
      name: 'ls',
      aliases: ['list'],
      use: 'ls [OPTIONS]',
      short: 'List nodes in the swarm',
      flags: [FILTER, flag('format', 'string', 'Pretty-print nodes using a Go template'), QUIET_IDS('Only display IDs')],
      args: noArgs,
      run: nodeLs,
    },
    onNodes('promote'),
    onNodes('ps'),
    onNodes('rm'),
    onNodes('update'),
  ],
};

const container: DockerGroup = {
  kind: 'group',
  name: 'container',
  short: 'Manage containers',
  flags: [],
  entries: [
    attach,
    ...names('commit', 'cp'),
    create,
    unsimulated('diff'),
    exec,
    unsimulated('export'),
    containerInspect,
    kill,
    logs,
    containerLs,
    pause,
    port,
    containerPruneCommand,
    rename,
    restart,
    rm,
    run,
    start,
    stats,
    stop,
    top,
    unpause,
    unsimulated('update'),
    wait,
  ],
};

const image: DockerGroup = {
  kind: 'group',
  name: 'image',
  short: 'Manage images',
  flags: [],
  entries: [
    unsimulated('build'),
    history,
    unsimulated('import'),
    imageInspect,
    unsimulated('load'),
    imageLs,
    unsimulated('prune'),
    pull,
    unsimulated('push'),
    unsimulated('rm', { rest: 'image' }),
    ...names('save', 'tag'),
  ],
};

const system: DockerGroup = {
  kind: 'group',
  name: 'system',
  short: 'Manage Docker',
  flags: [],
  entries: [
    {
      kind: 'command',
      name: 'df',
      use: 'df [OPTIONS]',
      short: 'Show docker disk usage',
      flags: [flag('format', 'string', 'Pretty-print images using a Go template')],
      args: noArgs,
      run: systemDf,
    },
    unsimulated('events'),
    info,
    unsimulated('prune'),
  ],
};

/** `docker` itself: the global options and every command. */
export const DOCKER: DockerGroup = {
  kind: 'group',
  name: 'docker',
  short: 'A self-sufficient runtime for containers',
  flags: [
    flag('context', 'string', 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")', { short: 'c' }),
    flag('debug', 'bool', 'Enable debug mode', { short: 'D' }),
    flag('host', 'list', 'Daemon socket(s) to connect to', { short: 'H' }),
    flag('log-level', 'string', 'Set the logging level ("debug"|"info"|"warn"|"error"|"fatal")', { short: 'l', default: 'info' }),
    flag('version', 'bool', 'Print version information and quit', { short: 'v' }),
  ],
  entries: [
    attach,
    ...names('build', 'commit', 'compose'),
    container,
    unsimulated('cp'),
    create,
    ...names('diff', 'events'),
    exec,
    unsimulated('export'),
    history,
    image,
    images,
    unsimulated('import'),
    info,
    inspect,
    kill,
    ...names('load', 'login', 'logout'),
    logs,
    network,
    node,
    pause,
    port,
    ps,
    pull,
    unsimulated('push'),
    rename,
    restart,
    rm,
    rmi,
    run,
    ...names('save', 'search', 'secret'),
    unsimulated('service', undefined, names('create', 'inspect', 'logs', 'ls', 'ps', 'rm', 'rollback', 'scale', 'update')),
    unsimulated('stack'),
    start,
    stats,
    stop,
    swarm,
    system,
    unsimulated('tag'),
    top,
    unpause,
    unsimulated('update'),
    version,
    unsimulated('volume', undefined, names('create', 'inspect', 'ls', 'prune', 'rm')),
    wait,
  ],
};
