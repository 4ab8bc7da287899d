/**
 * The docker CLI (20.10): global flags, the command tree (top-level shortcuts and the
 * `container`, `network`, `image` groups) and the CLI's wording for unknown commands.
 */
import type { Proc } from '../proc.ts';
import type { ProgramContext } from '../program.ts';
import type { Tool } from '../registry.ts';
import { execCommand } from './exec.ts';
import { imagesCommand, pullCommand } from './images.ts';
import { inspectCommand } from './inspect.ts';
import { lifecycleCommand } from './lifecycle.ts';
import { logsCommand, portCommand } from './logs-port.ts';
import { networkCommand } from './network.ts';
import { psCommand } from './ps.ts';
import { runCommand } from './run.ts';
import { infoCommand, versionCommand } from './system.ts';
import { nodeCommand, swarmCommand } from './swarm.ts';

type Handler = (p: Proc, ctx: ProgramContext, args: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, Handler> = {
  run: (p, ctx, a) => runCommand(p, ctx, a, 'run'),
  create: (p, ctx, a) => runCommand(p, ctx, a, 'create'),
  ps: psCommand,
  exec: execCommand,
  start: (p, ctx, a) => lifecycleCommand(p, ctx, 'start', a),
  stop: (p, ctx, a) => lifecycleCommand(p, ctx, 'stop', a),
  restart: (p, ctx, a) => lifecycleCommand(p, ctx, 'restart', a),
  kill: (p, ctx, a) => lifecycleCommand(p, ctx, 'kill', a),
  rm: (p, ctx, a) => lifecycleCommand(p, ctx, 'rm', a),
  inspect: (p, ctx, a) => inspectCommand(p, ctx, a, undefined),
  logs: logsCommand,
  port: portCommand,
  images: imagesCommand,
  pull: pullCommand,
  network: networkCommand,
  version: versionCommand,
  info: infoCommand,
  swarm: swarmCommand,
  node: nodeCommand,
};

/** `docker container X` and `docker image X` map onto the same handlers. */
const GROUPS: Record<string, Record<string, Handler>> = {
  container: {
    ls: psCommand,
    list: psCommand,
    ps: psCommand,
    run: COMMANDS.run!,
    create: COMMANDS.create!,
    exec: execCommand,
    start: COMMANDS.start!,
    stop: COMMANDS.stop!,
    restart: COMMANDS.restart!,
    kill: COMMANDS.kill!,
    rm: COMMANDS.rm!,
    inspect: (p, ctx, a) => inspectCommand(p, ctx, a, 'container', 'container inspect'),
    logs: logsCommand,
    port: portCommand,
  },
  image: {
    ls: imagesCommand,
    list: imagesCommand,
    pull: pullCommand,
    inspect: (p, ctx, a) => inspectCommand(p, ctx, a, 'image', 'image inspect'),
  },
};

const HELP = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Management Commands:
  container   Manage containers
  image       Manage images
  network     Manage networks
  node        Manage Swarm nodes
  swarm       Manage Swarm

Commands:
  create      Create a new container
  exec        Run a command in a running container
  images      List images
  info        Display system-wide information
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  port        List port mappings or a specific mapping for the container
  ps          List containers
  pull        Pull an image or a repository from a registry
  restart     Restart one or more containers
  rm          Remove one or more containers
  run         Run a command in a new container
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  version     Show the Docker version information

Run 'docker COMMAND --help' for more information on a command.

To get more help with docker, check out our guides at https://docs.docker.com/go/guides/
`;

/** The docker program. */
export const docker: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  // Global options come before the command.
  while (args[0]?.startsWith('-')) {
    const flag = args.shift()!;
    if (flag === '-v' || flag === '--version') {
      ctx.io.stdout('Docker version 20.10.24+dfsg1, build 297e128\n');
      return 0;
    }
    if (flag === '-h' || flag === '--help') {
      ctx.io.stdout(HELP);
      return 0;
    }
    if (flag === '-D' || flag === '--debug') continue;
    if (flag === '-H' || flag === '--host' || flag === '-l' || flag === '--log-level' || flag === '--context' || flag === '-c') {
      args.shift();
      continue;
    }
    ctx.io.stderr(`unknown ${flag.startsWith('--') ? `flag: ${flag}` : `shorthand flag: '${flag[1]}' in ${flag}`}\nSee 'docker --help'.\n\n${HELP.trimStart()}`);
    return 125;
  }
  const name = args.shift();
  if (name === undefined) {
    ctx.io.stdout(HELP);
    return 0;
  }
  const group = GROUPS[name];
  if (group) {
    const sub = args.shift();
    const handler = sub === undefined ? undefined : group[sub];
    if (!handler) {
      const usage = `\nUsage:  docker ${name} COMMAND\n\nManage ${name}s\n\nCommands:\n${Object.keys(group).map((k) => `  ${k}`).join('\n')}\n\nRun 'docker ${name} COMMAND --help' for more information on a command.\n`;
      if (sub === undefined || sub === '--help') {
        ctx.io.stdout(usage);
        return 0;
      }
      ctx.io.stderr(usage);
      return 1;
    }
    return handler(p, ctx, args);
  }
  const handler = COMMANDS[name];
  if (!handler) {
    ctx.io.stderr(`docker: '${name}' is not a docker command.\nSee 'docker --help'\n`);
    return 1;
  }
  return handler(p, ctx, args);
};
