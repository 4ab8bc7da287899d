/**
 * Every setting of the server, the classroom and the Docker driver, read from environment variables
 * in one place (README: Configuration). The entry point reads them once at start and passes them
 * down; nothing else looks at process.env. A value that cannot be understood is an error naming the
 * variable, and every such error is reported at once.
 */
import * as z from 'zod/mini';
import { readBytes } from '../sandbox/docker/limits.ts';

/** Settings of the sandbox sessions; `undefined` leaves the default of the part that uses it. */
export interface SandboxSettings {
  /** SANDBOX_DRIVER: `simulator` or `docker` (src/server/drivers.ts knows the names). */
  driver: string;
  /** SANDBOX_FALLBACK=simulator: serve terminals from the simulator while the Docker engine is down. */
  fallback: 'simulator' | undefined;
  /** SANDBOX_TTL_MINUTES, as milliseconds. */
  ttlMs: number | undefined;
  /** SANDBOX_IDLE_MINUTES, as milliseconds. */
  idleMs: number | undefined;
  /** SANDBOX_MAX_SESSIONS (the registry's default and the Docker driver's differ). */
  maxSessions: number | undefined;
  /** SANDBOX_MAX_CONNECTIONS_PER_IP: open sandbox sockets per client address. */
  maxConnectionsPerIp: number | undefined;
  /** SANDBOX_SESSIONS_PER_IP_PER_MINUTE: new sandbox sockets per client address per minute. */
  sessionsPerIpPerMinute: number | undefined;
  /**
   * SANDBOX_KEEP_SESSIONS (default 1; 0 turns it off): simulator sessions are journaled in the
   * database and survive a restart or move to another replica (src/sandbox/persistence/).
   */
  keepSessions: boolean | undefined;
}

/** Settings of the HTTP side: proxies, origins, slow clients. */
export interface HttpSettings {
  /** TRUST_PROXY=1: believe X-Forwarded-For/-Proto/-Host from our own reverse proxy (src/http/forwarded.ts). */
  trustProxy: boolean;
  /** ALLOWED_ORIGINS (comma-separated): origins besides the page's own that may open sockets and send changes. */
  allowedOrigins: readonly string[];
  /** HTTP_HEADERS_TIMEOUT_MS: a client must finish its request headers within this (Slowloris). */
  headersTimeoutMs: number | undefined;
  /** HTTP_REQUEST_TIMEOUT_MS: a client must finish its whole request within this. */
  requestTimeoutMs: number | undefined;
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, /readyz answers 503 and everything else is served this long before closing. */
  drainMs: number | undefined;
}

/** Settings of the Docker driver (docs/deploy.md); src/sandbox/docker/options.ts applies the defaults. */
export interface DockerSettings {
  /** DOCKER_HOST, as written (unix:// or tcp://). */
  dockerHost: string | undefined;
  runtime: string | undefined;
  privileged: boolean;
  /** SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: sandbox hosts may be root on the machine (src/sandbox/docker/isolation.ts). */
  allowRootOnMachine: boolean;
  image: string | undefined;
  /** SANDBOX_MEMORY, in bytes. */
  memoryBytes: number | undefined;
  cpus: number | undefined;
  pids: number | undefined;
  innerStorage: 'tmpfs' | 'volume' | undefined;
  /** SANDBOX_DISK, in bytes. */
  diskBytes: number | undefined;
  poolSize: number | undefined;
  poolSizeTwoNodes: number | undefined;
  owner: string | undefined;
  subnetPool: string | undefined;
}

/** Where Prometheus scrapes /metrics (src/server/metrics-endpoint.ts); neither port nor token: not served. */
export interface MetricsSettings {
  /** METRICS_PORT: a listener of its own that serves only /metrics. */
  port: number | undefined;
  /** METRICS_HOST: its address; loopback unless set (0.0.0.0 for a scraper in another pod). */
  host: string;
  /** METRICS_TOKEN: also serve /metrics on the public port to `Authorization: Bearer <token>`. */
  token: string | undefined;
}

export interface Settings {
  sandbox: SandboxSettings;
  metrics: MetricsSettings;
  http: HttpSettings;
  docker: DockerSettings;
  /** DATABASE_URL: a SQLite path or a postgres:// URL; the classroom's default file when unset. */
  databaseUrl: string | undefined;
  /** DEBUG includes `vethlab`: debug lines in the log. */
  debug: boolean;
}

/** A setting that could not be understood; the entry point prints it and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One variable: unset or blank is `undefined`, otherwise `parse` decides or it is "NAME must be <what>". */
function variable<T>(what: string, parse: (raw: string) => T | undefined) {
  return z.pipe(
    z.optional(z.string()),
    z.transform((input: string | undefined, context): T | undefined => {
      const raw = input?.trim();
      if (!raw) return undefined;
      const value = parse(raw);
      if (value === undefined) context.issues.push({ code: 'custom', message: `must be ${what}, got "${raw}"`, input });
      return value;
    }),
  );
}

const positive = (raw: string) => (Number.isFinite(Number(raw)) && Number(raw) > 0 ? Number(raw) : undefined);
const atLeast = (min: number) => (raw: string) => (Number.isInteger(Number(raw)) && Number(raw) >= min ? Number(raw) : undefined);
const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string) =>
    values.find((value) => value === raw);
const text = variable('text', (raw) => raw);
/** Flags are on for 1, true or yes, in any case; anything else is off. */
const flag = z.pipe(
  z.optional(z.string()),
  z.transform((raw) => ['1', 'true', 'yes'].includes(raw?.trim().toLowerCase() ?? '')),
);
const minutes = variable('a positive number of minutes', (raw) => {
  const value = positive(raw);
  return value === undefined ? undefined : value * 60_000;
});
const count = variable('a positive integer', atLeast(1));
const size = variable('a size like 512m or 1g', readBytes);

const environmentSchema = z.object({
  SANDBOX_DRIVER: text,
  SANDBOX_FALLBACK: variable('"simulator" or "none"', oneOf('simulator', 'none')),
  SANDBOX_TTL_MINUTES: minutes,
  SANDBOX_IDLE_MINUTES: minutes,
  SANDBOX_MAX_SESSIONS: count,
  SANDBOX_MAX_CONNECTIONS_PER_IP: count,
  SANDBOX_SESSIONS_PER_IP_PER_MINUTE: count,
  SANDBOX_KEEP_SESSIONS: variable('0 or 1', oneOf('0', '1')),
  TRUST_PROXY: flag,
  ALLOWED_ORIGINS: z.pipe(
    z.optional(z.string()),
    z.transform((raw) =>
      (raw ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    ),
  ),
  HTTP_HEADERS_TIMEOUT_MS: count,
  HTTP_REQUEST_TIMEOUT_MS: count,
  SHUTDOWN_DRAIN_MS: variable('an integer ≥ 0', atLeast(0)),
  DOCKER_HOST: text,
  SANDBOX_RUNTIME: text,
  SANDBOX_PRIVILEGED: flag,
  SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE: flag,
  SANDBOX_IMAGE: text,
  SANDBOX_MEMORY: size,
  SANDBOX_CPUS: variable('a positive number', positive),
  SANDBOX_PIDS: count,
  SANDBOX_INNER_STORAGE: variable('tmpfs or volume', oneOf('tmpfs', 'volume')),
  SANDBOX_DISK: size,
  SANDBOX_POOL_SIZE: variable('an integer ≥ 0', atLeast(0)),
  SANDBOX_POOL_SIZE_TWO_NODES: variable('an integer ≥ 0', atLeast(0)),
  SANDBOX_OWNER: text,
  SANDBOX_SUBNET_POOL: text,
  DATABASE_URL: text,
  METRICS_PORT: variable('a port number (1-65535)', (raw) => ((atLeast(1)(raw) ?? 65536) <= 65535 ? Number(raw) : undefined)),
  METRICS_HOST: text,
  METRICS_TOKEN: variable('at least 16 characters', (raw) => (raw.length >= 16 ? raw : undefined)),
  DEBUG: z.pipe(
    z.optional(z.string()),
    z.transform((raw) => (raw ?? '').split(',').includes('vethlab')),
  ),
});

/** Read every setting from `env`; throws ConfigError naming each variable it cannot understand. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
  const e = parsed.data;
  return {
    sandbox: {
      driver: e.SANDBOX_DRIVER ?? 'simulator',
      fallback: e.SANDBOX_FALLBACK === 'simulator' ? 'simulator' : undefined,
      ttlMs: e.SANDBOX_TTL_MINUTES,
      idleMs: e.SANDBOX_IDLE_MINUTES,
      maxSessions: e.SANDBOX_MAX_SESSIONS,
      maxConnectionsPerIp: e.SANDBOX_MAX_CONNECTIONS_PER_IP,
      sessionsPerIpPerMinute: e.SANDBOX_SESSIONS_PER_IP_PER_MINUTE,
      keepSessions: e.SANDBOX_KEEP_SESSIONS === undefined ? undefined : e.SANDBOX_KEEP_SESSIONS === '1',
    },
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1', token: e.METRICS_TOKEN },
    http: {
      trustProxy: e.TRUST_PROXY,
      allowedOrigins: e.ALLOWED_ORIGINS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      drainMs: e.SHUTDOWN_DRAIN_MS,
    },
    docker: {
      dockerHost: e.DOCKER_HOST,
      runtime: e.SANDBOX_RUNTIME,
      privileged: e.SANDBOX_PRIVILEGED,
      allowRootOnMachine: e.SANDBOX_ALLOW_ROOTFUL_RUNTIME_INSECURE,
      image: e.SANDBOX_IMAGE,
      memoryBytes: e.SANDBOX_MEMORY,
      cpus: e.SANDBOX_CPUS,
      pids: e.SANDBOX_PIDS,
      innerStorage: e.SANDBOX_INNER_STORAGE,
      diskBytes: e.SANDBOX_DISK,
      poolSize: e.SANDBOX_POOL_SIZE,
      poolSizeTwoNodes: e.SANDBOX_POOL_SIZE_TWO_NODES,
      owner: e.SANDBOX_OWNER,
      subnetPool: e.SANDBOX_SUBNET_POOL,
    },
    databaseUrl: e.DATABASE_URL,
    debug: e.DEBUG,
  };
}

const KEY = Symbol.for('vethlab.settings');
type Slot = { [KEY]?: Settings };

/**
 * The process's settings, read from process.env on first use. One process runs the server entry and
 * the bundled Astro routes (the classroom API), which share this slot on globalThis, so both see one
 * reading taken at start.
 */
export function processSettings(): Settings {
  const slot = globalThis as Slot;
  slot[KEY] ??= readSettings(process.env);
  return slot[KEY];
}
