/**
 * What the docker CLI prints when a command is misused: cobra's argument-count messages with the
 * command's usage line, and flag errors with "See 'docker X --help'.".
 */
import type { ProgramContext } from '../program.ts';

/** Usage line and one-line description per command path. */
export const USAGE: Record<string, [string, string]> = {
  run: ['docker run [OPTIONS] IMAGE [COMMAND] [ARG...]', 'Run a command in a new container'],
  create: ['docker create [OPTIONS] IMAGE [COMMAND] [ARG...]', 'Create a new container'],
  ps: ['docker ps [OPTIONS]', 'List containers'],
  exec: ['docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', 'Run a command in a running container'],
  start: ['docker start [OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers'],
  stop: ['docker stop [OPTIONS] CONTAINER [CONTAINER...]', 'Stop one or more running containers'],
  restart: ['docker restart [OPTIONS] CONTAINER [CONTAINER...]', 'Restart one or more containers'],
  kill: ['docker kill [OPTIONS] CONTAINER [CONTAINER...]', 'Kill one or more running containers'],
  rm: ['docker rm [OPTIONS] CONTAINER [CONTAINER...]', 'Remove one or more containers'],
  inspect: ['docker inspect [OPTIONS] NAME|ID [NAME|ID...]', 'Return low-level information on Docker objects'],
  logs: ['docker logs [OPTIONS] CONTAINER', 'Fetch the logs of a container'],
  port: ['docker port CONTAINER [PRIVATE_PORT[/PROTO]]', 'List port mappings or a specific mapping for the container'],
  images: ['docker images [OPTIONS] [REPOSITORY[:TAG]]', 'List images'],
  pull: ['docker pull [OPTIONS] NAME[:TAG|@DIGEST]', 'Pull an image or a repository from a registry'],
  version: ['docker version [OPTIONS]', 'Show the Docker version information'],
  info: ['docker info [OPTIONS]', 'Display system-wide information'],
  network: ['docker network COMMAND', 'Manage networks'],
  'network ls': ['docker network ls [OPTIONS]', 'List networks'],
  'network inspect': ['docker network inspect [OPTIONS] NETWORK [NETWORK...]', 'Display detailed information on one or more networks'],
  'network create': ['docker network create [OPTIONS] NETWORK', 'Create a network'],
  'network rm': ['docker network rm NETWORK [NETWORK...]', 'Remove one or more networks'],
  'network connect': ['docker network connect [OPTIONS] NETWORK CONTAINER', 'Connect a container to a network'],
  'network disconnect': ['docker network disconnect [OPTIONS] NETWORK CONTAINER', 'Disconnect a container from a network'],
  'network prune': ['docker network prune [OPTIONS]', 'Remove all unused networks'],
};

/** A flag error: message, the help hint, exit 125 (cli.StatusError for flag errors). */
export function flagError(ctx: ProgramContext, cmd: string, message: string): number {
  ctx.io.stderr(`${message}\nSee 'docker ${cmd} --help'.\n`);
  return 125;
}

/** cobra's "requires at least/exactly N argument(s)" with the usage block; exit 1. */
export function argCountError(ctx: ProgramContext, cmd: string, kind: 'at least' | 'exactly' | 'no', n: number): number {
  const [usage, short] = USAGE[cmd] ?? [`docker ${cmd}`, ''];
  const what = kind === 'no' ? `accepts no arguments` : `requires ${kind} ${n} argument${n === 1 ? '' : 's'}`;
  ctx.io.stderr(`"docker ${cmd}" ${what}.\nSee 'docker ${cmd} --help'.\n\nUsage:  ${usage}\n\n${short}\n`);
  return 1;
}

/** `--help` output (the short form: usage and description). */
export function helpText(ctx: ProgramContext, cmd: string): number {
  const [usage, short] = USAGE[cmd] ?? [`docker ${cmd}`, ''];
  ctx.io.stdout(`\nUsage:  ${usage}\n\n${short}\n`);
  return 0;
}

/** A daemon error as the CLI prints it for most commands. */
export function daemonError(ctx: ProgramContext, message: string, code = 1): number {
  ctx.io.stderr(`Error response from daemon: ${message}\n`);
  return code;
}
