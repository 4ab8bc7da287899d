/**
 * What the escape probes (fixtures/escape-probes.sh) look for on this machine, set up by the test
 * and removed afterwards: a marker file on the machine's disk (and the disk block holding it), a
 * marker process, the engine's socket and ID. Reaching any of them from a sandbox is an escape.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { EngineClient } from '../../../src/sandbox/docker/engine-client.ts';

export interface EscapeTargets {
  token: string;
  /** Variables for the probe script, NAME=value. */
  env: Record<string, string>;
  /** The engine's socket on the machine (for the control host that has it mounted). */
  socketPath: string;
  remove(): void;
}

/** The device number of a filesystem, as mknod wants it. */
function majorMinor(dev: number): { major: number; minor: number } {
  // Linux's new_encode_dev layout (what stat() reports for st_dev)
  return { major: (dev >> 8) & 0xfff, minor: (dev & 0xff) | ((dev >> 12) & 0xfff00) };
}

/** The first physical 4 KiB block of `file` on its disk (filefrag, e2fsprogs). */
function physicalBlock(file: string): number {
  const out = execFileSync('filefrag', ['-b4096', '-v', file], { encoding: 'utf8' });
  const match = /^\s*0:\s+0\.\.\s*\d+:\s+(\d+)\.\./m.exec(out);
  if (!match) throw new Error(`filefrag gave no extent for ${file}:\n${out}`);
  return Number(match[1]);
}

/** Put the markers on the machine; `socketPath` is the engine's unix socket. */
export async function setUpEscapeTargets(client: EngineClient, socketPath: string): Promise<EscapeTargets> {
  const token = `vethlab-escape-${randomBytes(8).toString('hex')}`;
  // 16 KiB of the token: not inline in the inode, so it has a block of its own
  const file = `/var/tmp/${token}`;
  writeFileSync(file, `${token}\n`.repeat(Math.ceil(16384 / (token.length + 1))), { flush: true });
  execFileSync('sync');
  const { major, minor } = majorMinor(statSync(file).dev);
  const block = physicalBlock(file);

  // a process on the machine with a name of its own (comm is the executable's name, 15 chars)
  const comm = `vlmk${randomBytes(4).toString('hex')}`;
  const binary = `/var/tmp/${comm}`;
  copyFileSync('/bin/sleep', binary);
  const marker: ChildProcess = spawn(binary, ['900'], { stdio: 'ignore' });

  const info = await client.request<{ ID: string }>('GET', '/info');
  const socket = statSync(socketPath);
  return {
    token,
    socketPath,
    env: {
      MARKER_TOKEN: token,
      DISK_MAJOR: String(major),
      DISK_MINOR: String(minor),
      MARKER_BLOCK: String(block),
      MARKER_COMM: comm,
      SOCKET_ID: `${socket.dev}:${socket.ino}`,
      ENGINE_ID: info.ID,
    },
    remove() {
      marker.kill('SIGKILL');
      rmSync(file, { force: true });
      rmSync(binary, { force: true });
    },
  };
}

/** The probe script with its variables set in front, as one shell text. */
export async function probeScript(env: Record<string, string>): Promise<string> {
  const body = await readFile(new URL('fixtures/escape-probes.sh', import.meta.url), 'utf8');
  const assignments = Object.entries(env).map(([name, value]) => `${name}='${value.replace(/'/g, `'\\''`)}'`);
  return `${assignments.join('\n')}\n${body}`;
}

/** Probe results by name: `escape`, `blocked` or `absent`, and what the probe saw. */
export type ProbeResults = Record<string, { result: string; detail: string }>;

/** Parse the PROBE lines of a run. */
export function parseProbes(output: string): ProbeResults {
  const results: ProbeResults = {};
  for (const line of output.split('\n')) {
    const match = /^PROBE (\S+) (escape|blocked|absent) ?(.*)$/.exec(line.trim());
    if (match) results[match[1]!] = { result: match[2]!, detail: match[3]! };
  }
  return results;
}

/** Whether this machine has what the disk probe needs (filefrag, a block device under /var/tmp). */
export function diskProbePossible(): boolean {
  if (!existsSync('/usr/sbin/filefrag') && !existsSync('/sbin/filefrag')) return false;
  const { major, minor } = majorMinor(statSync('/var/tmp').dev);
  return existsSync(`/sys/dev/block/${major}:${minor}`);
}
