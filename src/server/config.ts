/** What the sandbox endpoint takes from the settings (src/settings/settings.ts), its defaults applied. */
import type { Settings } from '../settings/settings.ts';
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

/** The server's view of `settings`. */
export function serverConfig(settings: Settings): ServerConfig {
  const { sandbox, http } = settings;
  return {
    driver: sandbox.driver,
    ttlMs: sandbox.ttlMs ?? DEFAULT_TTL_MS,
    idleMs: sandbox.idleMs ?? DEFAULT_IDLE_MS,
    maxSessions: sandbox.maxSessions ?? DEFAULT_MAX_SESSIONS,
    allowedOrigins: [...http.allowedOrigins],
    ...optional('fallback', sandbox.fallback),
    ...optional('maxConnectionsPerIp', sandbox.maxConnectionsPerIp),
    ...optional('sessionsPerIpPerMinute', sandbox.sessionsPerIpPerMinute),
    ...optional('headersTimeoutMs', http.headersTimeoutMs),
    ...optional('requestTimeoutMs', http.requestTimeoutMs),
    ...optional('trustProxy', http.trustProxy || undefined),
  };
}

/** `{ [key]: value }`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
