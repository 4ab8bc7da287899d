/** The pieces behind /readyz, request ids and command timing, without a server. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TerminalCommandClock } from '../../../src/sandbox/connection/command-timer.ts';
import { readiness } from '../../../src/server/health.ts';
import { requestIdOf } from '../../../src/server/request-id.ts';
import { readSettings } from '../../../src/settings/settings.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('readiness', () => {
  it('is ready when every check answers, and names the ones that fail', async () => {
    expect(await readiness({ draining: () => false, checks: { database: async () => {}, sandbox: async () => {} } })).toEqual({
      ready: true,
      checks: { database: 'ok', sandbox: 'ok' },
    });
    const failing = await readiness({
      draining: () => false,
      checks: { database: async () => {}, sandbox: () => Promise.reject(new Error('no Docker engine answers')) },
    });
    expect(failing).toEqual({ ready: false, reason: 'sandbox: no Docker engine answers', checks: { database: 'ok', sandbox: 'no Docker engine answers' } });
  });

  it('reports draining without running the checks', async () => {
    let ran = false;
    const result = await readiness({ draining: () => true, checks: { database: async () => void (ran = true) } });
    expect(result).toEqual({ ready: false, reason: 'draining', checks: {} });
    expect(ran).toBe(false);
  });
});

describe('request ids', () => {
  it('keep a trusted proxy id, and make one up otherwise or for a malformed id', () => {
    expect(requestIdOf(request({ 'x-request-id': 'abc-123' }), true)).toBe('abc-123');
    expect(requestIdOf(request({ 'x-request-id': 'abc-123' }), false)).not.toBe('abc-123');
    expect(requestIdOf(request({ 'x-request-id': 'a b\n{"level":"error"}' }), true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({}), true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('terminal command clock', () => {
  it('measures from Enter to the last output, not to the quiet period after it', () => {
    let now = 1000;
    const clock = new TerminalCommandClock(() => now);
    clock.entered();
    now = 1010;
    clock.output();
    now = 1040;
    clock.output();
    now = 1190;
    expect(clock.settle()).toBeCloseTo(0.04);
    expect(clock.settle()).toBeUndefined();
  });

  it('counts typed-ahead lines as one wait and ignores a command with no answer', () => {
    let now = 0;
    const clock = new TerminalCommandClock(() => now);
    clock.entered();
    now = 5;
    clock.entered();
    now = 20;
    clock.output();
    expect(clock.settle()).toBeCloseTo(0.02);
    clock.entered();
    expect(clock.settle()).toBeUndefined();
  });
});

describe('metrics settings', () => {
  it('serve nothing unless asked, on loopback by default', () => {
    expect(readSettings({}).metrics).toEqual({ port: undefined, host: '127.0.0.1', token: undefined });
    expect(readSettings({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toMatchObject({ port: 9464, host: '0.0.0.0' });
    expect(() => readSettings({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be a port number/);
    expect(() => readSettings({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(readSettings({ SHUTDOWN_DRAIN_MS: '5000' }).http.drainMs).toBe(5000);
  });
});
