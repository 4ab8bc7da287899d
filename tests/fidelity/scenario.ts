/**
 * Scenario files: one command per line as a learner types it at the host prompt.
 * `#` starts a comment line. Directives are comments of the form `# @name value`:
 *   # @fresh-daemon        (informative: the recorder starts every scenario on a fresh daemon)
 *   # @timeout 30          per-command timeout in seconds (default 30)
 * and, placed on the line before a command:
 *   # @sleep 2             wait this long before the next command (real engine only)
 *   # @keys 1.5 ^Z         press keys while the next command runs, each SECONDS after it started
 *                          (`^Z`, `^C`; the simulator's replay presses them on its clock)
 */
import { parseKeysDirective, type TimedKey } from '../../src/sandbox/sim/shell/scripted-terminal.ts';

/** One command as recorded on the real engine or replayed by the simulator. */
export interface Recorded {
  cmd: string;
  output: string;
  exit: number;
}

export interface ScenarioStep {
  cmd: string;
  sleepMs: number;
  timeoutMs: number | undefined;
  /** Keys pressed on the terminal while the command runs. */
  keys?: TimedKey[];
}

export interface Scenario {
  steps: ScenarioStep[];
  freshDaemon: boolean;
  timeoutMs: number;
}

/** Parse a scenario file into its command steps and directives. */
export function parseScenario(text: string): Scenario {
  const scenario: Scenario = { steps: [], freshDaemon: false, timeoutMs: 30_000 };
  let sleepMs = 0;
  let nextTimeout: number | undefined;
  let keys: TimedKey[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      keys = parseKeysDirective(line) ?? keys;
      const m = /^#\s*@([a-z-]+)\s*(\S*)/.exec(line);
      if (m === null) continue;
      const [, name, value] = m;
      if (name === 'fresh-daemon') scenario.freshDaemon = true;
      else if (name === 'timeout') scenario.timeoutMs = Number(value) * 1000;
      else if (name === 'sleep') sleepMs = Number(value) * 1000;
      else if (name === 'step-timeout') nextTimeout = Number(value) * 1000;
      continue;
    }
    scenario.steps.push({ cmd: line, sleepMs, timeoutMs: nextTimeout, ...(keys ? { keys } : {}) });
    sleepMs = 0;
    nextTimeout = undefined;
    keys = undefined;
  }
  return scenario;
}

/** Parse a .jsonl recording (or the replay CLI's output) into records. */
export function parseRecording(text: string): Recorded[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const v = JSON.parse(l) as Recorded;
      return { cmd: v.cmd, output: v.output, exit: v.exit };
    });
}
