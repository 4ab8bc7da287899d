/** The sandbox CLI's dispatch: parse arguments, then replay a file or open the local shell. */
import type { SimSandbox, SimSandboxOptions } from '../sandbox/sim/sandbox.ts';
import { parseArguments, replayLines, USAGE } from './arguments.ts';
import { runOnThisTerminal } from './interactive.ts';
import { replay } from './replay.ts';

/** How the CLI gets a sandbox: a fresh simulation on a real or virtual clock. */
export type SandboxFactory = (options: {
  clock: 'real' | 'virtual';
  profile?: string;
  onLoginShellExit?: SimSandboxOptions['onLoginShellExit'];
}) => SimSandbox;

/** What the CLI touches of the outside world (replaced in tests). */
export interface CliEnvironment {
  createSandbox: SandboxFactory;
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
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
  let profile: string | undefined;
  if (command.hostsFile !== undefined) {
    const text = await readOrReport(command.hostsFile, env);
    if (text === undefined) return 1;
    profile = text;
  }
  let sandbox: SimSandbox;
  if (command.kind === 'replay') {
    const text = await readOrReport(command.file, env);
    if (text === undefined) return 1;
    const created = create(env, { clock: 'virtual', ...(profile !== undefined ? { profile } : {}) });
    if (typeof created === 'string') return fail(env, created);
    sandbox = created;
    await replay(sandbox, replayLines(text), env.stdout);
    return 0;
  }
  let failure: string | undefined;
  const status = await runOnThisTerminal((onExit) => {
    const created = create(env, {
      clock: 'real',
      ...(profile !== undefined ? { profile } : {}),
      onLoginShellExit: (_node, code) => onExit(code),
    });
    if (typeof created === 'string') {
      failure = created;
      throw new Error(created);
    }
    return created;
  }).catch(() => undefined);
  if (failure !== undefined || status === undefined) return fail(env, failure ?? 'the simulated shell failed to start');
  return status;
}

function create(env: CliEnvironment, options: Parameters<SandboxFactory>[0]): SimSandbox | string {
  try {
    return env.createSandbox(options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return options.profile !== undefined ? `cannot use the host profile given with --hosts: ${message}` : message;
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
