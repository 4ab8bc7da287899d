/**
 * The one interface every sandbox backend implements: the simulator (default, in-process) and
 * the real Docker-in-Docker driver. The server and the terminal never know which one runs.
 */

import type { HostProfile } from './profiles/host-profile.ts';
import type { PortRequest, PortResult } from './published-port.ts';
import type { SandboxState } from './topology/state.ts';
import type { SetupStep } from './setup.ts';

/** A byte stream that behaves like a PTY attached to a login shell on one node. */
export interface TerminalStream {
  /** Bytes the learner typed (keys, pastes), exactly as xterm.js produced them. */
  write(bytes: Uint8Array): void;
  /** Subscribe to bytes the terminal should display; returns an unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  resize(cols: number, rows: number): void;
}

/** What a hidden command (an exercise check) produced: stdout and stderr interleaved. */
export interface ExecResult {
  exit: number;
  output: string;
}

/** An ExecResult with the output as the bytes written, for answers that need not be text (a published port's image). */
export interface ByteExecResult {
  exit: number;
  output: Uint8Array;
}

export interface ExecOptions {
  /** Which node of a multi-node sandbox; defaults to the first. */
  node?: string;
  /** Give up after this long; the result then has exit 124 like coreutils `timeout`. */
  timeoutMs?: number;
}

export interface Sandbox {
  /** Names of the hosts in this sandbox, first is the default ("node1"). */
  readonly nodes: readonly string[];
  /**
   * The interactive terminal of `node`; the same stream every time for the same name. `node/N`
   * (terminal-name.ts) is the node's N-th terminal: another login shell on the same host.
   */
  terminal(node?: string): TerminalStream;
  /** Run a command on a hidden channel, as `sh -c` on the node's host shell. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Release everything the sandbox holds. Idempotent. */
  close(): Promise<void>;
  /**
   * Optional (added for the topology panel): the sandbox's hosts, namespaces, interfaces, bridges,
   * published ports and overlays as they are now, plus the last packet's path where the driver
   * knows it. See src/sandbox/topology/state.ts.
   */
  state?(): Promise<SandboxState | undefined>;
  /**
   * Optional (added for localised tools): the language of the page the learner reads (a locale
   * code of src/i18n/locales/), in which the driver's own tools speak (the simulator's `explain`,
   * `help`, the packet path in `state`). Real tools are not affected; drivers without own tools omit it.
   */
  setLocale?(locale: string): void;
  /**
   * Optional (sandboxes that outlive the process): stop serving the sandbox here but keep it, so that
   * `Driver.resume` in the next process, or in another replica, finds it as it was. Used on shutdown
   * instead of `close`, which ends the sandbox for good.
   */
  suspend?(): Promise<void>;
  /**
   * Optional (added for the Ports control): one HTTP GET or HEAD to host port `request.port` of
   * `request.node`, as a browser beside the node would send it (published-port.ts). The session has
   * already checked that a container publishes the port; failures are values, never thrown.
   */
  requestPort?(request: PortRequest): Promise<PortResult>;
}

/** The session a sandbox is made for: drivers that keep sandboxes beyond the process key them by it. */
export interface SessionInfo {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When the session ends whatever happens (its TTL); a kept sandbox is removed after it. */
  expiresAt: number;
}

/** A sandbox found again by `Driver.resume`, with the session it was made for. */
export interface ResumedSandbox {
  sandbox: Sandbox;
  session: SessionInfo;
}

export interface SandboxOptions {
  /** Name of a built-in host profile (see README: host profiles), or undefined for the default; other names throw UnknownProfileError. */
  profile?: string;
  /**
   * A parsed host profile (README: Host profiles), used instead of `profile` by drivers that can
   * build arbitrary hosts (the simulator; the replay CLI's --hosts FILE). Others ignore it.
   */
  hosts?: HostProfile;
  /** The session the sandbox is for (set by the session registry). */
  session?: SessionInfo;
  /**
   * Hidden commands to run once on a fresh sandbox before it is served (a broken lab's setup, set by
   * the session registry for a lab's profile: src/sandbox/setup.ts). A sandbox the driver restores
   * instead of creating (the browser's saved one) already ran them. A failing step throws SetupFailedError.
   */
  setup?: readonly SetupStep[];
}

/** A driver has no room for another sandbox; the learner is told to try again later. */
export class SandboxCapacityError extends Error {
  override name = 'SandboxCapacityError';
  readonly code = 'capacity';
}

/**
 * The sandbox asks for a host profile the course does not have (src/sandbox/profiles/builtin.ts).
 * Every driver refuses it the same way; the learner's terminal is told, it is not a server fault.
 */
export class UnknownProfileError extends Error {
  override name = 'UnknownProfileError';
  readonly code = 'unknown-profile';
}

/** The driver's backend (the Docker engine) cannot be reached; the learner is told so and the client retries. */
export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
  readonly code = 'unavailable';
}

export interface Driver {
  readonly name: string;
  create(options?: SandboxOptions): Promise<Sandbox>;
  /** Stop the driver: close pools, forget sandboxes. */
  close(): Promise<void>;
  /** Optional (readiness probe): resolves when the backend answers now, rejects with the reason otherwise. */
  ping?(): Promise<void>;
  /** Optional (metrics): sandboxes started ahead and waiting for a learner. Drivers without a pool omit it. */
  pooled?(): number;
  /**
   * Optional (sandboxes that outlive the process): the sandbox of session `id` that this process does
   * not hold, left by a previous process or held by another replica until now; undefined when there is
   * none, it expired, or it was made for another profile than `options.profile`. Never throws for a
   * missing sandbox; the registry then starts a fresh one.
   */
  resume?(id: string, options?: SandboxOptions): Promise<ResumedSandbox | undefined>;
  /** Optional (with `resume`): `listener` hears of each session another process took over; the registry lets it go. */
  onLost?(listener: (id: string) => void): void;
}
