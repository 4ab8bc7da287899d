/**
 * Fuzz of the JSON control channel: 100,000 generated frames through parseClientControl, then a few
 * thousand text and binary frames through a live /ws/sandbox over the simulator driver. Nothing may
 * throw, no handler may fail, no rejection may go unhandled, and the server must still serve a shell.
 * Rerun a failure with FUZZ_SEED=<seed>.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseClientControl } from '../../../src/sandbox/protocol.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { startSandboxEndpoint } from '../../support/sandbox-endpoint.ts';
import { Rng, controlFrame, fuzzSeed, terminalInput } from './generators.ts';

const SEED = fuzzSeed(0xc0_47_01);

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
});

describe('control message fuzz', () => {
  it(`parseClientControl never throws and only accepts well-formed messages (100,000 frames, seed ${SEED})`, { timeout: 60_000 }, () => {
    const rng = new Rng(SEED);
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      const frame = controlFrame(rng);
      let result: ReturnType<typeof parseClientControl>;
      try {
        result = parseClientControl(frame);
      } catch (error) {
        throw new Error(`parseClientControl threw on frame #${i} (seed ${SEED}): ${JSON.stringify(frame.slice(0, 200))}`, { cause: error });
      }
      if (!result.ok) {
        expect(typeof result.error).toBe('string');
        continue;
      }
      accepted++;
      const m = result.value;
      expect(['hello', 'resize', 'reset', 'exec']).toContain(m.type);
      if (m.type === 'hello' || m.type === 'resize') {
        for (const n of [m.cols, m.rows]) expect(Number.isInteger(n) && n >= 2 && n <= 1000).toBe(true);
      }
      if (m.type === 'exec') expect(m.command.length).toBeLessThanOrEqual(4096);
      // Nothing but the known fields comes through (no __proto__ or constructor smuggling).
      expect(Object.keys(m).every((k) => ['type', 'version', 'cols', 'rows', 'session', 'node', 'profile', 'id', 'command'].includes(k))).toBe(true);
    }
    expect(accepted).toBeGreaterThan(1000);
  });

  it(`a live /ws/sandbox survives fuzzed frames on 40 sockets and still serves a shell (seed ${SEED})`, { timeout: 60_000 }, async () => {
    const endpoint = await startSandboxEndpoint(createSimulatorDriver());
    const { url, failures } = endpoint;
    const rng = new Rng(SEED ^ 0x5a5a);
    // Drawn up front, socket by socket, so a seed gives the same frames whatever the timing.
    const plans = Array.from({ length: 40 }, () => ({
      hello: rng.chance(0.5),
      frames: Array.from({ length: 100 }, () => (rng.chance(0.6) ? controlFrame(rng) : terminalInput(rng).bytes.subarray(0, 60_000))),
    }));
    let frames = 0;
    const closes: number[] = [];
    try {
      for (let round = 0; round < 4; round++) {
        const clients = Array.from({ length: 10 }, () => new WebSocket(url));
        await Promise.all(
          clients.map(async (ws, i) => {
            const plan = plans[round * 10 + i]!;
            ws.on('error', () => {});
            const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
            await once(ws, 'open');
            // Half the sockets start properly, so fuzz also reaches an attached session.
            if (plan.hello) ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
            for (const [n, frame] of plan.frames.entries()) {
              if (ws.readyState !== WebSocket.OPEN) break;
              frames++;
              ws.send(frame, { binary: typeof frame !== 'string' });
              if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
            ws.close();
            closes.push(await closed);
          }),
        );
      }
      // A fresh terminal still gets a shell that answers.
      const ws = new WebSocket(url);
      let text = '';
      ws.on('message', (data: Buffer, isBinary) => {
        if (isBinary) text += data.toString('utf8');
      });
      await once(ws, 'open');
      ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      ws.send(Buffer.from("echo fuzz''done\r"), { binary: true });
      const deadline = Date.now() + 5_000;
      while (!text.includes('fuzzdone\r\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(text).toContain('fuzzdone\r\n');
      ws.close();
      console.log(`control fuzz: ${frames} frames on 40 sockets; close codes ${JSON.stringify(count(closes))}; server errors: ${JSON.stringify([...new Set(failures.map((f) => f.slice(0, 120)))])}`);
      // No handler failed, and nothing a client sent reached the error log (fuzzed names once did, escape
      // sequences and all; an unknown profile name once was an internal error, now a bad-message refusal).
      expect(failures).toEqual([]);
      expect(rejections).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});

function count(codes: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}
