/**
 * Simulator sessions kept across restarts (issue #17, src/sandbox/persistence/): how big a session's
 * stored journal gets after a whole chapter typed key by key, how long a new process takes to
 * rebuild it, and the heap of one replica holding many kept sessions.
 *
 *   npx node bench/kept-sessions.ts [--chapter 3] [--sessions 2000] [--rebuilds 5]
 *
 * The chapter's lesson commands (default node) are typed one key per input frame, as xterm.js sends
 * them. The store is in memory, so the figures are the simulator's and the codec's, not a database's.
 */
import { spawnSync } from 'node:child_process';
import { createKeptSimulatorDriver } from '../src/sandbox/persistence/kept-simulator.ts';
import { MemoryJournalStore } from '../src/sandbox/persistence/journal-store.ts';
import { decodeStoredJournal } from '../src/sandbox/persistence/journal-codec.ts';
import { SessionRegistry, type Session } from '../src/sandbox/sessions.ts';
import { readLessons } from '../tests/lessons/lesson-source.ts';

if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
const gc = globalThis.gc as () => void;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const chapter = option('chapter', 3);
const sessions = option('sessions', 2000);
const rebuilds = option('rebuilds', 5);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function replica(store: MemoryJournalStore, holder: string) {
  const driver = createKeptSimulatorDriver({ store, holder, flushMs: 50 });
  return { driver, registry: new SessionRegistry({ driver, maxSessions: sessions + 10 }) };
}

/** Type `line` key by key and wait for the prompt to come back. */
async function type(session: Session, screen: { text: string }, line: string): Promise<void> {
  const before = screen.text.length;
  for (const key of `${line}\r`) session.input('node1', encoder.encode(key));
  const deadline = Date.now() + 20_000;
  while (!(screen.text.slice(before).includes('\n') && /[#$] $/.test(screen.text))) {
    if (Date.now() > deadline) throw new Error(`no prompt after: ${line}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function openWatched(registry: SessionRegistry) {
  const opened = await registry.open(undefined);
  if (!opened.ok) throw new Error(opened.message);
  const screen = { text: '' };
  opened.session.attach('node1', { output: (bytes) => (screen.text += decoder.decode(bytes)), ended: () => undefined });
  while (!/# $/.test(screen.text)) await new Promise((resolve) => setTimeout(resolve, 2));
  return { session: opened.session, screen };
}

const lessons = readLessons('en').filter((lesson) => lesson.position.chapter === chapter && (lesson.data.sandbox.profile ?? 'default') === 'default');
const commands = lessons.flatMap((lesson) => lesson.commands.filter((c) => c.node === undefined || c.node === 'node1').map((c) => c.cmd));

// 1. Journal size after the chapter.
const store = new MemoryJournalStore();
const first = replica(store, 'first');
const { session, screen } = await openWatched(first.registry);
for (const command of commands) await type(session, screen, command);
await first.driver.flush();
const row = store.rows.get(session.id);
if (!row) throw new Error('the journal was not kept');
const decoded = decodeStoredJournal(row.record.journal);
if (!decoded.ok) throw new Error(decoded.error);
const screenBytes = Object.values(decoded.saved.screens).reduce((sum, bytes) => sum + bytes.length, 0);
console.log(`chapter ${chapter}: ${lessons.length} lessons, ${commands.length} commands, ${commands.join('\n').length} characters typed`);
console.log(`stored record: ${row.record.journal.length} bytes (JSON); ${decoded.saved.events.length} events; screens ${screenBytes} bytes of it`);

// 2. Rebuild time in a fresh process's driver.
const times: number[] = [];
for (let i = 0; i < rebuilds; i++) {
  const next = replica(store, `rebuild-${i}`);
  const started = performance.now();
  const resumed = await next.registry.open(session.id);
  times.push(performance.now() - started);
  if (!resumed.ok || !resumed.resumed) throw new Error('not resumed');
  await next.registry.close('restarted');
  await next.driver.close();
}
times.sort((a, b) => a - b);
console.log(`rebuild from the journal: median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms (${rebuilds} runs)`);

// 3. Heap of a replica with many kept sessions, each with a network and a running container.
const crowd = replica(new MemoryJournalStore(), 'crowd');
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
for (let i = 0; i < sessions; i++) {
  const one = await openWatched(crowd.registry);
  await type(one.session, one.screen, `docker network create net${i}`);
  await type(one.session, one.screen, `docker run -d --name box${i} --network net${i} busybox sleep 3600`);
}
await crowd.driver.flush();
gc();
const heap = process.memoryUsage().heapUsed - heapBefore;
const rss = process.memoryUsage().rss - rssBefore;
console.log(
  `${sessions} kept sessions (one network, one container each): heap +${(heap / 2 ** 20).toFixed(0)} MiB (${(heap / sessions / 1024).toFixed(1)} KiB each), RSS +${(rss / 2 ** 20).toFixed(0)} MiB; set up in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
await crowd.registry.close('closed');
await crowd.driver.close();
await first.registry.close('closed');
await first.driver.close();
process.exit(0);
