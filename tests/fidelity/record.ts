/**
 * Records fidelity scenarios on a real Docker Engine 20.10 (see tests/fidelity/README.md).
 *
 *   npx node tests/fidelity/record.ts [scenario ...]   (root; default: every scenario)
 *   npx node tests/fidelity/record.ts --goldens-only   rewrite iptables/*.golden from the recordings
 *
 * For each tests/fidelity/scenarios/<name>.sh it starts from a clean, freshly started engine (no
 * containers, no user networks, no swarm, zeroed iptables counters), runs each command line in bash on a
 * pseudo-terminal (80x24, as a learner's terminal shows it), and writes
 * tests/fidelity/recordings/<name>.jsonl: one {"cmd","output","exit"} object per line.
 * Commands run in the recording host of engine.sh: a private dockerd in its own network, mount and
 * UTS namespaces, so the machine's shared dockerd and its users are never touched.
 * The network guard (guard.sh) is added before anything runs, on the machine and inside the
 * recording host; it stays while a dockerd runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseScenario } from './normalise.ts';
import { parseRecording, parseScenario, type Recorded } from './scenario.ts';
import { KEY_BYTES, type TimedKey } from '../../src/sandbox/sim/shell/scripted-terminal.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCKER = '/usr/bin/docker';
/** The learner's host shell: no /usr/local/bin, so `docker` is the 20.10 client. */
const ENV = {
  PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  SHELL: '/bin/bash',
  TERM: 'xterm',
  LANG: 'C.UTF-8',
  USER: 'root',
  // engine.sh must act on the same recording host as enginePid(): without this, a recorder with its
  // own state would stop, restart and clean the default engine instead of its own
  ...(process.env.VETHLAB_FIDELITY_STATE !== undefined ? { VETHLAB_FIDELITY_STATE: process.env.VETHLAB_FIDELITY_STATE } : {}),
  ...(process.env.VETHLAB_FIDELITY_IP_FORWARD !== undefined ? { VETHLAB_FIDELITY_IP_FORWARD: process.env.VETHLAB_FIDELITY_IP_FORWARD } : {}),
};
const COLS = 80;
const ROWS = 24;

function sh(command: string): { out: string; status: number } {
  const r = spawnSync('/bin/bash', ['-c', command], { env: ENV, encoding: 'utf8', timeout: 120_000 });
  return { out: (r.stdout ?? '') + (r.stderr ?? ''), status: r.status ?? 1 };
}

function must(command: string): string {
  const r = sh(command);
  if (r.status !== 0) throw new Error(`setup command failed (${r.status}): ${command}\n${r.out}`);
  return r.out;
}

const ENGINE = join(HERE, 'engine.sh');

/** Run a shell command inside the recording host (the private engine's namespaces). */
function inHost(command: string): { out: string; status: number } {
  return sh(`${ENGINE} run /bin/bash -c ${shellQuote(command)}`);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function enginePid(): string {
  return readFileSync(`${process.env.VETHLAB_FIDELITY_STATE ?? '/var/lib/vethlab-fidelity'}/engine.pid`, 'utf8').trim();
}

/** Clean engine: no containers, no user networks, no swarm, zero counters. */
function resetEngine(freshDaemon: boolean): void {
  must(`${ENGINE} start`);
  if (inHost(`${DOCKER} image inspect busybox nginx`).status !== 0) must(`${ENGINE} images`);
  const state = inHost(`${DOCKER} info --format '{{.Swarm.LocalNodeState}}'`).out.trim();
  if (state !== 'inactive') inHost(`${DOCKER} swarm leave --force`);
  inHost(`ids=$(${DOCKER} ps -aq); [ -z "$ids" ] || ${DOCKER} rm -f $ids`);
  inHost(`${DOCKER} network prune -f`);
  if (freshDaemon) {
    must(`${ENGINE} stop`);
    must(`${ENGINE} start`);
  }
  inHost('iptables -Z; iptables -t nat -Z; ip neigh flush dev docker0 2>/dev/null; true');
}

/** iptables golden files of an `iptables-<config>` scenario, named after the listing command. */
const GOLDEN_SUFFIX: Record<string, string> = {
  'iptables -S': 'filter',
  'iptables -t nat -S': 'nat',
  'iptables -L -n': 'filter.list',
  'iptables -t nat -L -n': 'nat.list',
  'iptables -L -n -v': 'filter.verbose',
  'iptables -t nat -L -n -v --line-numbers': 'nat.verbose-numbered',
};

function writeGoldens(name: string, records: Recorded[]): void {
  if (!name.startsWith('iptables-')) return;
  const config = name.slice('iptables-'.length);
  for (const r of normaliseScenario(records)) {
    const suffix = GOLDEN_SUFFIX[r.cmd];
    if (suffix !== undefined) writeFileSync(join(HERE, 'iptables', `${config}.${suffix}.golden`), r.output);
  }
}

/** The byte a key sends through the pseudo-terminal (its VINTR and VSUSP characters). */

/**
 * Run one command line on a pseudo-terminal, as typed at the host prompt. `keys` (`# @keys` in the
 * scenario) are written to `script`'s stdin at their times: script passes them to the terminal,
 * whose line discipline turns them into signals for the foreground job and echoes `^Z` / `^C`.
 */
function runOnTty(cmd: string, timeoutMs: number, keys: readonly TimedKey[] = []): Promise<Recorded> {
  return new Promise((resolve) => {
    const wrapped = `stty cols ${COLS} rows ${ROWS} 2>/dev/null; ${cmd}`;
    const args = ['-t', enginePid(), '-n', '-m', '-u', '--', 'script', '-qefc', wrapped, '/dev/null'];
    const child = spawn('nsenter', args, {
      env: ENV,
      cwd: '/root',
      stdio: [keys.length > 0 ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: true,
    });
    // A key due after the command ended has nowhere to go.
    child.stdin?.on('error', () => undefined);
    const keyTimers = keys.map(({ afterMs, key }) => setTimeout(() => child.stdin?.write(KEY_BYTES[key]), afterMs));
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => chunks.push(b));
    child.stderr?.on('data', (b: Buffer) => chunks.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const t of keyTimers) clearTimeout(t);
      const output = Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
      resolve({ cmd, output, exit: timedOut ? 124 : (code ?? 1) });
    });
  });
}

async function recordScenario(name: string): Promise<void> {
  const file = join(HERE, 'scenarios', `${name}.sh`);
  const scenario = parseScenario(readFileSync(file, 'utf8'));
  // always a freshly started daemon: IPAM hands out subnets round-robin and the port allocator
  // remembers its last port, so only a fresh daemon gives the simulator's starting state
  resetEngine(true);
  const records: Recorded[] = [];
  for (const step of scenario.steps) {
    if (step.sleepMs > 0) await new Promise((r) => setTimeout(r, step.sleepMs));
    const rec = await runOnTty(step.cmd, step.timeoutMs ?? scenario.timeoutMs, step.keys);
    records.push(rec);
    process.stdout.write(`  [${rec.exit}] ${rec.cmd}\n`);
  }
  const out = join(HERE, 'recordings', `${name}.jsonl`);
  writeFileSync(out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeGoldens(name, records);
  resetEngine(false);
  process.stdout.write(`recorded ${name}: ${records.length} commands -> ${out}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--goldens-only')) {
    // rewrite the iptables goldens from the existing recordings (after a normalise.ts change)
    for (const f of readdirSync(join(HERE, 'recordings')).filter((n) => n.startsWith('iptables-'))) {
      const name = basename(f, '.jsonl');
      writeGoldens(name, parseRecording(readFileSync(join(HERE, 'recordings', f), 'utf8')));
    }
    return;
  }
  if (process.getuid?.() !== 0) throw new Error('record.ts must run as root (it drives dockerd and nftables)');
  if (!existsSync(DOCKER)) throw new Error(`${DOCKER} not found: apt-get install docker.io`);
  must(`${join(HERE, 'guard.sh')} add`);
  const all = readdirSync(join(HERE, 'scenarios'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => basename(f, '.sh'))
    .sort();
  const wanted = process.argv.slice(2);
  for (const w of wanted) if (!all.includes(w)) throw new Error(`no scenario ${w} (have: ${all.join(', ')})`);
  for (const name of wanted.length > 0 ? wanted : all) await recordScenario(name);
  // The guard stays while a dockerd runs: containers left by others must not reach outside either.
  if (sh(`${join(HERE, 'dockerd.sh')} status`).status !== 0 && sh(`${ENGINE} status`).status !== 0) {
    must(`${join(HERE, 'guard.sh')} remove`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
