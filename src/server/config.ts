/** Server settings from environment variables, read once at start-up (see README: Configuration). */
import { DEFAULT_IDLE_MS, DEFAULT_MAX_SESSIONS, DEFAULT_TTL_MS } from '../sandbox/sessions.ts';

export interface ServerConfig {
  driver: string;
  ttlMs: number;
  idleMs: number;
  maxSessions: number;
  /** Origins allowed to open the sandbox socket besides the page's own. */
  allowedOrigins: string[];
  /*
   * Hardening overrides, present only when their variable is set; the defaults live with their users
   * (ip-limits.ts, main.ts, fallback-driver.ts). See docs/security.md.
   */
  /** SANDBOX_FALLBACK=simulator: serve terminals from the simulator while the Docker engine is down. */
  fallback?: string;
  /** SANDBOX_MAX_CONNECTIONS_PER_IP: open sandbox sockets per client address. */
  maxConnectionsPerIp?: number;
  /** SANDBOX_SESSIONS_PER_IP_PER_MINUTE: new sandbox sockets per client address per minute. */
  sessionsPerIpPerMinute?: number;
  /** HTTP_HEADERS_TIMEOUT_MS: a client must finish its request headers within this (Slowloris). */
  headersTimeoutMs?: number;
  /** HTTP_REQUEST_TIMEOUT_MS: a client must finish its whole request within this. */
  requestTimeoutMs?: number;
  /** TRUST_PROXY=1: per-address limits use X-Forwarded-For, HSTS follows X-Forwarded-Proto. */
  trustProxy?: boolean;
}

/** A setting that could not be understood; the entry point prints it and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Read the sandbox settings from `env`, rejecting values that are not positive numbers. */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    driver: (env.SANDBOX_DRIVER ?? '').trim() || 'simulator',
    ttlMs: minutes(env, 'SANDBOX_TTL_MINUTES', DEFAULT_TTL_MS),
    idleMs: minutes(env, 'SANDBOX_IDLE_MINUTES', DEFAULT_IDLE_MS),
    maxSessions: count(env, 'SANDBOX_MAX_SESSIONS', DEFAULT_MAX_SESSIONS),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    ...optional('fallback', fallbackDriver(env)),
    ...optional('maxConnectionsPerIp', countOrUndefined(env, 'SANDBOX_MAX_CONNECTIONS_PER_IP')),
    ...optional('sessionsPerIpPerMinute', countOrUndefined(env, 'SANDBOX_SESSIONS_PER_IP_PER_MINUTE')),
    ...optional('headersTimeoutMs', countOrUndefined(env, 'HTTP_HEADERS_TIMEOUT_MS')),
    ...optional('requestTimeoutMs', countOrUndefined(env, 'HTTP_REQUEST_TIMEOUT_MS')),
    ...optional('trustProxy', env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true' ? true : undefined),
  };
}

/** `{ [key]: value }`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function fallbackDriver(env: NodeJS.ProcessEnv): string | undefined {
  const raw = (env.SANDBOX_FALLBACK ?? '').trim();
  if (raw === '' || raw === 'none') return undefined;
  if (raw !== 'simulator') throw new ConfigError(`SANDBOX_FALLBACK must be "simulator" or "none", got "${raw}"`);
  return raw;
}

function countOrUndefined(env: NodeJS.ProcessEnv, name: string): number | undefined {
  return env[name]?.trim() ? count(env, name, 0) : undefined;
}

function minutes(env: NodeJS.ProcessEnv, name: string, fallbackMs: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number of minutes, got "${raw}"`);
  return value * 60_000;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
