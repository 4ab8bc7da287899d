import { describe, expect, it } from 'vitest';
import { serverConfig } from '../../../src/server/config.ts';
import { ConfigError, readSettings } from '../../../src/settings/settings.ts';

/** The server's view of the settings an environment gives. */
const readServerConfig = (env: Record<string, string>) => serverConfig(readSettings(env));

describe('readServerConfig', () => {
  it('defaults to the simulator, 60 min TTL, 15 min idle, 5000 sessions, same origin only', () => {
    expect(readServerConfig({})).toEqual({
      driver: 'simulator',
      ttlMs: 60 * 60_000,
      idleMs: 15 * 60_000,
      maxSessions: 5000,
      allowedOrigins: [],
    });
  });

  it('reads every setting from the environment', () => {
    const config = readServerConfig({
      SANDBOX_DRIVER: 'docker',
      SANDBOX_TTL_MINUTES: '90',
      SANDBOX_IDLE_MINUTES: '0.5',
      SANDBOX_MAX_SESSIONS: '20',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toEqual({
      driver: 'docker',
      ttlMs: 90 * 60_000,
      idleMs: 30_000,
      maxSessions: 20,
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('rejects settings that are not positive numbers', () => {
    expect(() => readServerConfig({ SANDBOX_TTL_MINUTES: 'forever' })).toThrow(ConfigError);
    expect(() => readServerConfig({ SANDBOX_IDLE_MINUTES: '-1' })).toThrow(/SANDBOX_IDLE_MINUTES/);
    expect(() => readServerConfig({ SANDBOX_MAX_SESSIONS: '2.5' })).toThrow(ConfigError);
  });
});
