/**
 * Two replicas behind Debian's nginx (deploy/nginx/vethlab.conf, as shipped) over one PostgreSQL
 * (issue #17): learners spread over both by their route key; one replica is killed with SIGKILL; its
 * learners' terminals reconnect through nginx to the other, which rebuilds their sandboxes from the
 * journals; classroom progress written through either replica is intact. Prints the reconnection
 * time. Needs `npm run build`, nginx (`.ci/run` installs nginx-light) and TEST_DATABASE_URL
 * (`eval "$(bash .ci/postgres.sh)"`); skipped, with the reason, without them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ServerControl } from '../../src/sandbox/protocol.ts';
import { until } from '../support/until.ts';
import { createClass, exerciseAt, joinStudents, writeProgress } from './classroom-client.ts';
import { REPO_ROOT, freePort, startServerChild, type ServerChild } from './server-process.ts';

const postgresUrl = process.env.TEST_DATABASE_URL?.trim();
const nginx = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
const skip = !postgresUrl ? 'TEST_DATABASE_URL is not set' : !nginx ? 'nginx is not installed (apt-get install nginx-light)' : undefined;
if (skip) console.warn(`replicas test SKIPPED: ${skip}`);

const children: ServerChild[] = [];
let proxy: ChildProcess | undefined;
let admin: pg.Client | undefined;
const schema = `replicas_${process.pid}`;

afterAll(async () => {
  proxy?.kill('SIGTERM');
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  if (admin) {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
});

/** Start nginx with the shipped config, its replicas and listen port replaced; resolves with its base URL. */
async function startNginx(replicas: number[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vethlab-nginx-'));
  // The workers run as nobody and write their temp files here.
  chmodSync(dir, 0o777);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { mode: 0o777 });
  const port = await freePort();
  const shipped = readFileSync(join(REPO_ROOT, 'deploy/nginx/vethlab.conf'), 'utf8');
  const site = shipped
    .replace(/^\s*server 127\.0\.0\.1:\d+ .*$\n/gm, '')
    .replace('    keepalive 32;', `${replicas.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}\n    keepalive 32;`)
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('/var/log/nginx/vethlab.access.log', join(dir, 'access.log'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 512; }\nhttp {\n` +
      `client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;\n` +
      `${site}\n}\n`,
  );
  proxy = spawn(nginx as string, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 10_000; ; ) {
    if ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok) return base;
    if (Date.now() > deadline || proxy.exitCode !== null) throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A learner's terminal through the proxy, speaking the sandbox protocol as the page does. */
class Terminal {
  readonly route = randomBytes(8).toString('hex');
  session: string | undefined;
  screen = '';
  private socket: WebSocket | undefined;
  private readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  /** Connect (with the stored session, if any); resolves with the `ready` message. */
  async connect(): Promise<Extract<ServerControl, { type: 'ready' }>> {
    const url = `${this.base.replace('http:', 'ws:')}/ws/sandbox?route=${this.route}`;
    const socket = new WebSocket(url, { origin: this.base });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', version: PROTOCOL_VERSION, node: 'node1', cols: 120, rows: 30, ...(this.session ? { session: this.session } : {}) })));
      socket.on('message', (data, binary) => {
        if (binary) {
          this.screen += Buffer.from(data as Buffer).toString('utf8');
          return;
        }
        const message = JSON.parse(String(data)) as ServerControl;
        if (message.type === 'ready') {
          this.session = message.session;
          resolve(message);
        }
      });
      socket.on('error', reject);
      socket.on('close', (code) => reject(new Error(`closed ${code} before ready`)));
    });
  }

  /** Type a command and resolve with its output once the prompt is back. */
  async run(command: string): Promise<string> {
    await until(() => /# $/.test(this.screen), 20_000, 'prompt');
    const before = this.screen.length;
    this.socket?.send(Buffer.from(`${command}\r`), { binary: true });
    await until(() => this.screen.slice(before).includes('\n') && /# $/.test(this.screen), 20_000, command);
    return this.screen.slice(before);
  }

  /** Resolves when the socket is closed (the replica behind it died). */
  closed(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket?.close();
  }
}

describe.skipIf(skip !== undefined)('two replicas behind nginx over PostgreSQL', () => {
  it('learners spread over both; after one is killed, its terminals reconnect through nginx to the other and find their sandboxes; progress is intact', async () => {
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const url = new URL(postgresUrl as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.href, TRUST_PROXY: '1' };
    // The first runs the migrations alone; the second starts on a migrated database.
    const one = await startServerChild(env);
    children.push(one);
    const two = await startServerChild(env);
    children.push(two);
    const base = await startNginx([one.port, two.port]);
    const pidOf = new Map([
      [one.child.pid, one],
      [two.child.pid, two],
    ]);

    // Classroom: a class and two students, progress written through the proxy.
    const code = await createClass(base, `replicas-${process.pid}`);
    const students = await joinStudents(base, code, 2, 2);
    for (const [n, student] of students.entries()) expect((await writeProgress(base, student, exerciseAt(n))).status).toBe(200);

    // Learners until both replicas hold at least two (a route key lands on either with even odds).
    const learners: { terminal: Terminal; replica: ServerChild }[] = [];
    const db = admin;
    const holderOf = async (session: string) => {
      const hash = createHash('sha256').update(session).digest('hex');
      const { rows } = await db.query<{ holder: string }>(`SELECT holder FROM ${schema}.sandbox_journals WHERE session_hash = $1`, [hash]);
      return rows[0]?.holder;
    };
    while (learners.length < 24 && ![one, two].every((replica) => learners.filter((l) => l.replica === replica).length >= 2)) {
      const terminal = new Terminal(base);
      await terminal.connect();
      const i = learners.length;
      await terminal.run(`docker network create net${i}`);
      await terminal.run(`docker run -d --name box${i} --network net${i} busybox sleep 3600`);
      let holder: string | undefined;
      for (const deadline = Date.now() + 5000; holder === undefined && Date.now() < deadline; ) {
        holder = await holderOf(terminal.session as string);
        if (holder === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (holder === undefined) throw new Error('the journal was not written');
      const replica = pidOf.get(Number(holder.split(':')[1]));
      if (!replica) throw new Error(`unknown holder ${holder}`);
      learners.push({ terminal, replica });
    }
    const onOne = learners.filter((l) => l.replica === one);
    expect(onOne.length).toBeGreaterThanOrEqual(2);
    expect(learners.length - onOne.length).toBeGreaterThanOrEqual(2);
    // Give the last keystrokes' journal writes their batch interval.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Replica one dies without a word.
    const closed = onOne.map((l) => l.terminal.closed());
    const killedAt = performance.now();
    one.child.kill('SIGKILL');
    await one.exited;
    await Promise.all(closed);

    // Each of its learners reconnects at once (the page's first retry), through the same proxy.
    const reconnectMs: number[] = [];
    await Promise.all(
      onOne.map(async ({ terminal }) => {
        const before = terminal.session;
        const ready = await terminal.connect();
        reconnectMs.push(performance.now() - killedAt);
        expect(ready.resumed).toBe(true);
        expect(ready.session).toBe(before);
        expect(await holderOf(terminal.session as string)).toMatch(new RegExp(`:${two.child.pid}:`));
      }),
    );
    for (const { terminal } of learners) {
      const i = learners.findIndex((l) => l.terminal === terminal);
      expect(await terminal.run('docker network ls')).toContain(`net${i}`);
      expect(await terminal.run('docker ps --format "{{.Names}} {{.Status}}"')).toMatch(new RegExp(`box${i} Up`));
    }
    reconnectMs.sort((a, b) => a - b);
    console.log(
      `replicas: ${learners.length} learners (${onOne.length} on the killed replica); from SIGKILL to each terminal ready again on the other: ` +
        `median ${reconnectMs[Math.floor(reconnectMs.length / 2)]?.toFixed(0)} ms, max ${reconnectMs.at(-1)?.toFixed(0)} ms`,
    );

    // Classroom progress written before the kill reads back through the survivor.
    for (const [n, student] of students.entries()) {
      const response = await fetch(`${base}/api/classroom/progress`, { headers: { cookie: student.cookie, 'x-forwarded-for': student.address, origin: base } });
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { lessonSlug: string; exerciseId: string }[] };
      expect(items).toContainEqual(expect.objectContaining(exerciseAt(n)));
    }
    for (const { terminal } of learners) terminal.close();
  }, 300_000);
});
