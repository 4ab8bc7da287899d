/**
 * Liveness and readiness for load balancers and Kubernetes probes. `/healthz`: the process answers.
 * `/readyz`: the classroom database and the sandbox driver's backend answer and the server is neither
 * warming up nor draining; otherwise 503 with the reason, so traffic moves to another replica.
 */
import type { ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
/** Each check must answer within this; a probe that hangs is as bad as one that fails. */
const CHECK_TIMEOUT_MS = 2_000;

/** A dependency of readiness: resolves when it answers, rejects with the reason otherwise. */
export type ReadinessCheck = () => Promise<void>;

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /** True once shutdown began (SIGTERM): the replica reports unready while it drains. */
  draining(): boolean;
  /** True while the server warms up after start (warm-up.ts): traffic is better sent elsewhere until then. */
  warming?(): boolean;
}

export interface Readiness {
  ready: boolean;
  /** "draining", or each check's "ok" or failure reason. */
  reason?: string;
  checks: Record<string, string>;
}

/** Run every check (concurrently, each bounded by a timeout). */
export async function readiness(options: HealthOptions): Promise<Readiness> {
  if (options.draining()) return { ready: false, reason: 'draining', checks: {} };
  if (options.warming?.()) return { ready: false, reason: 'warming up', checks: {} };
  const entries = Object.entries(options.checks);
  const names = entries.map(([name]) => name);
  const checks = Object.fromEntries(await Promise.all(entries.map(async ([name, check]) => [name, await outcome(check)] as const)));
  const failed = names.filter((name) => checks[name] !== 'ok');
  return failed.length === 0 ? { ready: true, checks } : { ready: false, reason: failed.map((name) => `${name}: ${checks[name]}`).join('; '), checks };
}

/** Answer `/healthz` and `/readyz`; returns false for any other path (the caller serves it). */
export function serveHealth(response: ServerResponse, path: string, options: HealthOptions): boolean {
  if (path === HEALTH_PATH) {
    reply(response, 200, { status: 'ok' });
    return true;
  }
  if (path !== READY_PATH) return false;
  void readiness(options).then(
    (result) => reply(response, result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'unready', ...result }),
    (error: unknown) => reply(response, 503, { status: 'unready', reason: String(error) }),
  );
  return true;
}

async function outcome(check: ReadinessCheck): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

function reply(response: ServerResponse, status: number, body: object): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
