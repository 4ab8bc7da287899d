/**
 * The server's Prometheus metrics (prom-client): sandbox sessions, commands and their latency,
 * WebSocket connections, the Docker driver's warm pool, database queries, and Node's process metrics.
 * Served by metrics-server.ts, never on the public port unless a token guards it.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandTimer } from '../sandbox/connection/command-timer.ts';
import type { QueryTimer } from '../classroom/db/query-timing.ts';
import type { SandboxEndpoint } from './sandbox-endpoint.ts';

/** Seconds; a terminal command answers within milliseconds in the simulator, seconds on a real engine. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds; SQLite answers in microseconds, PostgreSQL over the network in milliseconds. */
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export interface ServerMetrics {
  readonly registry: Registry;
  /** Give to the sandbox socket server: counts commands and observes their latency. */
  readonly commandTimer: CommandTimer;
  /** Give to the classroom's database (setQueryTimer): observes each query's duration. */
  readonly queryTimer: QueryTimer;
  /** Read sessions, sockets and the pool from `endpoint` at each scrape. */
  watch(endpoint: SandboxEndpoint): void;
}

/** A fresh registry with every metric of the server (one per process; tests make their own). */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let endpoint: SandboxEndpoint | undefined;

  const commands = new Counter({
    name: 'vethlab_commands_total',
    help: 'Commands answered: typed in a terminal (Enter) or run as an exercise check (exec).',
    labelNames: ['kind'],
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: 'vethlab_command_duration_seconds',
    help: 'From a command reaching the server to the last byte of its answer.',
    labelNames: ['kind'],
    buckets: COMMAND_BUCKETS,
    registers: [registry],
  });
  const querySeconds = new Histogram({
    name: 'vethlab_db_query_duration_seconds',
    help: 'Classroom database queries, by outcome.',
    labelNames: ['outcome'],
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'vethlab_sandbox_sessions',
    help: 'Live sandbox sessions, by the driver that serves them.',
    labelNames: ['driver'],
    registers: [registry],
    collect() {
      this.reset();
      if (!endpoint) return;
      // The configured driver shows as 0 rather than absent, so "no sessions" is a value, not a gap.
      this.set({ driver: endpoint.driver.name }, 0);
      for (const [driver, count] of endpoint.registry.countByDriver()) this.set({ driver }, count);
    },
  });
  new Gauge({
    name: 'vethlab_websocket_connections',
    help: 'Open sandbox WebSocket connections.',
    registers: [registry],
    collect() {
      this.set(endpoint?.sockets.connectionCount ?? 0);
    },
  });
  new Gauge({
    name: 'vethlab_sandbox_pool_ready',
    help: 'Sandboxes started ahead and waiting for a learner (Docker driver; 0 for the simulator).',
    registers: [registry],
    collect() {
      this.set(endpoint?.driver.pooled?.() ?? 0);
    },
  });

  return {
    registry,
    commandTimer: (kind, seconds) => {
      commands.inc({ kind });
      commandSeconds.observe({ kind }, seconds);
    },
    queryTimer: (seconds, failed) => querySeconds.observe({ outcome: failed ? 'error' : 'ok' }, seconds),
    watch(watched) {
      endpoint = watched;
    },
  };
}
