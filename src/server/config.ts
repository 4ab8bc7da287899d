/** Server settings from environment variables, read once at start-up (see README: Configuration). */
import { DEFAULT_IDLE_MS, DEFAULT_MAX_SESSIONS, DEFAULT_TTL_MS } from '../sandbox/sessions.ts';

export interface ServerConfig {
  driver: string;
  ttlMs: number;
  idleMs: number;
  maxSessions: number;
  /** Origins allowed to open the sandbox socket besides the page's own. */
  allowedOrigins: string[];
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
  };
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
