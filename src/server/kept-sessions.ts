/**
 * Sessions kept in the classroom database (SANDBOX_KEEP_SESSIONS, on by default): with the simulator a
 * restarted server, or another replica, rebuilds a learner's sandbox from its journal; with the Docker
 * driver it adopts the sandbox hosts the previous process left running.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sharedClassroom } from '../classroom/shared.ts';
import { createKeptSimulatorDriver, type KeptSimulatorDriver } from '../sandbox/persistence/kept-simulator.ts';
import type { Logger } from '../sandbox/logger.ts';
import type { KeepOptions } from '../sandbox/docker/keeper.ts';
import { databaseHostClaimStore } from './sandbox-host-claims.ts';
import { databaseJournalStore } from './sandbox-journals.ts';

/** This process as the holder of journals: unique per start, readable in the table. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

/** The kept simulator over the shared classroom database. */
export function keptSimulatorDriver(log: Logger): KeptSimulatorDriver {
  return createKeptSimulatorDriver({
    store: databaseJournalStore(async () => (await sharedClassroom()).db),
    holder: processHolder(),
    onError: (error, context) => log.error(`${context}: ${error instanceof Error ? error.message : String(error)}`),
  });
}

/** The Docker driver's host claims over the shared classroom database, held by this process. */
export function keptHostClaims(): KeepOptions {
  return { store: databaseHostClaimStore(async () => (await sharedClassroom()).db), holder: processHolder() };
}
