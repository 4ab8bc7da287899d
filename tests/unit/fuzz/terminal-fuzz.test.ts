/**
 * Fuzz of the simulator's terminal path (what every keystroke from a browser reaches): at least 100,000
 * seeded inputs through SimSandbox.terminal().write — long lines, control and escape sequences, OSC 52,
 * invalid UTF-8, random bytes, deeply nested quotes and $(...), huge pastes. Nothing may throw or leave
 * an unhandled rejection, the shell must answer `echo` after every batch, and the heap must stay flat.
 * A failure prints its seed: rerun with FUZZ_SEED=<seed> to reproduce.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimSandbox } from '../../../src/sandbox/sim/driver.ts';
import { Rng, TERMINAL_INPUT_KINDS, fuzzSeed, terminalInput, type TerminalInputKind } from './generators.ts';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 100_000);
/** Inputs between two `echo` probes; also bounds how much input waits in the line discipline. */
const BATCH = 500;
const SEED = fuzzSeed(0x5eed_7e4d);
/** Heap growth allowed between the warm-up and the end, after a full GC (research goal: < 50 MB). */
const MAX_HEAP_GROWTH_BYTES = 50 * 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

const encoder = new TextEncoder();

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 120)).toString('hex') + (bytes.length > 120 ? `… (${bytes.length} bytes)` : '');
}

describe('terminal fuzz (simulator)', () => {
  // The limit is for a hang, not a speed target (bench/sim.ts has those): 100,000 inputs take ~40 s on a
  // quiet 2-core machine and over 120 s when the unit files run beside a loaded machine's other work.
  it(`survives ${INPUTS} generated inputs and still answers echo (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const sandbox = createSimSandbox({ clock: 'real' });
    const terminal = sandbox.terminal();
    terminal.resize(80, 24);
    // Keep only the tail of the output: enough to find the probe's answer.
    let tail = '';
    let outputBytes = 0;
    terminal.onData((bytes) => {
      outputBytes += bytes.length;
      tail = (tail + Buffer.from(bytes).toString('latin1')).slice(-4096);
    });
    const rng = new Rng(SEED);
    const counts = Object.fromEntries(TERMINAL_INPUT_KINDS.map((k) => [k, 0])) as Record<TerminalInputKind, number>;
    const recent: string[] = [];
    let heapAfterWarmup = 0;
    let probes = 0;

    /** Interrupt whatever runs, clear the line, and wait for `echo` to answer. */
    const probe = async (index: number) => {
      const marker = `fz${++probes}ok`;
      tail = '';
      terminal.write(encoder.encode(`\x03\x15echo ${marker.slice(0, 2)}''${marker.slice(2)}\r`));
      const deadline = Date.now() + 10_000;
      while (!tail.includes(`${marker}\r\n`)) {
        if (Date.now() > deadline) {
          throw new Error(`the shell stopped answering after input #${index} (seed ${SEED}); last inputs:\n${recent.join('\n')}\noutput tail: ${JSON.stringify(tail.slice(-400))}`);
        }
        // Typed-ahead input is still being worked through; interrupt again now and then, and type the
        // probe again: a flood can fill the 64 KiB type-ahead, which then drops keys (with a bell) as a
        // tty does, the probe's among them. A shell that never answers still fails after 10 s.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (Date.now() % 500 < 5) terminal.write(encoder.encode(`\x03\x15echo ${marker.slice(0, 2)}''${marker.slice(2)}\r`));
      }
    };

    try {
      for (let i = 0; i < INPUTS; i++) {
        const input = terminalInput(rng);
        counts[input.kind]++;
        recent.push(`#${i} ${input.kind}: ${hex(input.bytes)}`);
        if (recent.length > 5) recent.shift();
        try {
          terminal.write(input.bytes);
        } catch (error) {
          throw new Error(`write threw on input #${i} (seed ${SEED}): ${String(error)}\n${recent.join('\n')}`, { cause: error });
        }
        // Let the shell run what was typed, as it would between two network frames.
        if (i % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
        if (i % BATCH === BATCH - 1) await probe(i);
        if (i === 10_000) {
          gc();
          heapAfterWarmup = process.memoryUsage().heapUsed;
        }
      }
      await probe(INPUTS);
      expect(rejections).toEqual([]);
      gc();
      const growth = process.memoryUsage().heapUsed - heapAfterWarmup;
      console.log(
        `terminal fuzz: ${INPUTS} inputs (seed ${SEED}) ${JSON.stringify(counts)}; ${probes} echo probes answered; ` +
          `${(outputBytes / 1e6).toFixed(1)} MB of output; heap growth after warm-up ${(growth / 1e6).toFixed(1)} MB`,
      );
      if (heapAfterWarmup > 0) expect(growth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    } finally {
      await sandbox.close();
    }
  });
});
