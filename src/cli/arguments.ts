/** Command-line arguments of `npm run sandbox`. */
import { parseKeysDirective, type TimedKey } from '../sandbox/sim/shell/scripted-terminal.ts';

/** Which sandbox driver a replay runs on (absent from a parsed command: the simulator). */
export type ReplayDriver = 'sim' | 'docker';
const REPLAY_DRIVERS: readonly ReplayDriver[] = ['sim', 'docker'];

/** What the command line asked for. */
export type SandboxCommand =
  | { kind: 'interactive'; hostsFile?: string; profile?: string }
  | { kind: 'replay'; file: string; hostsFile?: string; profile?: string; driver?: ReplayDriver }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

/** The usage text, printed for --help and after usage errors. */
export const USAGE = `Usage:
  npm run -s sandbox -- [--hosts FILE | --profile NAME]               open a simulated shell on this terminal
  npm run -s sandbox -- replay FILE [--hosts FILE | --profile NAME] [--driver sim|docker]
                                                     type each line of FILE at the prompt of a fresh sandbox;
                                                     print one JSON object per line:
                                                     {"cmd": "...", "output": "...", "exit": N}

FILE: one command per line as a learner types it; blank lines and lines starting with # are skipped,
  except the directive "# @node NAME", which types the following lines on node NAME's terminal.
Replays are reproducible: the simulation's randomness (ids, MACs, veth names) has a fixed seed.
--hosts FILE: a host profile in JSON (README: Host profiles) for the simulated machines.
--profile NAME: a built-in host profile (default, two-nodes), or a broken lab's, lab.<slug> (the lesson's
  hidden setup runs first, as in the page).
--driver sim (default): the simulator, on a virtual clock. --driver docker: a real sandbox host of the Docker
  driver on this machine's engine (DOCKER_HOST; docs/deploy.md), each line typed into its terminal (a PTY on
  a login shell) and read until the prompt is back; built-in profiles only, not reproducible (real ids).
`;

/** Parse argv (without node and the script path). */
export function parseArguments(argv: readonly string[]): SandboxCommand {
  const positional: string[] = [];
  let hostsFile: string | undefined;
  let profile: string | undefined;
  let driver: ReplayDriver = 'sim';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--hosts' || arg.startsWith('--hosts=')) {
      const value = arg === '--hosts' ? argv[++i] : arg.slice('--hosts='.length);
      if (!value) return { kind: 'usage-error', message: '--hosts needs a FILE' };
      hostsFile = value;
      continue;
    }
    if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg === '--profile' ? argv[++i] : arg.slice('--profile='.length);
      if (!value) return { kind: 'usage-error', message: '--profile needs a NAME' };
      profile = value;
      continue;
    }
    if (arg === '--driver' || arg.startsWith('--driver=')) {
      const value = arg === '--driver' ? argv[++i] : arg.slice('--driver='.length);
      const known = REPLAY_DRIVERS.find((name) => name === value);
      if (!known) return { kind: 'usage-error', message: `--driver needs one of: ${REPLAY_DRIVERS.join(', ')}` };
      driver = known;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option: ${arg}` };
    positional.push(arg);
  }
  if (hostsFile !== undefined && profile !== undefined) return { kind: 'usage-error', message: 'give either --hosts or --profile, not both' };
  const [command, ...rest] = positional;
  const hosts = { ...(hostsFile !== undefined ? { hostsFile } : {}), ...(profile !== undefined ? { profile } : {}) };
  if (command === undefined) {
    if (driver !== 'sim') return { kind: 'usage-error', message: '--driver is for replay' };
    return { kind: 'interactive', ...hosts };
  }
  if (command === 'replay') {
    if (rest.length !== 1) return { kind: 'usage-error', message: 'replay needs exactly one FILE' };
    if (driver !== 'sim' && hostsFile !== undefined) return { kind: 'usage-error', message: `--hosts needs the simulator; --driver ${driver} builds built-in profiles only` };
    return { kind: 'replay', file: rest[0] as string, ...hosts, ...(driver !== 'sim' ? { driver } : {}) };
  }
  return { kind: 'usage-error', message: `unknown command: ${command} (known: replay)` };
}

/** The commands of a replay file: non-empty lines not starting with `#`, trimmed. */
export function replayLines(text: string): string[] {
  return replaySegments(text).flatMap((s) => s.lines);
}

/** Consecutive commands typed on one node (undefined: the first node). */
export interface ReplaySegment {
  node?: string;
  lines: string[];
  /** Keys pressed while a line runs (`# @keys 1.5 ^Z` before it), by the line's index in `lines`. */
  keys?: Map<number, TimedKey[]>;
}

/** The commands of a replay file grouped by the `# @node NAME` directives before them. */
export function replaySegments(text: string): ReplaySegment[] {
  let current: ReplaySegment = { lines: [] };
  const segments: ReplaySegment[] = [current];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const node = /^#\s*@node\s+(\S+)\s*$/.exec(line)?.[1];
    if (node !== undefined) {
      current = { node, lines: [] };
      segments.push(current);
      continue;
    }
    const keys = parseKeysDirective(line);
    if (keys !== undefined) {
      current.keys ??= new Map();
      current.keys.set(current.lines.length, keys);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    current.lines.push(line);
  }
  return segments.filter((s) => s.lines.length > 0);
}
