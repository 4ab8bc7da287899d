/**
 * WebSocket terminals under load, against the production server on loopback (`npm run build` first):
 *
 *   npx node bench/ws-load.ts [--sessions 2000] [--minutes 10] [--interval 3] [--ramp 60]
 *
 * Starts `node src/server/main.ts` (simulator driver, per-address limits raised: every client is on
 * 127.0.0.1), opens --sessions terminals over --ramp seconds, and has each one type a command every
 * --interval seconds (±25 %, the first one at a random moment) for --minutes: `docker ps`, `ip addr`,
 * `docker network inspect bridge`, `ip route`, `docker network ls`. A round trip is from the frame with
 * Enter to the frame that completes the next prompt. It samples the server's RSS and CPU every 10 s and
 * counts disconnects (any close the client did not ask for) and commands with no prompt within 10 s.
 * The clients run in this one process, on the same two cores as the server.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SESSIONS = flag('sessions', 2000);
const MINUTES = flag('minutes', 10);
const INTERVAL_MS = flag('interval', 3) * 1000;
const RAMP_MS = flag('ramp', 60) * 1000;
const COMMAND_TIMEOUT_MS = 10_000;
const COMMANDS = ['docker ps', 'ip addr', 'docker network inspect bridge', 'ip route', 'docker network ls'];
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MiB = 1024 ** 2;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.on('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function procStatus(pid: number): { rss: number; cpuS: number } {
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss, cpuS: ticks / 100 };
}

const latencies: number[] = [];
let disconnects = 0;
let timeouts = 0;
let refused = 0;
let stopping = false;

/** One learner: a terminal that types a command every INTERVAL_MS and waits for the prompt. */
class Learner {
  private readonly ws: WebSocket;
  private tail = '';
  private sentAt = 0;
  private waiting = false;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private serial: number;
  readonly opened: Promise<boolean>;

  constructor(url: string, serial: number) {
    this.serial = serial;
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve) => {
      this.ws.on('unexpected-response', () => {
        refused++;
        resolve(false);
      });
      this.ws.on('error', () => resolve(false));
      this.ws.on('open', () => {
        this.ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 120, rows: 30 }));
      });
      this.ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary) {
          if (!this.ready && data.includes('"ready"')) {
            this.ready = true;
            resolve(true);
            this.schedule(Math.random() * INTERVAL_MS);
          }
          return;
        }
        if (!this.waiting) return;
        this.tail = (this.tail + data.toString('latin1')).slice(-200);
        if (/\r\n[^\n]*[#$] $/.test(this.tail)) {
          latencies.push(performance.now() - this.sentAt);
          this.waiting = false;
        }
      });
    });
    this.ws.on('close', () => {
      clearTimeout(this.timer);
      if (!stopping) disconnects++;
    });
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => this.type(), delay);
  }

  private type(): void {
    if (stopping || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.waiting) {
      if (performance.now() - this.sentAt > COMMAND_TIMEOUT_MS) {
        timeouts++;
        this.waiting = false;
      }
    } else {
      const command = COMMANDS[this.serial++ % COMMANDS.length]!;
      this.tail = '';
      this.waiting = true;
      this.sentAt = performance.now();
      this.ws.send(Buffer.from(`${command}\r`), { binary: true });
    }
    this.schedule(INTERVAL_MS * (0.75 + Math.random() * 0.5));
  }

  close(): void {
    clearTimeout(this.timer);
    this.ws.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX_MAX_SESSIONS: String(SESSIONS + 100),
      SANDBOX_MAX_CONNECTIONS_PER_IP: String(SESSIONS + 100),
      SANDBOX_SESSIONS_PER_IP_PER_MINUTE: String(SESSIONS * 2),
      SANDBOX_IDLE_MINUTES: '120',
      SANDBOX_TTL_MINUTES: '240',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!/listening on http/.test(output)) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const pid = server.pid!;
  const url = `ws://127.0.0.1:${port}/ws/sandbox`;
  console.log(`ws-load: ${SESSIONS} sessions, a command every ${INTERVAL_MS / 1000} s each, ${MINUTES} min; ${os.cpus().length} × ${os.cpus()[0]?.model}; node ${process.version}`);
  const idle = procStatus(pid);
  console.log(`server idle: RSS ${(idle.rss / MiB).toFixed(0)} MiB`);

  const learners: Learner[] = [];
  const rampStart = Date.now();
  for (let i = 0; i < SESSIONS; i++) {
    learners.push(new Learner(url, i));
    const due = rampStart + ((i + 1) * RAMP_MS) / SESSIONS;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const opened = (await Promise.all(learners.map((l) => l.opened))).filter(Boolean).length;
  console.log(`ramp: ${opened}/${SESSIONS} terminals attached in ${((Date.now() - rampStart) / 1000).toFixed(0)} s`);

  // Measure from here: every terminal is up.
  latencies.length = 0;
  const startCpu = procStatus(pid);
  const startedAt = Date.now();
  const rssSamples: number[] = [];
  const sampler = setInterval(() => {
    const s = procStatus(pid);
    rssSamples.push(s.rss);
    const elapsed = (Date.now() - startedAt) / 1000;
    if (rssSamples.length % 6 === 0) {
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(
        `  ${elapsed.toFixed(0)} s: ${latencies.length} commands, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms; ` +
          `RSS ${(s.rss / MiB).toFixed(0)} MiB; server CPU ${(((s.cpuS - startCpu.cpuS) / elapsed) * 100).toFixed(0)} %; disconnects ${disconnects}; timeouts ${timeouts}`,
      );
    }
  }, 10_000);
  await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));
  clearInterval(sampler);
  const end = procStatus(pid);
  const elapsedS = (Date.now() - startedAt) / 1000;
  stopping = true;
  for (const l of learners) l.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));

  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`\nRESULT ws-load (${new Date().toISOString()})`);
  console.log(`terminals: ${opened}/${SESSIONS} attached; refused upgrades ${refused}; disconnects ${disconnects}; commands without a prompt within 10 s ${timeouts}`);
  console.log(`commands: ${latencies.length} in ${elapsedS.toFixed(0)} s (${(latencies.length / elapsedS).toFixed(0)}/s)`);
  console.log(
    `round trip (Enter → next prompt): p50 ${percentile(sorted, 50).toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
  );
  console.log(
    `server RSS: idle ${(idle.rss / MiB).toFixed(0)} MiB, after ramp ${((rssSamples[0] ?? end.rss) / MiB).toFixed(0)} MiB, end ${(end.rss / MiB).toFixed(0)} MiB, max ${(Math.max(end.rss, ...rssSamples) / MiB).toFixed(0)} MiB`,
  );
  console.log(`server CPU: ${(((end.cpuS - startCpu.cpuS) / elapsedS) * 100).toFixed(0)} % of one core on average`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
