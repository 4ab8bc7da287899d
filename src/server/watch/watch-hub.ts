/**
 * Who is at which terminal, and who watches them: classroom students' terminal connections (from the
 * connections' hooks) on one side, instructors' read-only watch views on the other. A student's page
 * is told how many watch; a watch view follows the student's most recently attached terminal.
 */
import type { AttachedTerminal } from '../../sandbox/connection/connection-hooks.ts';

/** A terminal a watcher can show: a node of a live session. */
export interface WatchTarget {
  sessionId: string;
  node: string;
}

/** A watch view: shown the student's current terminal, or none. */
export interface Watcher {
  follow(target: WatchTarget | undefined): void;
}

/** The process's registry of watched and watching terminals. */
export class WatchHub {
  /** Per student, their open terminals in the order they attached (the last is followed). */
  private readonly terminals = new Map<string, Map<AttachedTerminal, WatchTarget>>();
  private readonly watchers = new Map<string, Set<Watcher>>();

  /** A student's terminal attached (or re-attached after a reset) to `target`. */
  attached(studentId: string, terminal: AttachedTerminal, target: WatchTarget): void {
    let open = this.terminals.get(studentId);
    if (!open) {
      open = new Map();
      this.terminals.set(studentId, open);
    }
    open.delete(terminal);
    open.set(terminal, target);
    terminal.notifyWatchers(this.watchers.get(studentId)?.size ?? 0);
    this.retarget(studentId);
  }

  /** A student's terminal connection is gone. */
  closed(studentId: string, terminal: AttachedTerminal): void {
    const open = this.terminals.get(studentId);
    if (!open?.delete(terminal)) return;
    if (open.size === 0) this.terminals.delete(studentId);
    this.retarget(studentId);
  }

  /** The terminal a watcher of `studentId` should show now. */
  current(studentId: string): WatchTarget | undefined {
    const open = this.terminals.get(studentId);
    return open ? [...open.values()].at(-1) : undefined;
  }

  /** Start watching `studentId`; returns the function that stops it. */
  watch(studentId: string, watcher: Watcher): () => void {
    let set = this.watchers.get(studentId);
    if (!set) {
      set = new Set();
      this.watchers.set(studentId, set);
    }
    set.add(watcher);
    this.announce(studentId);
    watcher.follow(this.current(studentId));
    return () => {
      if (!set.delete(watcher)) return;
      if (set.size === 0) this.watchers.delete(studentId);
      this.announce(studentId);
    };
  }

  /** Watchers of `studentId` now (tests, logs). */
  watcherCount(studentId: string): number {
    return this.watchers.get(studentId)?.size ?? 0;
  }

  private retarget(studentId: string): void {
    const target = this.current(studentId);
    for (const watcher of this.watchers.get(studentId) ?? []) watcher.follow(target);
  }

  private announce(studentId: string): void {
    const count = this.watcherCount(studentId);
    for (const terminal of this.terminals.get(studentId)?.keys() ?? []) terminal.notifyWatchers(count);
  }
}
