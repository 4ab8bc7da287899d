/**
 * Benchmark of the simulator driver, in this process, as the server runs it:
 *
 *   npx node bench/sim.ts [--sessions 2000] [--duration 60] [--interval 5] [--heap-sessions 1000]
 *
 * - session creation: createSimSandbox() (kernel, dockerd, userland of the default profile), median
 * - command latency through the shell (hidden exec channel: parse, expand, run, capture):
 *   `docker network inspect bridge`, `ping -c 3 172.17.0.2` (virtual clock), a capture
 *   (`tcpdump -c 4 ... & ping -c 2 ...; wait`), a ping by name on a user network (DNS packets to
 *   the embedded server) and `conntrack -L`, median and p99
 * - heap per idle session with three running containers and one finished capture: heapUsed after a full GC, over
 *   --heap-sessions sessions (needs --expose-gc: the script re-executes itself with it)
 * - load: --sessions concurrent sessions (one container each), each running a command every
 *   --interval seconds (with jitter) for --duration seconds; latency is measured from the command's
 *   send to its answer. How late a command started after it was due (the event loop's queue) is
 *   reported apart: timers fire up to a millisecond early by performance.now(), so the two mixed gave a
 *   negative median
 *
 * Everything runs in one Node process on one core, like the server's simulator sessions.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSimSandbox } from '../src/sandbox/sim/driver.ts';
import type { SimSandbox } from '../src/sandbox/sim/sandbox.ts';
import { quantile } from './stats.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SESSIONS = flag('sessions', 2000);
const DURATION_S = flag('duration', 60);
const INTERVAL_S = flag('interval', 5);
const HEAP_SESSIONS = flag('heap-sessions', 1000);
const MiB = 1024 ** 2;

const ms = (x: number) => `${x.toFixed(2)} ms`;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function check(sandbox: SimSandbox, command: string): Promise<void> {
  const r = await sandbox.exec(command);
  if (r.exit !== 0) throw new Error(`${command}: exit ${r.exit}: ${r.output}`);
}

console.log(`vethlab simulator benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`);

/** A capture in the background while a container is pinged: tcpdump stops at -c 4. */
const CAPTURE = 'tcpdump -n -c 4 -i docker0 icmp > /dev/null 2>&1 & sleep 1; ping -c 2 172.17.0.2 > /dev/null; wait';

// 1. Session creation.
{
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    let s: SimSandbox | undefined;
    times.push(await timed(async () => void (s = createSimSandbox({ clock: 'virtual' }))));
    await s!.close();
  }
  console.log(`session creation: median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))} (200 sessions)`);
}

// 2. Command latency through the shell.
{
  const s = createSimSandbox({ clock: 'virtual' });
  await check(s, 'docker run -dit --name b1 busybox');
  // Two namespaces joined by a veth, built by hand (ip netns exec enters one for each command).
  await check(s, 'ip netns add a; ip netns add b; ip link add va type veth peer name vb; ip link set va netns a; ip link set vb netns b');
  await check(s, 'ip -n a addr add 10.9.0.1/24 dev va; ip -n b addr add 10.9.0.2/24 dev vb; ip -n a link set va up; ip -n b link set vb up');
  // A user network: lookups are DNS packets to the embedded server (and conntrack keeps them).
  await check(s, 'docker network create un; docker run -dit --name u1 --network un busybox; docker run -dit --name u2 --network un busybox');
  for (const command of ['docker network inspect bridge', 'ping -c 3 172.17.0.2', 'ip netns exec a ping -c 1 10.9.0.2', CAPTURE, 'docker exec u1 ping -c 1 u2', 'conntrack -L']) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) await check(s, command);
    for (let i = 0; i < 300; i++) times.push(await timed(() => check(s, command)));
    console.log(`\`${command}\`: median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))} (300 runs)`);
  }
  await s.close();
}

// 3. Heap per idle session with three containers.
{
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const sessions: SimSandbox[] = [];
  for (let i = 0; i < HEAP_SESSIONS; i++) {
    const s = createSimSandbox({ clock: 'virtual' });
    await check(s, 'docker run -dit --name b1 busybox; docker run -dit --name b2 busybox; docker run -d --name web -p 8080:80 nginx');
    await check(s, CAPTURE);
    sessions.push(s);
  }
  gc!();
  gc!();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `heap per idle session (3 containers, a capture done): ${((after - before) / HEAP_SESSIONS / 1024).toFixed(1)} KiB (${HEAP_SESSIONS} sessions, ${((after - before) / MiB).toFixed(1)} MiB in all)`,
  );
  await Promise.all(sessions.map((s) => s.close()));
  sessions.length = 0;
  gc!();
}

// 4. Load: many sessions, a command every few seconds each.
{
  const commands = ['docker ps', 'ip addr', 'ping -c 1 172.17.0.2', 'docker network inspect bridge', 'docker exec b1 ip route', 'iptables -t nat -S'];
  const sessions: SimSandbox[] = [];
  const t0 = performance.now();
  for (let i = 0; i < SESSIONS; i++) {
    const s = createSimSandbox({ clock: 'virtual' });
    await check(s, 'docker run -dit --name b1 busybox');
    sessions.push(s);
  }
  const setup = performance.now() - t0;
  gc!();
  const heap = process.memoryUsage().heapUsed;
  const latencies: number[] = [];
  const startDelays: number[] = [];
  let errors = 0;
  const end = performance.now() + DURATION_S * 1000;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await Promise.all(
    sessions.map(async (s, i) => {
      // Spread the first commands over one interval, then every interval ± 20 %.
      let due = performance.now() + Math.random() * INTERVAL_S * 1000;
      let k = i;
      while (due < end) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const sent = performance.now();
        startDelays.push(Math.max(0, sent - due));
        const r = await s.exec(commands[k++ % commands.length]!);
        latencies.push(performance.now() - sent);
        if (r.exit !== 0) errors++;
        due += INTERVAL_S * 1000 * (0.8 + Math.random() * 0.4);
      }
    }),
  );
  const wall = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `load: ${SESSIONS} sessions (set up in ${(setup / 1000).toFixed(1)} s, heap ${(heap / MiB).toFixed(0)} MiB), a command every ~${INTERVAL_S} s each for ${DURATION_S} s: ` +
      `${latencies.length} commands (${(latencies.length / (wall / 1000)).toFixed(0)}/s), latency (send to answer) median ${ms(quantile(latencies, 0.5))}, p99 ${ms(quantile(latencies, 0.99))}, max ${ms(Math.max(...latencies))}, ` +
      `start delay after due p99 ${ms(quantile(startDelays, 0.99))}, max ${ms(Math.max(...startDelays))}, ` +
      `CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} % of one core, ${errors} non-zero exits`,
  );
  await Promise.all(sessions.map((s) => s.close()));
}
