/** Test helper: a SimSandbox terminal on a fake simulation, drawn on a test Screen. */
import { RealClock } from '../../../src/sandbox/sim/clock.ts';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import type { Simulation } from '../../../src/sandbox/sim/userland/program.ts';
import { FakeSimulation } from '../shell/fake-simulation.ts';
import { Screen } from './screen.ts';

const encoder = new TextEncoder();

/** A terminal to type into and a screen that shows what a learner would see. */
export function openTerminal<S extends Simulation = FakeSimulation>(options: { cols?: number; simulation?: S } = {}) {
  const cols = options.cols ?? 80;
  const simulation = (options.simulation ?? new FakeSimulation({ clock: new RealClock() })) as S;
  const sandbox = new SimSandbox({ simulation });
  const terminal = sandbox.terminal();
  const screen = new Screen(cols);
  const decoder = new TextDecoder();
  let raw = '';
  terminal.resize(cols, 24);
  terminal.onData((bytes) => {
    const text = decoder.decode(bytes, { stream: true });
    raw += text;
    screen.write(text);
  });
  return {
    sandbox,
    simulation,
    screen,
    /** Everything sent to the terminal so far. */
    raw: () => raw,
    type(input: string | Uint8Array): void {
      terminal.write(typeof input === 'string' ? encoder.encode(input) : input);
    },
    /** Let pending promises and zero-delay timers run. */
    async settle(turns = 5): Promise<void> {
      for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    },
    async typeAndSettle(input: string): Promise<void> {
      this.type(input);
      await this.settle();
    },
  };
}
