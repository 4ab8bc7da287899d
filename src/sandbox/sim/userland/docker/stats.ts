/**
 * docker stats: a live view of each running container's resources, or one sample with
 * --no-stream. CPU is idle, memory is what the image's processes take, NET I/O is the byte count
 * of the container's interfaces (the kernel's link counters), BLOCK I/O is nothing (no disk in
 * the model), PIDS are its processes. Sizes are formatted as the CLI does (go-units).
 */
import { shortId, type Container } from '../../daemon/container.ts';
import { findContainer } from '../../daemon/container.ts';
import type { Proc } from '../proc.ts';
import { containerProcesses } from '../ps.ts';
import type { DockerCall } from './command.ts';
import { printFormatted } from './formatter.ts';
import { bytesSize, humanSize } from './humanize.ts';

/** The VM's memory as dockerd reports it (docker info's Total Memory: 1.921GiB). */
const HOST_MEMORY = 2_062_614_528;
/** Resident memory of one idle process, by program name (a shell, nginx master/worker). */
const PROCESS_MEMORY: Readonly<Record<string, number>> = { sh: 344_064, nginx: 1_609_728 };

const HEADERS: Record<string, string> = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

function sample(p: Proc, c: Container, asked: string | undefined): Record<string, string> {
  const running = c.status === 'running';
  const procs = running ? containerProcesses(p, c) : [];
  const memory = procs.reduce((sum, r) => sum + (PROCESS_MEMORY[r.comm] ?? 1_048_576), 0);
  const links = running && c.netns ? c.netns.links.filter((l) => l.kind !== 'loopback') : [];
  const rx = links.reduce((sum, l) => sum + l.stats.rxBytes, 0);
  const tx = links.reduce((sum, l) => sum + l.stats.txBytes, 0);
  return {
    Container: asked ?? shortId(c.id),
    ID: shortId(c.id),
    Name: c.name,
    CPUPerc: '0.00%',
    MemUsage: running ? `${bytesSize(memory)} / ${bytesSize(HOST_MEMORY)}` : '0B / 0B',
    MemPerc: `${((memory / HOST_MEMORY) * 100).toFixed(2)}%`,
    NetIO: `${humanSize(rx)} / ${humanSize(tx)}`,
    BlockIO: '0B / 0B',
    PIDs: String(procs.length),
  };
}

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

/** docker stats [OPTIONS] [CONTAINER...]. */
export async function statsCommand({ p, ctx, flags, args }: DockerCall): Promise<number> {
  const d = p.daemon;
  const picked: [Container, string | undefined][] = [];
  for (const ref of args) {
    const c = findContainer(d.containers, ref);
    if (!c) {
      ctx.io.stderr(`Error response from daemon: No such container: ${ref}\n`);
      return 1;
    }
    picked.push([c, ref]);
  }
  const all = flags.bool('all');
  // the API lists the newest container first
  const list =
    args.length > 0
      ? picked
      : [...d.containers]
          .reverse()
          .filter((c) => all || c.status === 'running')
          .map((c): [Container, undefined] => [c, undefined]);
  const rows = list.map(([c, asked]) => sample(p, c, asked));
  const format = flags.string('format');
  const print = () => printFormatted(ctx, format === undefined || format === '' || format === 'table' ? DEFAULT_FORMAT : format, rows, HEADERS);
  if (flags.bool('no-stream')) return print();
  // A stream redraws the screen every second until Ctrl-C; the model's sample does not change while idle.
  ctx.io.stdout('\x1b[2J\x1b[H');
  const status = print();
  if (status !== 0) return status;
  await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  return 0;
}
