/**
 * Everything behind `/ws/sandbox`, wired from the server config: driver, session registry and the
 * socket server. Production (main.ts) and dev (astro-integration.ts) both start it through here.
 */
import type { CommandTimer } from '../sandbox/connection/command-timer.ts';
import type { Driver } from '../sandbox/driver.ts';
import { SessionRegistry } from '../sandbox/sessions.ts';
import type { Settings } from '../settings/settings.ts';
import { serverConfig } from './config.ts';
import { createDriver } from './drivers.ts';
import { labSetupsFromFiles } from './lab-setups.ts';
import { DEFAULT_IP_LIMITS, IpLimits } from './ip-limits.ts';
import type { Logger } from '../sandbox/logger.ts';
import { WatchHub } from './watch/watch-hub.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from './websocket.ts';

/** A running sandbox endpoint. */
export interface SandboxEndpoint {
  readonly driver: Driver;
  readonly registry: SessionRegistry;
  readonly sockets: SandboxSocketServer;
  /** Close sockets (1001), end every session and stop the driver. Never rejects. */
  close(graceMs?: number): Promise<void>;
}

/** Start the driver named in `settings` and the registry and socket server over it. */
export async function startSandboxEndpoint(settings: Settings, log: Logger, commandTimer?: CommandTimer): Promise<SandboxEndpoint> {
  const config = serverConfig(settings);
  const driver = await createDriver(config.driver, { settings, log });
  const registry = new SessionRegistry({
    driver,
    ttlMs: config.ttlMs,
    idleMs: config.idleMs,
    maxSessions: config.maxSessions,
    // Broken labs start from their lesson's hidden setup (docs/writing-lessons.md: Broken labs).
    labSetups: labSetupsFromFiles(),
    onError: (error, context) => log.error(`${context}: ${error instanceof Error ? error.message : String(error)}`),
  });
  registry.start();
  // Another replica took a session over (the load balancer sent its learner there): stop serving it here.
  driver.onLost?.((id) => void registry.release(id));
  const ipLimits = new IpLimits({
    maxConnectionsPerIp: config.maxConnectionsPerIp ?? DEFAULT_IP_LIMITS.maxConnectionsPerIp,
    sessionsPerIpPerMinute: config.sessionsPerIpPerMinute ?? DEFAULT_IP_LIMITS.sessionsPerIpPerMinute,
    trustProxy: config.trustProxy ?? false,
  });
  // The classroom: server-verified exercise checks for students, and instructors watching their terminals.
  // Loaded after the driver started, so a server that cannot start says so without loading the classroom.
  const { createClassroomLink } = await import('./classroom-link.ts');
  const hub = new WatchHub();
  const classroom = createClassroomLink({ hub, log });
  const sockets = createSandboxSocketServer({
    registry,
    log,
    allowedOrigins: config.allowedOrigins,
    ipLimits,
    trustProxy: config.trustProxy ?? false,
    hooksFor: classroom.hooksFor,
    watch: { hub, mayWatch: classroom.mayWatch },
    ...(commandTimer ? { commandTimer } : {}),
  });
  let closed: Promise<void> | undefined;
  return {
    driver,
    registry,
    sockets,
    close(graceMs) {
      closed ??= (async () => {
        await settle(sockets.close(graceMs), log, 'closing sandbox sockets');
        await settle(registry.close('restarted'), log, 'closing sessions');
        await settle(driver.close(), log, 'stopping the sandbox driver');
      })();
      return closed;
    },
  };
}

async function settle(work: Promise<void>, log: Logger, context: string): Promise<void> {
  try {
    await work;
  } catch (error) {
    log.error(`${context}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
