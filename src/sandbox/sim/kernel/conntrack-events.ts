/**
 * Conntrack events (nf_conntrack_ecache, NFNLGRP_CONNTRACK_*): what `conntrack -E` listens to.
 * A new flow is announced once it is confirmed, i.e. after the hooks of the packet that made it
 * (so a NAT'd flow shows its translated reply tuple); a flow is updated when its reply is first
 * seen or its TCP state changes, and destroyed when it is deleted, flushed or expires.
 */
import type { ConntrackEntry } from './conntrack.ts';
import type { Netns } from './netns.ts';

/** The event groups, as conntrack-tools names them (`-e NEW,UPDATE,DESTROY`). */
export type ConntrackEventType = 'NEW' | 'UPDATE' | 'DESTROY';

/** One event: the flow as it was at that moment. */
export interface ConntrackEvent {
  type: ConntrackEventType;
  entry: ConntrackEntry;
}

export type ConntrackListener = (event: ConntrackEvent) => void;

/** Entries created while someone listened, whose NEW event waits for the end of their first packet's walk. */
const unconfirmed = new WeakMap<ConntrackEntry, Netns>();

function snapshot(e: ConntrackEntry): ConntrackEntry {
  return { ...e, orig: { ...e.orig }, reply: { ...e.reply } };
}

function emit(ns: Netns, type: ConntrackEventType, entry: ConntrackEntry): void {
  const listeners = ns.conntrackListeners;
  if (!listeners) return;
  const event = { type, entry: snapshot(entry) };
  for (const listen of [...listeners]) listen(event);
}

/** Listen to the events of `ns`'s table (a netlink socket bound to the conntrack groups); returns the close function. */
export function subscribeConntrack(ns: Netns, listener: ConntrackListener): () => void {
  ns.conntrackListeners ??= new Set();
  ns.conntrackListeners.add(listener);
  return () => {
    ns.conntrackListeners?.delete(listener);
    if (ns.conntrackListeners?.size === 0) ns.conntrackListeners = undefined;
  };
}

/** A flow was created: announce it when the packet's walk is over (the kernel's confirm step), or earlier if it changes first. */
export function announceNew(ns: Netns, e: ConntrackEntry): void {
  if (!ns.conntrackListeners) return;
  unconfirmed.set(e, ns);
  queueMicrotask(() => confirm(e));
}

/** The pending NEW event of `e`, if any, goes out now. */
function confirm(e: ConntrackEntry): void {
  const ns = unconfirmed.get(e);
  if (ns === undefined) return;
  unconfirmed.delete(e);
  emit(ns, 'NEW', e);
}

/** `e` is about to change (a reply, a state): its NEW goes out first, as it was. */
export function beforeUpdate(e: ConntrackEntry): void {
  confirm(e);
}

/** `e` changed in a way the kernel reports (reply seen, TCP state). */
export function announceUpdate(ns: Netns, e: ConntrackEntry): void {
  emit(ns, 'UPDATE', e);
}

/** `e` left the table. */
export function announceDestroy(ns: Netns, e: ConntrackEntry): void {
  confirm(e);
  emit(ns, 'DESTROY', e);
}
