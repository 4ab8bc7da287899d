/**
 * The sandbox server and the classroom together: a student's terminal socket (classroom cookie on the
 * upgrade) has its exercises verified by the server, from the catalog, recorded at the server's time;
 * an instructor watches a student's terminal read-only, and nothing the watch socket sends reaches
 * the sandbox.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signUpInstructor } from '../../../src/classroom/accounts.ts';
import { ownedClass } from '../../../src/classroom/authorization.ts';
import { createClass } from '../../../src/classroom/classes.ts';
import type { Classroom } from '../../../src/classroom/context.ts';
import { enrol } from '../../../src/classroom/enrolments.ts';
import { readCatalogFromFiles } from '../../../src/classroom/lesson-files.ts';
import { listProgress } from '../../../src/classroom/progress.ts';
import { readClassProgress } from '../../../src/classroom/progress-model.ts';
import { createSession } from '../../../src/classroom/sessions.ts';
import { createStudent } from '../../../src/classroom/students.ts';
import type { Driver } from '../../../src/sandbox/driver.ts';
import type { ServerControl, WatchControl } from '../../../src/sandbox/protocol.ts';
import { SessionRegistry } from '../../../src/sandbox/sessions.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { createClassroomLink } from '../../../src/server/classroom-link.ts';
import { silentLogger } from '../../../src/sandbox/logger.ts';
import { WatchHub } from '../../../src/server/watch/watch-hub.ts';
import { createSandboxSocketServer, type SandboxSocketServer } from '../../../src/server/websocket.ts';
import { until } from '../../support/until.ts';
import { openSqliteClassroom } from '../classroom/support/databases.ts';
import { FakeDriver } from './fake-driver.ts';

interface World {
  cx: Classroom;
  url: string;
  registry: SessionRegistry;
  sockets: SandboxSocketServer;
  http: Server;
  hub: WatchHub;
  classId: string;
  studentId: string;
  cookies: { student: string; owner: string; otherInstructor: string };
}

let world: World | undefined;

async function start(driver: Driver): Promise<World> {
  const cx = await openSqliteClassroom();
  const owner = await signUpInstructor(cx, { email: 'ada@example.org', password: 'a long enough password', name: 'Ada' });
  const other = await signUpInstructor(cx, { email: 'bob@example.org', password: 'a long enough password', name: 'Bob' });
  const classRow = await ownedClass(cx, owner.id, (await createClass(cx, owner.id, { name: 'Net' })).id);
  const student = await createStudent(cx, { displayName: 'Eve' });
  await enrol(cx, student.id, classRow);
  const cookie = async (role: 'student' | 'instructor', id: string) => `${role === 'student' ? 'vl_student' : 'vl_instructor'}=${(await createSession(cx, role, id)).token}`;
  const registry = new SessionRegistry({ driver });
  const hub = new WatchHub();
  const link = createClassroomLink({ hub, log: silentLogger, classroom: async () => cx, catalog: () => readCatalogFromFiles('en') });
  const sockets = createSandboxSocketServer({ registry, log: silentLogger, hooksFor: link.hooksFor, watch: { hub, mayWatch: link.mayWatch } });
  const http = createServer((_req, res) => res.end('page'));
  sockets.attach(http, { exclusive: true });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const port = (http.address() as AddressInfo).port;
  world = {
    cx,
    url: `ws://127.0.0.1:${port}`,
    registry,
    sockets,
    http,
    hub,
    classId: classRow.id,
    studentId: student.id,
    cookies: { student: await cookie('student', student.id), owner: await cookie('instructor', owner.id), otherInstructor: await cookie('instructor', other.id) },
  };
  return world;
}

afterEach(async () => {
  if (!world) return;
  await world.sockets.close(100);
  await world.registry.close();
  world.http.closeAllConnections();
  await new Promise((resolve) => world!.http.close(resolve));
  await world.cx.close();
  world = undefined;
});

/** A socket that records text frames (parsed) and binary frames (as text). */
class Peer {
  readonly ws: WebSocket;
  readonly controls: Array<ServerControl | WatchControl> = [];
  text = '';
  status: Promise<number>;

  constructor(url: string, cookie?: string) {
    this.ws = new WebSocket(url, { headers: cookie ? { cookie } : {} });
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.text += data.toString('utf8');
      else this.controls.push(JSON.parse(data.toString('utf8')) as ServerControl);
    });
    this.ws.on('error', () => {});
    this.status = new Promise((resolve) => {
      this.ws.on('open', () => resolve(101));
      this.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
  }

  async hello(): Promise<Extract<ServerControl, { type: 'ready' }>> {
    expect(await this.status).toBe(101);
    this.ws.send(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24 }));
    return (await this.next('ready')) as Extract<ServerControl, { type: 'ready' }>;
  }

  async next(type: string, skip = 0, timeoutMs = 5000): Promise<ServerControl | WatchControl> {
    await until(() => this.controls.filter((c) => c.type === type).length > skip, timeoutMs);
    return this.controls.filter((c) => c.type === type)[skip]!;
  }

  async check(lesson: string, exercise: string, serial: number): Promise<Extract<ServerControl, { type: 'check-result' }>> {
    this.ws.send(JSON.stringify({ type: 'check', id: `c${serial}`, lesson, exercise }));
    await until(() => this.controls.some((c) => c.type === 'check-result' && c.id === `c${serial}`), 10_000);
    return this.controls.find((c) => c.type === 'check-result' && c.id === `c${serial}`) as Extract<ServerControl, { type: 'check-result' }>;
  }

  async typeLine(line: string): Promise<void> {
    const before = this.text.length;
    this.ws.send(Buffer.from(`${line}\r`), { binary: true });
    await until(() => /[#$] $/.test(this.text.slice(before + line.length)), 10_000);
  }
}

describe('server-verified exercises', () => {
  beforeEach(async () => {
    await start(createSimulatorDriver());
  });

  it("runs 4.3's checks from the catalog in the student's sandbox and records the pass at the server's time", async () => {
    const w = world!;
    const student = new Peer(`${w.url}/ws/sandbox`, w.cookies.student);
    expect((await student.hello()).checks).toBe(true);
    expect(await student.check('4-3-joined', 'mini-pod', 1)).toEqual({ type: 'check-result', id: 'c1', verdicts: [false, false, false, false], doneAt: null });
    const stuck = (await readClassProgress(w.cx, w.classId, (await readCatalogFromFiles('en')).lessons)).get(w.studentId)?.get('4-3-joined');
    expect(stuck?.failing).toMatchObject({ exerciseId: 'mini-pod', index: 0, run: "docker inspect -f '{{.State.Running}}' pod" });

    for (const line of ['docker run -dit --name pod busybox', 'docker run -d --name pod-web --network container:pod nginx', 'docker run -dit --name pod-tool --network container:pod busybox']) {
      await student.typeLine(line);
    }
    const before = new Date().toISOString();
    const passed = await student.check('4-3-joined', 'mini-pod', 2);
    expect(passed.verdicts).toEqual([true, true, true, true]);
    expect(passed.doneAt! >= before).toBe(true);
    expect(await listProgress(w.cx, w.studentId)).toEqual([{ lessonSlug: '4-3-joined', exerciseId: 'mini-pod', doneAt: passed.doneAt, verification: 'server' }]);

    // Unknown exercises and another lesson's sandbox are refused; a browser without a class gets verdicts only.
    expect((await student.check('4-3-joined', 'made-up', 3)).error).toMatch(/no exercise "made-up"/);
    expect((await student.check('4-4-across-nodes', (await readCatalogFromFiles('en')).bySlug.get('4-4-across-nodes')!.exercises[0]!, 4)).error).toMatch(/not the one lesson/);
    const anonymous = new Peer(`${w.url}/ws/sandbox`);
    await anonymous.hello();
    expect(await anonymous.check('4-3-joined', 'mini-pod', 5)).toMatchObject({ verdicts: [false, false, false, false], doneAt: null });
  }, 60_000);
});

describe('watching a student terminal', () => {
  let driver: FakeDriver;
  beforeEach(async () => {
    driver = new FakeDriver(['node1']);
    await start(driver);
  });

  const watchUrl = (w: World, studentId = w.studentId) => `${w.url}/ws/watch?class=${w.classId}&student=${studentId}`;

  it('shows the owner the screen and live output, tells the student, and lets no input of any kind through', async () => {
    const w = world!;
    const student = new Peer(`${w.url}/ws/sandbox`, w.cookies.student);
    await student.hello();
    await student.typeLine('ls');
    const watcher = new Peer(watchUrl(w), w.cookies.owner);
    expect(await watcher.status).toBe(101);
    expect(await watcher.next('watch')).toEqual({ type: 'watch', state: 'live', node: 'node1' });
    await until(() => watcher.text.includes('ls'));
    expect(await student.next('watchers', 0)).toEqual({ type: 'watchers', count: 0 });
    expect(await student.next('watchers', 1)).toEqual({ type: 'watchers', count: 1 });

    await student.typeLine('echo live');
    await until(() => watcher.text.includes('echo live'));

    const terminal = driver.sandboxes[0]!.terminals.get('node1')!;
    const inputs = terminal.received.length;
    const size = { ...terminal.size };
    // Everything a socket can send: keys, Ctrl-C, Enter, an empty frame, a paste, every control message.
    for (const bytes of ['rm -rf /\r', '\x03', '\r', '', 'x'.repeat(60_000)]) watcher.ws.send(Buffer.from(bytes), { binary: true });
    const controls = [
      { type: 'hello', version: 1, cols: 10, rows: 5 },
      { type: 'resize', cols: 10, rows: 5 },
      { type: 'reset' },
      { type: 'exec', id: 'x', command: 'touch /owned' },
      { type: 'check', id: 'c', lesson: '4-3-joined', exercise: 'mini-pod' },
      { type: 'hello', version: 1, cols: 10, rows: 5, session: 'another-session', node: 'node1' },
    ];
    for (const control of controls) watcher.ws.send(JSON.stringify(control));
    watcher.ws.send('not json');
    await student.typeLine('echo after');
    await until(() => watcher.text.includes('echo after'));
    expect(terminal.received.length).toBe(inputs + 1);
    expect(new TextDecoder().decode(terminal.received.at(-1))).toBe('echo after\r');
    expect(terminal.size).toEqual(size);
    expect(driver.sandboxes.map((s) => s.execs.length)).toEqual([0]);
    expect(driver.sandboxes).toHaveLength(1);
    expect(w.registry.size).toBe(1);
    expect(watcher.controls.every((c) => c.type === 'watch')).toBe(true);

    watcher.ws.close();
    expect(await student.next('watchers', 2)).toEqual({ type: 'watchers', count: 0 });
  });

  it('follows the student into a reset sandbox and waits while they have no terminal', async () => {
    const w = world!;
    const watcher = new Peer(watchUrl(w), w.cookies.owner);
    expect(await watcher.next('watch')).toEqual({ type: 'watch', state: 'waiting' });
    const student = new Peer(`${w.url}/ws/sandbox`, w.cookies.student);
    await student.hello();
    expect(await watcher.next('watch', 1)).toEqual({ type: 'watch', state: 'live', node: 'node1' });
    student.ws.send(JSON.stringify({ type: 'reset' }));
    await student.next('ready', 1);
    await student.typeLine('echo fresh');
    await until(() => watcher.text.includes('echo fresh'));
    student.ws.close();
    await until(() => watcher.controls.filter((c) => c.type === 'watch').at(-1)?.state === 'waiting');
  });

  it('refuses other instructors, students and strangers, exactly like a missing student', async () => {
    const w = world!;
    for (const cookie of [w.cookies.otherInstructor, w.cookies.student, undefined]) {
      expect(await new Peer(watchUrl(w), cookie).status).toBe(404);
    }
    expect(await new Peer(watchUrl(w, 'nobody'), w.cookies.owner).status).toBe(404);
    expect(await new Peer(`${w.url}/ws/watch?class=${w.classId}`, w.cookies.owner).status).toBe(404);
    expect(await new Peer(watchUrl(w), w.cookies.owner).status).toBe(101);
  });
});
