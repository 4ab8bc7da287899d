/**
 * SANDBOX_DRIVER=docker with no engine (DOCKER_HOST at a closed unix socket): the site stays up and
 * the terminal is told the engine is unavailable; with SANDBOX_FALLBACK=simulator the terminal gets a
 * simulated sandbox instead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerControl } from '../../src/sandbox/protocol.ts';
import { startServerChild, type ServerChild } from './server-process.ts';

const NO_ENGINE = { SANDBOX_DRIVER: 'docker', DOCKER_HOST: 'unix:///tmp/vethlab-no-docker-engine.sock', SANDBOX_POOL_SIZE: '0' };
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
});

/** Open a terminal, say hello, and collect what comes back until the socket closes or `done` says so. */
async function terminal(port: number, done: (controls: ServerControl[], text: string) => boolean, input?: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/sandbox`);
  const controls: ServerControl[] = [];
  let text = '';
  let code = 0;
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) text += data.toString();
    else controls.push(JSON.parse(data.toString()) as ServerControl);
  });
  const closed = new Promise<void>((resolve) => ws.on('close', (c) => ((code = c), resolve())));
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
  const deadline = Date.now() + 15_000;
  let typed = false;
  while (!done(controls, text) && code === 0 && Date.now() < deadline) {
    if (input && !typed && controls.some((c) => c.type === 'ready')) {
      typed = true;
      ws.send(Buffer.from(input), { binary: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  ws.close();
  await closed;
  return { controls, text, code };
}

describe('Docker engine unavailable', () => {
  it('keeps the site up and tells the terminal the engine is unavailable (close 1013, retry)', async () => {
    const server = await startServerChild(NO_ENGINE);
    children.push(server);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/lessons/1-1-veth-and-docker0/`)).status).toBe(200);
    const result = await terminal(server.port, () => false);
    expect(result.controls).toContainEqual({ type: 'error', code: 'unavailable', message: 'The docker sandbox engine is unavailable right now; retrying.' });
    expect(result.code).toBe(1013);
    expect(server.output()).toMatch(/sandbox driver docker unavailable: no Docker engine answers at \/tmp\/vethlab-no-docker-engine\.sock/);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  it('serves the terminal from the simulator with SANDBOX_FALLBACK=simulator', async () => {
    const server = await startServerChild({ ...NO_ENGINE, SANDBOX_FALLBACK: 'simulator' });
    children.push(server);
    const result = await terminal(server.port, (_c, text) => text.includes('fallback-ok\r\n'), "echo fallback-''ok\r");
    const ready = result.controls.find((c) => c.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', driver: 'simulator' });
    expect(result.text).toContain('fallback-ok\r\n');
    expect(server.output()).toContain('new terminals get the simulator');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
