/**
 * A small stand-in for the simulator's model, implementing only the Simulation contract, so the
 * shell and tty are tested on their own: echo, cat, sleep, a ping that prints a summary on
 * Ctrl-C, grep, env, a program that throws, one that ignores Ctrl-C, and a docker with
 * `run -it IMAGE [sh]`, `exec -it NAME sh` and `stop NAME`.
 */
import { VirtualClock, type Clock } from '../../../src/sandbox/sim/clock.ts';
import { seededRandom, type Random } from '../../../src/sandbox/sim/kernel/random.ts';
import { createShellProgram } from '../../../src/sandbox/sim/shell/shell-program.ts';
import type { ExecTarget, Program, ShellIdentity, Simulation } from '../../../src/sandbox/sim/userland/program.ts';

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** A fake simulation with one or more nodes and containers created by `docker run`. */
export class FakeSimulation implements Simulation {
  readonly nodes: readonly string[];
  readonly clock: Clock;
  readonly random: Random = seededRandom(1);
  /** Containers by name: alive or stopped. */
  readonly containers = new Map<string, { alive: boolean }>();
  private readonly stopWatchers = new Set<{ name: string; listener: () => void }>();
  private readonly programs = new Map<string, Program>();
  private nextContainer = 1;

  constructor(options: { clock?: Clock; nodes?: string[] } = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.nodes = options.nodes ?? ['node1'];
    const p = this.programs;
    p.set('echo', async ({ argv, io }) => {
      io.stdout(`${argv.slice(1).join(' ')}\n`);
      return 0;
    });
    p.set('cat', async ({ argv, io }) => {
      if (argv.length === 1) {
        io.stdout(io.stdin);
        return 0;
      }
      for (const file of argv.slice(1)) {
        if (file === '/etc/hostname') io.stdout('node1\n');
        else {
          io.stderr(`cat: ${file}: No such file or directory\n`);
          return 1;
        }
      }
      return 0;
    });
    p.set('grep', async ({ argv, io }) => {
      const pattern = argv[1] ?? '';
      const lines = io.stdin.split('\n').filter((l) => l !== '' && l.includes(pattern));
      io.stdout(lines.map((l) => `${l}\n`).join(''));
      return lines.length > 0 ? 0 : 1;
    });
    p.set('sleep', async ({ argv, clock, signal }) => {
      await clock.sleep(Number(argv[1] ?? '0') * 1000, signal);
      return 0;
    });
    p.set('env', async ({ env, io }) => {
      for (const [k, v] of Object.entries(env)) io.stdout(`${k}=${v}\n`);
      return 0;
    });
    p.set('args', async ({ argv, io }) => {
      io.stdout(
        `${argv
          .slice(1)
          .map((a) => `[${a}]`)
          .join('')}\n`,
      );
      return 0;
    });
    p.set('fail', async ({ argv }) => Number(argv[1] ?? '1'));
    p.set('warn', async ({ io }) => {
      io.stdout('out\n');
      io.stderr('err\n');
      return 0;
    });
    p.set('crash', async () => {
      throw new Error('model bug');
    });
    p.set('stubborn', () => new Promise<number>(() => {}));
    p.set('ping', async ({ argv, io, clock, signal }) => {
      const countIndex = argv.indexOf('-c');
      const count = countIndex >= 0 ? Number(argv[countIndex + 1]) : Infinity;
      const host = argv[argv.length - 1];
      io.stdout(`PING ${host} (172.18.0.3): 56 data bytes\n`);
      let sent = 0;
      try {
        while (sent < count) {
          if (sent > 0) await clock.sleep(1000, signal);
          io.stdout(`64 bytes from 172.18.0.3: seq=${sent} ttl=64 time=0.080 ms\n`);
          sent++;
        }
      } catch (e) {
        if (!isAbort(e)) throw e;
      }
      io.stdout(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${sent} packets received, 0% packet loss\n`);
      return 0;
    });
    p.set('sh', createShellProgram(this));
    p.set('bash', createShellProgram(this));
    p.set('docker', async (ctx) => {
      const [, command, ...rest] = ctx.argv;
      if (command === 'run' && rest[0] === '-it') {
        const name = `c${this.nextContainer++}`;
        this.containers.set(name, { alive: true });
        const status = await ctx.session.enterShell({ node: ctx.target.node, container: name }, rest[2] ?? 'sh');
        if (status === 'detached') return 0;
        this.stop(name);
        return status;
      }
      if (command === 'exec' && rest[0] === '-it') {
        const name = rest[1] ?? '';
        if (!this.containers.get(name)?.alive) {
          ctx.io.stderr(`Error response from daemon: container ${name} is not running\n`);
          return 1;
        }
        const status = await ctx.session.enterShell({ node: ctx.target.node, container: name }, rest[2] ?? 'sh');
        return status === 'detached' ? 0 : status;
      }
      if (command === 'run' && rest[0] === '-d') {
        const name = `c${this.nextContainer++}`;
        this.containers.set(name, { alive: true });
        ctx.io.stdout(`${name}\n`);
        return 0;
      }
      if (command === 'stop') {
        this.stop(rest[0] ?? '');
        ctx.io.stdout(`${rest[0]}\n`);
        return 0;
      }
      if (command === 'ps') {
        ctx.io.stdout('CONTAINER ID   IMAGE\n');
        return 0;
      }
      ctx.io.stderr(`docker: '${command}' is not a docker command.\n`);
      return 1;
    });
  }

  lookup(target: ExecTarget, name: string): Program | undefined {
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    if (target.container !== undefined && base === 'docker') return undefined;
    return this.programs.get(base);
  }

  commandNames(target: ExecTarget): string[] {
    return [...this.programs.keys()].filter((n) => target.container === undefined || n !== 'docker');
  }

  shell(target: ExecTarget, shellPath?: string): ShellIdentity {
    if (target.container === undefined) {
      return {
        name: 'bash',
        prompt: () => `root@${target.node}:~# `,
        notFound: (c) => `bash: ${c}: command not found`,
      };
    }
    const name = shellPath?.endsWith('bash') ? 'bash' : 'sh';
    return {
      name,
      prompt: () => (name === 'bash' ? `root@${target.container}:/# ` : '/ # '),
      notFound: (c) => (name === 'bash' ? `bash: ${c}: command not found` : `sh: ${c}: not found`),
    };
  }

  /** The container `name` stops; shells watching it are told. */
  stop(name: string): void {
    const container = this.containers.get(name);
    if (!container?.alive) return;
    container.alive = false;
    for (const watch of [...this.stopWatchers]) {
      if (watch.name !== name) continue;
      this.stopWatchers.delete(watch);
      watch.listener();
    }
  }

  whenStopped(target: ExecTarget, listener: () => void): () => void {
    if (target.container === undefined) return () => {};
    if (!this.isAlive(target)) {
      listener();
      return () => {};
    }
    const watch = { name: target.container, listener };
    this.stopWatchers.add(watch);
    return () => this.stopWatchers.delete(watch);
  }

  isAlive(target: ExecTarget): boolean {
    return target.container === undefined || this.containers.get(target.container)?.alive === true;
  }

  complete(_target: ExecTarget, words: readonly string[]): string[] {
    if (words[0] === 'docker' && (words[1] === 'exec' || words[1] === 'stop')) return [...this.containers.keys(), 'web1', 'web2'];
    return [];
  }
}
