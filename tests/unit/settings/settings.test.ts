/** The one reading of the environment: every variable, its defaults, and every mistake at once. */
import { describe, expect, it } from 'vitest';
import { dockerOptionsFrom } from '../../../src/sandbox/docker/options.ts';
import { ConfigError, readSettings } from '../../../src/settings/settings.ts';

describe('settings', () => {
  it('leaves unset variables to the defaults of the part that uses them', () => {
    const settings = readSettings({});
    expect(settings.sandbox).toEqual({ driver: 'simulator' });
    expect(settings.http).toEqual({ trustProxy: false, allowedOrigins: [] });
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.debug).toBe(false);
    expect(dockerOptionsFrom(settings)).toMatchObject({ maxSessions: 20, ttlMs: 60 * 60_000, poolSizes: { default: 2, 'two-nodes': 0 } });
  });

  it('reads flags, lists and numbers the way the README documents them', () => {
    const settings = readSettings({
      TRUST_PROXY: '1',
      SANDBOX_PRIVILEGED: 'Yes',
      ALLOWED_ORIGINS: ' https://a.example ,,https://b.example',
      SANDBOX_MEMORY: '512m',
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_FALLBACK: 'none',
      DATABASE_URL: ' postgres://db/vethlab ',
      DEBUG: 'other,vethlab',
    });
    expect(settings.http).toMatchObject({ trustProxy: true, allowedOrigins: ['https://a.example', 'https://b.example'] });
    expect(settings.docker).toMatchObject({ privileged: true, memoryBytes: 512 * 1024 ** 2, poolSize: 0 });
    expect(settings.sandbox.fallback).toBeUndefined();
    expect(settings.databaseUrl).toBe('postgres://db/vethlab');
    expect(settings.debug).toBe(true);
    expect(readSettings({ TRUST_PROXY: '0' }).http.trustProxy).toBe(false);
  });

  it('names every variable it cannot understand, all at once', () => {
    const read = () => readSettings({ SANDBOX_TTL_MINUTES: 'soon', SANDBOX_PIDS: '2.5', SANDBOX_MEMORY: 'lots', SANDBOX_FALLBACK: 'qemu' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      [
        'SANDBOX_FALLBACK must be "simulator" or "none", got "qemu"',
        'SANDBOX_TTL_MINUTES must be a positive number of minutes, got "soon"',
        'SANDBOX_MEMORY must be a size like 512m or 1g, got "lots"',
        'SANDBOX_PIDS must be a positive integer, got "2.5"',
      ].join('; '),
    );
  });
});
