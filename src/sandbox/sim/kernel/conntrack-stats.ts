/**
 * Conntrack's per-CPU statistics (struct ip_conntrack_stat, `conntrack -S`,
 * /proc/net/stat/nf_conntrack): counters of the table's exceptional events. A sandbox's flows
 * never clash or fail, so the counters the model can move are the table-full ones.
 */
import type { Netns } from './netns.ts';

/** The counters conntrack-tools 1.4.7 prints, in its order. */
export const CONNTRACK_STAT_FIELDS = ['found', 'invalid', 'insert', 'insert_failed', 'drop', 'early_drop', 'error', 'search_restart', 'clash_resolve', 'chaintoolong'] as const;

export type ConntrackStatField = (typeof CONNTRACK_STAT_FIELDS)[number];

/** The counters of one CPU. */
export type ConntrackCpuStats = Record<ConntrackStatField, number>;

function zero(): ConntrackCpuStats {
  return { found: 0, invalid: 0, insert: 0, insert_failed: 0, drop: 0, early_drop: 0, error: 0, search_restart: 0, clash_resolve: 0, chaintoolong: 0 };
}

/** Count one event on the CPU that handled it (the model runs every packet on CPU 0). */
export function countConntrackStat(ns: Netns, field: ConntrackStatField): void {
  ns.conntrackStats ??= new Map();
  const cpu = ns.conntrackStats.get(0) ?? zero();
  cpu[field] += 1;
  ns.conntrackStats.set(0, cpu);
}

/** The counters of every online CPU of the machine, CPU 0 first. */
export function conntrackStats(ns: Netns): ConntrackCpuStats[] {
  return Array.from({ length: ns.kernel.cpus }, (_, cpu) => ns.conntrackStats?.get(cpu) ?? zero());
}
