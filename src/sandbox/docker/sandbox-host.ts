/**
 * One sandbox host: a container on the machine's engine running its own dockerd, named after its
 * node (hostname node1, node2). Creation, readiness (the inner dockerd answering), the hidden exec
 * channel for checks, TTY execs for terminals, removal.
 */
import type { Socket } from 'node:net';
import type { ByteExecResult, ExecResult } from '../driver.ts';
import { createDemuxer, EngineError, type EngineClient } from './engine-client.ts';
import { LABEL, unixSeconds } from './labels.ts';
import { hostConfigLimits } from './limits.ts';
import type { DockerDriverOptions } from './options.ts';
import type { Isolation } from './isolation.ts';
import { hostConfigSecurity } from './security.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

/** What the sandbox host's init prints once its dockerd answers (images/sandbox-host). */
const READY_MARK = 'vethlab: ready';
/** Environment of every shell and check, as a login on the host would have it. */
const EXEC_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'LANG=C.UTF-8'];
/** Exit status of a check that ran out of time, as coreutils `timeout` reports it. */
export const TIMEOUT_EXIT = 124;

export interface SandboxHostSpec {
  sandboxId: string;
  node: string;
  /** The sandbox's labels (labels.ts); the host adds its node. */
  labels: Record<string, string>;
  /** The sandbox's private network (already created). */
  network: string;
  /** Hard deadline (ms since the epoch): the label and the host's own watchdog enforce it. */
  expiresAt: number;
  /** A fixed address on the private network (two-node sandboxes: the LAN tunnel's endpoints). */
  address?: string;
  /** More environment for the host's init (VETHLAB_LAN, VETHLAB_LAN_PEERS: images/sandbox-host). */
  env?: readonly string[];
  /** Named volumes mounted into the host, by path (the two-node profile's shared /vagrant). */
  volumes?: Readonly<Record<string, string>>;
}

/** A running TTY exec: its raw socket, and how to resize it. */
export interface TtySession {
  socket: Socket;
  resize(cols: number, rows: number): Promise<void>;
}

export class SandboxHost {
  readonly id: string;
  readonly node: string;
  private readonly client: EngineClient;

  private constructor(client: EngineClient, id: string, node: string) {
    this.client = client;
    this.id = id;
    this.node = node;
  }

  /** A host that is already running (adopted from a previous process of this server). */
  static adopt(client: EngineClient, id: string, node: string): SandboxHost {
    return new SandboxHost(client, id, node);
  }

  /** Create (not start) the container of `spec`, isolated as the engine allows (isolation.ts). */
  static async create(client: EngineClient, options: DockerDriverOptions, isolation: Isolation, spec: SandboxHostSpec): Promise<SandboxHost> {
    const name = `vethlab-${spec.sandboxId}-${spec.node}`;
    const body = {
      Image: options.image,
      Hostname: spec.node,
      Env: [`VETHLAB_EXPIRES=${unixSeconds(spec.expiresAt)}`, ...(spec.env ?? [])],
      Labels: { ...spec.labels, [LABEL.node]: spec.node },
      HostConfig: {
        ...hostConfigSecurity(options.runtime, options.privileged, isolation),
        ...hostConfigLimits(options.limits, options.innerStorage, options.diskBytes),
        // tini as PID 1 reaps zombies and forwards signals to the init script
        Init: true,
        // when the host's init exits (deadline reached, dockerd died) the engine deletes it, with
        // its /var/lib/docker volume: no server needed to clean up
        AutoRemove: true,
        NetworkMode: spec.network,
        // The engine's embedded DNS would forward unknown names from the host's namespace, out
        // past the internal network (CVE-2024-29018 on engines before 25.0.5/26.0). An upstream
        // in the container's own namespace makes those queries go nowhere.
        Dns: ['127.0.0.1'],
        // no IPv6 link-local path to the machine's services over the private network
        Sysctls: { 'net.ipv6.conf.all.disable_ipv6': '1', 'net.ipv6.conf.default.disable_ipv6': '1' },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
        ...(spec.volumes ? { Mounts: Object.entries(spec.volumes).map(([target, source]) => ({ Type: 'volume', Source: source, Target: target })) } : {}),
      },
      NetworkingConfig: {
        EndpointsConfig: { [spec.network]: { Aliases: [spec.node], ...(spec.address ? { IPAMConfig: { IPv4Address: spec.address } } : {}) } },
      },
    };
    const created = await client.request<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, { body });
    return new SandboxHost(client, created.Id, spec.node);
  }

  /** Start the container and wait until its inner dockerd answers. */
  async start(timeoutMs: number): Promise<void> {
    await this.client.request('POST', `/containers/${this.id}/start`);
    await this.waitReady(timeoutMs);
  }

  /** Follow the host's log until the init says it is ready; fail if it exits or takes too long. */
  private async waitReady(timeoutMs: number): Promise<void> {
    const res = await this.client.stream('GET', `/containers/${this.id}/logs?follow=1&stdout=1&stderr=1`);
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const finish = (error?: Error) => {
        clearTimeout(timer);
        res.destroy();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`sandbox host ${this.node} not ready after ${timeoutMs} ms`)), timeoutMs);
      const feed = createDemuxer((_kind, payload) => {
        seen = (seen + payload.toString('utf8')).slice(-4096);
        if (seen.includes(READY_MARK)) finish();
      });
      res.on('data', feed);
      res.on('end', () => finish(new Error(`sandbox host ${this.node} stopped while starting: ${seen.trim().slice(-500)}`)));
      res.on('error', (error) => finish(error));
    });
  }

  /** Run `command` with `sh -c`, stdout and stderr interleaved; exit 124 after `timeoutMs`. */
  async exec(command: string, timeoutMs: number): Promise<ExecResult> {
    const result = await this.execBytes(command, timeoutMs);
    return { exit: result.exit, output: Buffer.from(result.output).toString('utf8') };
  }

  /** `exec` with the output as the bytes the command wrote (a published port's page may be an image). */
  async execBytes(command: string, timeoutMs: number): Promise<ByteExecResult> {
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const execId = await this.createExec({
      AttachStdout: true,
      AttachStderr: true,
      // `timeout` kills what the check left running inside; the timer below answers on time even
      // if the engine does not. stderr joins stdout in the shell, so their order is the order they
      // were written in (two pipes would not keep it).
      Cmd: ['timeout', '-k', '1', String(seconds), 'sh', '-c', `exec 2>&1\n${command}`],
      Env: EXEC_ENV,
      WorkingDir: '/root',
    });
    const socket = await this.client.hijack(`/exec/${execId}/start`, { Detach: false, Tty: false });
    const chunks: Buffer[] = [];
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(false);
      }, timeoutMs + 2000);
      socket.on(
        'data',
        createDemuxer((_kind, payload) => chunks.push(Buffer.from(payload))),
      );
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.on('error', ignoreError("'close' follows and resolves"));
    });
    const output = new Uint8Array(Buffer.concat(chunks));
    if (!finished) return { exit: TIMEOUT_EXIT, output };
    return { exit: await this.exitCode(execId), output };
  }

  /**
   * Start `cmd` on a TTY (what `docker exec -it` does) and hand back its raw stream. `size` is
   * asked again until the first resize lands, so a resize during start-up is not lost.
   */
  async tty(cmd: string[], size: () => { cols: number; rows: number }): Promise<TtySession> {
    const { cols, rows } = size();
    const execId = await this.createExec({
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Cmd: cmd,
      Env: [...EXEC_ENV, 'TERM=xterm-256color', `COLUMNS=${cols}`, `LINES=${rows}`],
      WorkingDir: '/root',
    });
    const socket = await this.client.hijack(`/exec/${execId}/start`, { Detach: false, Tty: true });
    const resize = (c: number, r: number) => this.client.request('POST', `/exec/${execId}/resize?h=${r}&w=${c}`).then(() => undefined);
    // The process may not be running yet when the stream opens; the docker CLI retries too.
    void retry(
      () => {
        const now = size();
        return resize(now.cols, now.rows);
      },
      10,
      50,
    ).catch(ignoreError('the terminal works at the old size; the next resize retries'));
    return { socket, resize };
  }

  /** Force-remove the container and its /var/lib/docker volume. */
  remove(): Promise<void> {
    return removeContainer(this.client, this.id);
  }

  /** The exit code of a finished exec; the engine may record it a moment after the stream closed. */
  private async exitCode(execId: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const inspect = await this.client.request<{ ExitCode: number | null; Running: boolean }>('GET', `/exec/${execId}/json`);
      if ((!inspect.Running && inspect.ExitCode !== null) || attempt >= 20) return inspect.ExitCode ?? TIMEOUT_EXIT;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async createExec(body: Record<string, unknown>): Promise<string> {
    const created = await this.client.request<{ Id: string }>('POST', `/containers/${this.id}/exec`, { body });
    return created.Id;
  }
}

/** Force-remove a container with its anonymous volumes; gone already is fine. */
export async function removeContainer(client: EngineClient, id: string): Promise<void> {
  try {
    await client.request('DELETE', `/containers/${id}?force=1&v=1`, { timeoutMs: 30_000 });
  } catch (error) {
    // 404: already gone; 409: AutoRemove is removing it right now
    if (error instanceof EngineError && (error.status === 404 || error.status === 409)) return;
    throw error;
  }
}

async function retry(attempt: () => Promise<void>, times: number, delayMs: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
