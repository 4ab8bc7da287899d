/**
 * The sandbox's time limits, shown in the terminal's toolbar: time left of its lifetime (TTL), and a
 * warning when the idle limit is near (no input or output for `idleMs` ends it). Counts from the
 * `ready` message (expiresAt against the server's `now`, so clock skew does not matter) and from the
 * activity the terminal reports. Limits beyond a day (the in-browser simulator's) are not shown.
 */
import { fill } from '../exercise/element-data.ts';
import type { ReadyMessage } from './sandbox-client.ts';

/** Warn this long before the lifetime ends. */
export const TTL_WARNING_MS = 5 * 60_000;
/** Warn this long before the idle limit. */
export const IDLE_WARNING_MS = 3 * 60_000;
const SHOWN_LIMIT_MS = 24 * 60 * 60_000;
const TICK_MS = 5_000;

export interface TimerStrings {
  /** `{minutes}`: minutes of lifetime left. */
  timerLeft: string;
  /** `{minutes}`: minutes until the lifetime ends. */
  timerEnding: string;
  /** `{minutes}`: minutes until the idle limit. */
  timerIdle: string;
}

/** What the timer shows now; undefined for nothing (no limits known, or only far-off ones). */
export function timerText(strings: TimerStrings, ttlLeftMs: number | undefined, idleLeftMs: number | undefined): { text: string; warning?: 'idle' | 'ttl' } | undefined {
  const minutes = (ms: number) => Math.max(0, Math.ceil(ms / 60_000));
  if (idleLeftMs !== undefined && idleLeftMs <= IDLE_WARNING_MS && (ttlLeftMs === undefined || idleLeftMs < ttlLeftMs)) {
    return { text: fill(strings.timerIdle, { minutes: minutes(idleLeftMs) }), warning: 'idle' };
  }
  if (ttlLeftMs === undefined || ttlLeftMs > SHOWN_LIMIT_MS) return undefined;
  if (ttlLeftMs <= TTL_WARNING_MS) return { text: fill(strings.timerEnding, { minutes: minutes(ttlLeftMs) }), warning: 'ttl' };
  return { text: fill(strings.timerLeft, { minutes: minutes(ttlLeftMs) }) };
}

/** The toolbar countdown of one terminal element. */
export class SessionTimer {
  readonly #label: HTMLElement;
  readonly #strings: TimerStrings;
  #endsAt: number | undefined;
  #idleMs: number | undefined;
  #lastActivity = performance.now();
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(label: HTMLElement, strings: TimerStrings) {
    this.#label = label;
    this.#strings = strings;
  }

  /** A (re)attachment: the limits of the session now served. */
  ready(ready: ReadyMessage): void {
    const now = performance.now();
    this.#endsAt = ready.now !== undefined ? now + (ready.expiresAt - ready.now) : undefined;
    this.#idleMs = ready.idleMs !== undefined && ready.idleMs <= SHOWN_LIMIT_MS ? ready.idleMs : undefined;
    this.#lastActivity = now;
    this.#interval ??= setInterval(() => this.#show(), TICK_MS);
    this.#show();
  }

  /** Input or output happened: the idle limit starts over. */
  activity(): void {
    this.#lastActivity = performance.now();
    if (this.#label.dataset.warning === 'idle') this.#show();
  }

  dispose(): void {
    clearInterval(this.#interval);
    this.#interval = undefined;
  }

  #show(): void {
    const now = performance.now();
    const ttlLeft = this.#endsAt === undefined ? undefined : this.#endsAt - now;
    const idleLeft = this.#idleMs === undefined ? undefined : this.#idleMs - (now - this.#lastActivity);
    const shown = timerText(this.#strings, ttlLeft, idleLeft);
    this.#label.hidden = shown === undefined;
    this.#label.textContent = shown?.text ?? '';
    if (shown?.warning) this.#label.dataset.warning = shown.warning;
    else delete this.#label.dataset.warning;
  }
}
