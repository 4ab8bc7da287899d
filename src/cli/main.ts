/** The sandbox CLI's dispatch: parse arguments, then replay a file or open the local shell. */
import type { SimSandbox, SimSandboxOptions } from '../sandbox/sim/sandbox.ts';
import { parseProfile, type HostProfile } from '../sandbox/profiles/host-profile.ts';
import { KNOWN_HOST_TOOLS, KNOWN_IMAGES } from '../sandbox/sim/simulation.ts';
import { parseArguments, replaySegments, USAGE } from './arguments.ts';
import { runOnThisTerminal } from './interactive.ts';
import { replay } from './replay.ts';
import { replayOnTerminals } from './driver-replay.ts';
import type { OpenedSandbox } from './docker-replay-sandbox.ts';
import { labOf } from '../sandbox/profiles/lab-profile.ts';
import { withSetup, type SetupStep } from '../sandbox/setup.ts';
import type { LabSetups } from '../sandbox/sessions.ts';

/** How the CLI gets a sandbox: a fresh simulation on a real or virtual clock. */
export type SandboxFactory = (options: {
  clock: 'real' | 'virtual';
  /** Seed of the simulation's randomness (replays are reproducible). */
  seed?: number;
  /** A built-in profile's name, or the parsed --hosts file. */
  profile?: string | HostProfile;
  onLoginShellExit?: SimSandboxOptions['onLoginShellExit'];
}) => SimSandbox;

/** The seed of every replay's simulation. */
export const REPLAY_SEED = 1;

/** What the CLI touches of the outside world (replaced in tests). */
export interface CliEnvironment {
  createSandbox: SandboxFactory;
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** A sandbox of the Docker driver (`replay --driver docker`), a broken lab's after `setup`; absent where there is none. */
  openDockerSandbox?(profile: string | undefined, setup?: readonly SetupStep[]): Promise<OpenedSandbox>;
  /** A broken lab's setup by lesson slug (`--profile lab.<slug>`), from the lesson files; absent: labs are refused. */
  labSetups?: LabSetups;
}

/** Run the CLI with `argv` (after the script path); resolves with the process exit code. */
export async function main(argv: readonly string[], env: CliEnvironment): Promise<number> {
  const command = parseArguments(argv);
  if (command.kind === 'help') {
    env.stdout(USAGE);
    return 0;
  }
  if (command.kind === 'usage-error') {
    env.stderr(`sandbox: ${command.message}\n\n${USAGE}`);
    return 2;
  }
  let profile: string | HostProfile | undefined = command.profile;
  if (command.hostsFile !== undefined) {
    const text = await readOrReport(command.hostsFile, env);
    if (text === undefined) return 1;
    const checked = parseProfile(text, { tools: KNOWN_HOST_TOOLS, images: KNOWN_IMAGES });
    if (!checked.ok) {
      env.stderr(`sandbox: ${command.hostsFile} is not a valid host profile:\n${checked.errors.map((e) => `  ${e}\n`).join('')}`);
      return 1;
    }
    profile = checked.profile;
  }
  // A broken lab (`--profile lab.<slug>`) starts from its lesson's hidden setup, as in the page.
  const lab = labOf(command.profile);
  const setup = lab === undefined ? undefined : await env.labSetups?.(lab);
  if (lab !== undefined && setup === undefined) return fail(env, `unknown lab "${lab}": no lesson of that name has a setup`);
  if (command.kind === 'replay' && command.driver === 'docker') {
    const text = await readOrReport(command.file, env);
    if (text === undefined) return 1;
    return replayOnDocker(env, command.file, text, command.profile, setup);
  }
  let sandbox: SimSandbox;
  if (command.kind === 'replay') {
    const text = await readOrReport(command.file, env);
    if (text === undefined) return 1;
    // A fixed seed: the same file replays to the same output (ids, MACs, veth names).
    const created = create(env, { clock: 'virtual', seed: REPLAY_SEED, ...(profile !== undefined ? { profile } : {}) });
    if (typeof created === 'string') return fail(env, created);
    try {
      sandbox = await withSetup(created, setup);
    } catch (e) {
      return fail(env, e instanceof Error ? e.message : String(e));
    }
    const segments = replaySegments(text);
    const unknown = segments.find((s) => s.node !== undefined && !sandbox.nodes.includes(s.node));
    if (unknown) {
      await sandbox.close();
      return fail(env, `${command.file}: "# @node ${unknown.node ?? ''}": no such node in this sandbox (nodes: ${sandbox.nodes.join(', ')})`);
    }
    await replay(sandbox, segments, env.stdout);
    return 0;
  }
  let failure: string | undefined;
  const status = await runOnThisTerminal(async (onExit) => {
    const created = create(env, {
      clock: 'real',
      ...(profile !== undefined ? { profile } : {}),
      onLoginShellExit: (_node, code) => onExit(code),
    });
    if (typeof created === 'string') {
      failure = created;
      throw new Error(created);
    }
    try {
      return await withSetup(created, setup);
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }).catch(() => undefined);
  if (failure !== undefined || status === undefined) return fail(env, failure ?? 'the simulated shell failed to start');
  return status;
}

/** `replay --driver docker`: the file typed into a real sandbox host's terminals. */
async function replayOnDocker(env: CliEnvironment, file: string, text: string, profile: string | undefined, setup: readonly SetupStep[] | undefined): Promise<number> {
  if (!env.openDockerSandbox) return fail(env, 'the Docker driver is not available here');
  let opened: OpenedSandbox;
  try {
    opened = await env.openDockerSandbox(profile, setup);
  } catch (e) {
    return fail(env, `cannot start a Docker driver sandbox: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const segments = replaySegments(text);
    const unknown = segments.find((s) => s.node !== undefined && !opened.sandbox.nodes.includes(s.node));
    if (unknown) return fail(env, `${file}: "# @node ${unknown.node ?? ''}": no such node in this sandbox (nodes: ${opened.sandbox.nodes.join(', ')})`);
    await replayOnTerminals(opened.sandbox, segments, (record) => {
      env.stdout(`${JSON.stringify({ cmd: record.cmd, output: record.output, exit: record.exit })}\n`);
    });
    return 0;
  } catch (e) {
    return fail(env, e instanceof Error ? e.message : String(e));
  } finally {
    await opened.close();
  }
}

function create(env: CliEnvironment, options: Parameters<SandboxFactory>[0]): SimSandbox | string {
  try {
    return env.createSandbox(options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (typeof options.profile === 'object') return `cannot use the host profile given with --hosts: ${message}`;
    return message;
  }
}

function fail(env: CliEnvironment, message: string): number {
  env.stderr(`sandbox: ${message}\n`);
  return 1;
}

async function readOrReport(path: string, env: CliEnvironment): Promise<string | undefined> {
  try {
    return await env.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    env.stderr(`sandbox: cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
}
