/** Command-line arguments of `npm run sandbox`. */

/** What the command line asked for. */
export type SandboxCommand =
  | { kind: 'interactive'; hostsFile?: string }
  | { kind: 'replay'; file: string; hostsFile?: string }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

/** The usage text, printed for --help and after usage errors. */
export const USAGE = `Usage:
  npm run -s sandbox -- [--hosts FILE]               open a simulated shell on this terminal
  npm run -s sandbox -- replay FILE [--hosts FILE]   type each line of FILE at the prompt of a fresh
                                                     simulated sandbox; print one JSON object per line:
                                                     {"cmd": "...", "output": "...", "exit": N}

FILE: one command per line as a learner types it; blank lines and lines starting with # are skipped.
--hosts FILE: a host profile for the simulated machines.
`;

/** Parse argv (without node and the script path). */
export function parseArguments(argv: readonly string[]): SandboxCommand {
  const positional: string[] = [];
  let hostsFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--hosts' || arg.startsWith('--hosts=')) {
      const value = arg === '--hosts' ? argv[++i] : arg.slice('--hosts='.length);
      if (!value) return { kind: 'usage-error', message: '--hosts needs a FILE' };
      hostsFile = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option: ${arg}` };
    positional.push(arg);
  }
  const [command, ...rest] = positional;
  const hosts = hostsFile !== undefined ? { hostsFile } : {};
  if (command === undefined) return { kind: 'interactive', ...hosts };
  if (command === 'replay') {
    if (rest.length !== 1) return { kind: 'usage-error', message: 'replay needs exactly one FILE' };
    return { kind: 'replay', file: rest[0] as string, ...hosts };
  }
  return { kind: 'usage-error', message: `unknown command: ${command} (known: replay)` };
}

/** The commands of a replay file: non-empty lines not starting with `#`, trimmed. */
export function replayLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
