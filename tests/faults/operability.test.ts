/**
 * Operability of the built server: /healthz and /readyz, /metrics on its own loopback port (not on the
 * public one) with the command latency histogram filled by real terminal commands, JSON logs with a
 * request id, and /readyz turning 503 "draining" after SIGTERM while the server still answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { freePort, startServerChild, type ServerChild } from './server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vethlab-ops-'));
const children: ServerChild[] = [];
afterAll(() => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const COMMANDS = ['docker network ls', 'ip -br link', 'echo hello'];

/** The value of one sample line (`name{labels} value`) in the exposition text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operability', () => {
  it('serves probes, metrics from real commands, JSON logs with request ids, and drains on SIGTERM', async () => {
    const metricsPort = await freePort();
    const server = await startServerChild({
      DATABASE_URL: `sqlite:${join(dir, 'classroom.sqlite')}`,
      TRUST_PROXY: '1',
      METRICS_PORT: String(metricsPort),
      SHUTDOWN_DRAIN_MS: '1500',
    });
    children.push(server);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', sandbox: 'ok' } });

    // The trusted proxy's request id is kept and echoed; without one the server makes one up.
    const page = await fetch(`${server.url}/`, { headers: { 'x-request-id': 'proxy-id-4711' } });
    expect(page.headers.get('x-request-id')).toBe('proxy-id-4711');
    const fresh = await fetch(`${server.url}/`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // Not public: the page port has no metrics without the token.
    expect(await (await fetch(`${server.url}/metrics`)).text()).not.toContain('vethlab_commands_total');

    // A terminal runs a few commands and an exercise check.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/sandbox`);
    const controls: string[] = [];
    let lastOutputAt = Date.now();
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) lastOutputAt = Date.now();
      else controls.push(data.toString());
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
    while (!controls.some((m) => m.includes('"ready"'))) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const command of COMMANDS) {
      ws.send(Buffer.from(`${command}\r`));
      // Wait for the output to go quiet (the server settles a command 150 ms after its last byte).
      await new Promise((resolve) => setTimeout(resolve, 100));
      while (Date.now() - lastOutputAt < 600) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    ws.send(JSON.stringify({ type: 'exec', id: 'check-1', command: 'docker network ls' }));
    while (!controls.some((m) => m.includes('"exec-result"'))) await new Promise((resolve) => setTimeout(resolve, 20));

    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    console.log(
      text
        .split('\n')
        .filter((l) => l.startsWith('vethlab_') && !l.includes('_bucket'))
        .join('\n'),
    );
    expect(sample(text, 'vethlab_commands_total{kind="terminal"}')).toBe(COMMANDS.length);
    expect(sample(text, 'vethlab_commands_total{kind="exec"}')).toBe(1);
    expect(sample(text, 'vethlab_command_duration_seconds_count{kind="terminal"}')).toBe(COMMANDS.length);
    const latencySum = sample(text, 'vethlab_command_duration_seconds_sum{kind="terminal"}')!;
    expect(latencySum).toBeGreaterThan(0);
    // Simulated commands answer in milliseconds; seconds would mean the quiet period was counted.
    expect(latencySum / COMMANDS.length).toBeLessThan(2);
    expect(sample(text, 'vethlab_command_duration_seconds_bucket{le="+Inf",kind="terminal"}')).toBe(COMMANDS.length);
    expect(sample(text, 'vethlab_sandbox_sessions{driver="simulator"}')).toBe(1);
    expect(sample(text, 'vethlab_websocket_connections')).toBe(1);
    expect(sample(text, 'vethlab_sandbox_pool_ready')).toBe(0);
    // At least the migrations and the readiness query.
    expect(sample(text, 'vethlab_db_query_duration_seconds_count{outcome="ok"}')).toBeGreaterThan(0);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    ws.close();
    server.child.kill('SIGTERM');
    // Draining: still answering, but not ready.
    let drained: Response | undefined;
    for (let i = 0; i < 20 && drained?.status !== 503; i++) {
      drained = await fetch(`${server.url}/readyz`);
      if (drained.status !== 503) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(drained?.status).toBe(503);
    expect(await drained!.json()).toMatchObject({ status: 'unready', reason: 'draining' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await server.exited).code).toBe(0);

    // Every line is one JSON object; the access log carries the proxy's id.
    const lines = server.output().trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.every((r) => typeof r.level === 'string' && typeof r.msg === 'string' && typeof r.time === 'string')).toBe(true);
    expect(records).toContainEqual(expect.objectContaining({ requestId: 'proxy-id-4711', method: 'GET', path: '/', status: 200 }));
    expect(records.map((r) => r.msg)).toContain('vethlab: stopped');
  }, 60_000);
});
