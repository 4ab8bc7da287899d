import { describe, expect, it } from 'vitest';
import { completeCommandLine } from '../../../src/sandbox/sim/shell/completion.ts';
import { runnable, type DockerCommand, type DockerEntry, type DockerGroup } from '../../../src/sandbox/sim/userland/docker/command.ts';
import { DOCKER } from '../../../src/sandbox/sim/userland/docker/commands.ts';
import { newSim, run } from './run-program.ts';

/** Every entry of the table with the words that reach it. */
function walk(entry: DockerEntry, path: string[] = []): { path: string[]; entry: DockerEntry }[] {
  const here = [...path, entry.name];
  const below = entry.kind === 'command' ? [] : (entry.entries ?? []).flatMap((e: DockerEntry) => walk(e, here));
  return [{ path: here, entry }, ...below];
}

const everything = walk(DOCKER);
const commands = everything.filter((x): x is { path: string[]; entry: DockerCommand } => x.entry.kind === 'command');
const groups = everything.filter((x): x is { path: string[]; entry: DockerGroup } => x.entry.kind === 'group' && runnable(x.entry));

const sim = newSim();
const host = { node: 'node1' };

/** What Tab offers at the end of `line`, through the shell's completion and the model, as in the terminal. */
function tab(line: string): readonly string[] {
  return completeCommandLine(line, { commandNames: () => sim.commandNames(host), fromModel: (words) => sim.complete(host, words) }).candidates;
}

/** The Options line of `--help` that shows a flag: "  -d, --detach" or "      --name string". */
function optionLine(name: string, short: string | undefined): RegExp {
  return new RegExp(`^  ${short ? `-${short}, ` : '    '}--${name}( |$)`, 'm');
}

describe('the docker command table', () => {
  it('has commands, groups and the real CLI names the simulator does not run', () => {
    expect(commands.length).toBeGreaterThan(30);
    expect(groups.map((g) => g.path.join(' '))).toEqual(['docker', 'docker container', 'docker image', 'docker network', 'docker node', 'docker swarm', 'docker system']);
    expect(everything.some((x) => x.entry.kind === 'unsimulated')).toBe(true);
  });

  it.each(commands.map((c) => [c.path.join(' '), c.entry] as const))('Tab completes every flag of `%s`', (line, cmd) => {
    for (const flag of cmd.flags) {
      const long = tab(`${line} --${flag.name}`);
      const short = flag.short === undefined ? [] : tab(`${line} -`);
      if (flag.hidden) {
        expect(long, `--${flag.name} is hidden`).not.toContain(`--${flag.name}`);
        continue;
      }
      expect(long, `--${flag.name}`).toContain(`--${flag.name}`);
      if (flag.short !== undefined) expect(short, `-${flag.short}`).toContain(`-${flag.short}`);
    }
    // Nothing but the table's flags: completion cannot offer a flag the parser would refuse.
    const offered = tab(`${line} --`);
    expect([...offered].sort()).toEqual(
      cmd.flags
        .filter((f) => !f.hidden)
        .map((f) => `--${f.name}`)
        .sort(),
    );
  });

  it.each(commands.map((c) => [c.path.join(' '), c.entry] as const))('`%s --help` lists every visible flag', async (line, cmd) => {
    const help = await run(sim, `${line} --help`);
    expect(help.code).toBe(0);
    expect(help.out).toContain(`Usage:  ${line.split(' ').slice(0, -1).join(' ')} ${cmd.use}\n\n${cmd.short}\n`);
    for (const flag of cmd.flags) {
      if (flag.hidden) expect(help.out, `--${flag.name} is hidden`).not.toMatch(optionLine(flag.name, flag.short));
      else expect(help.out, `--${flag.name}`).toMatch(optionLine(flag.name, flag.short));
    }
  });

  it.each(groups.map((g) => [g.path.join(' '), g.entry] as const))('`%s` offers and lists its subcommands and flags', async (line, group) => {
    const offered = tab(`${line} `);
    for (const entry of group.entries) expect(offered, entry.name).toContain(entry.name);
    const help = await run(sim, `${line} --help`);
    expect(help.code).toBe(0);
    // Only the root has flags of its own: docker's global options.
    for (const flag of group.flags) {
      expect(tab(`${line} --${flag.name}`), `--${flag.name}`).toContain(`--${flag.name}`);
      expect(help.out, `--${flag.name}`).toMatch(optionLine(flag.name, flag.short));
    }
    for (const entry of group.entries) {
      const listed = new RegExp(`^  ${entry.name} +\\S`, 'm');
      if (runnable(entry)) expect(help.out, entry.name).toMatch(listed);
      else expect(help.out, `${entry.name} is not simulated`).not.toMatch(listed);
    }
  });

  it('parses hidden flags like the real CLI (`docker run --net`)', async () => {
    const r = await run(sim, 'docker run --rm --net none --net-alias x busybox true');
    expect(r).toEqual({ out: '', err: expect.not.stringContaining('unknown flag') as unknown as string, code: 0 });
  });
});

describe('docker usage text from the table', () => {
  it('prints pflag option listings with defaults', async () => {
    const sim = newSim();
    expect((await run(sim, 'docker stop --help')).out).toBe(
      '\nUsage:  docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers\n\nOptions:\n  -t, --time int   Seconds to wait for stop before killing it (default 10)\n',
    );
    expect((await run(sim, 'docker port --help')).out).toBe('\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container\n');
  });

  it('words argument-count errors as cobra does, per command path', async () => {
    const sim = newSim();
    expect(await run(sim, 'docker port')).toEqual({
      out: '',
      err: '"docker port" requires at least 1 and at most 2 arguments.\nSee \'docker port --help\'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container\n',
      code: 1,
    });
    expect((await run(sim, 'docker images a b')).err).toMatch(/^"docker images" requires at most 1 argument\.\n/);
    expect(await run(sim, 'docker container run --foo busybox')).toEqual({ out: '', err: "unknown flag: --foo\nSee 'docker container run --help'.\n", code: 125 });
    expect((await run(sim, 'docker container ls extra')).err).toMatch(/^"docker container ls" accepts no arguments\.\n/);
  });

  it('answers commands the simulator does not run as the CLI answers unknown ones', async () => {
    const sim = newSim();
    expect(await run(sim, 'docker build .')).toEqual({ out: '', err: "docker: 'build' is not a docker command.\nSee 'docker --help'\n", code: 1 });
    const prune = await run(sim, 'docker image prune');
    expect(prune.code).toBe(1);
    expect(prune.err).toMatch(/^\nUsage:  docker image COMMAND\n/);
  });
});

describe('docker run attached to the terminal', () => {
  it('ends with 130 on Ctrl-C and reports any other failure of the runtime as a fault', async () => {
    const sim = newSim();
    const daemon = sim.world.nodes.get('node1')!.daemon;
    const runtime = daemon.runtime!;
    const failWith = (error: Error) => {
      daemon.runtime = { ...runtime, run: () => Promise.reject(error) };
    };
    const interrupted = new Error('interrupted');
    interrupted.name = 'AbortError';
    failWith(interrupted);
    expect((await run(sim, 'docker run --name first busybox sleep 5')).code).toBe(130);
    failWith(new Error('runtime broke'));
    const broken = await run(sim, 'docker run --name second busybox sleep 5');
    expect(broken.code).toBe(139);
    expect(broken.err).toContain('runtime broke');
  });
});
