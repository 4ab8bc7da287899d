/**
 * A loopback TCP relay in front of the server that stamps the bytes of the first `/ws/sandbox`
 * connection as they pass (bench/first-prompt-server.ts --browser): upgrade request in → 101 out, 101
 * out → hello in, hello in → `ready` out → the prompt's last byte out. It runs in a worker thread of
 * its own, so the bench's handling of Chromium's CDP events does not delay the stamps.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loopbackRelay } from './loopback-relay.ts';

/** A prompt is the end of the output: `…# ` or `…$ `. */
const PROMPT_END = /[#$] $/;

/** The terminal socket as a relay in front of the server saw it, in ms: what the server took. */
export interface WireTiming {
  /** Upgrade request in → 101 out. */
  upgrade: number;
  /** 101 out → hello in: the page's part. */
  helloAfter101: number;
  /** Hello in → `ready` out. */
  ready: number;
  /** Hello in → the prompt's last byte out. */
  prompt: number;
}

/** The first whole WebSocket frame (unmasked: server to client) at the start of `bytes`, if it has arrived. */
function nextFrame(bytes: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (bytes.length < 2) return undefined;
  const opcode = (bytes[0] ?? 0) & 0x0f;
  const short = (bytes[1] ?? 0) & 0x7f;
  const header = short === 126 ? 4 : short === 127 ? 10 : 2;
  if (bytes.length < header) return undefined;
  const size = short === 126 ? bytes.readUInt16BE(2) : short === 127 ? Number(bytes.readBigUInt64BE(2)) : short;
  if (bytes.length < header + size) return undefined;
  return { opcode, payload: bytes.subarray(header, header + size), length: header + size };
}

/** The relay itself, inside the worker. */
async function relayTo(target: URL): Promise<{ url: string; timing(): WireTiming; close(): Promise<void> }> {
  const at: { request?: number; switched?: number; hello?: number; ready?: number; prompt?: number } = {};
  let claimed = false;
  let pending = Buffer.alloc(0);
  let output = '';
  const relay = await loopbackRelay(target, (client, upstream) => {
    let watched: boolean | undefined;
    client.on('data', (chunk: Buffer) => {
      const now = performance.now();
      watched ??= !claimed && chunk.toString('latin1', 0, 20).startsWith('GET /ws/sandbox');
      if (watched) claimed = true;
      if (!watched) return;
      at.request ??= now;
      if (at.switched !== undefined) at.hello ??= now;
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!watched) return;
      const now = performance.now();
      if (at.switched === undefined) {
        at.switched = now;
        return;
      }
      if (at.hello === undefined) return;
      // Server frames are not masked: `ready` and the prompt are readable as they pass.
      pending = Buffer.concat([pending, chunk]);
      for (let frame = nextFrame(pending); frame; frame = nextFrame(pending)) {
        pending = pending.subarray(frame.length);
        if (frame.opcode === 1 && frame.payload.includes('"ready"')) at.ready ??= now;
        if (frame.opcode !== 2) continue;
        output = (output + frame.payload.toString('latin1')).slice(-200);
        if (PROMPT_END.test(output)) at.prompt ??= now;
      }
    });
  });
  const between = (from?: number, to?: number) => (from === undefined || to === undefined ? NaN : to - from);
  return {
    url: relay.url,
    timing: () => ({ upgrade: between(at.request, at.switched), helloAfter101: between(at.switched, at.hello), ready: between(at.hello, at.ready), prompt: between(at.hello, at.prompt) }),
    close: () => relay.close(),
  };
}

/** Start the relay to `target` (an http:// URL) in a worker; `url` is where the browser should go instead. */
export async function startWireRelay(target: string): Promise<{ url: string; timing(): Promise<WireTiming>; close(): Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { target } });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async timing() {
      const answer = next();
      worker.postMessage('timing');
      return (await answer) as WireTiming;
    },
    async close() {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort && typeof (workerData as { target?: unknown })?.target === 'string') {
  const port = parentPort;
  const relay = await relayTo(new URL((workerData as { target: string }).target));
  port.on('message', () => port.postMessage(relay.timing()));
  port.postMessage({ url: relay.url });
}
