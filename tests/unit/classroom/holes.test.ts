/**
 * The classroom holes of issue #14 item 5 (and the accounts of item 4), each pinned by a test that
 * failed before its fix: refusals recognised across module copies, the streaming body limit, hashing
 * routes limited and checked before hashing, removed students kept out, common passwords refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { ClassroomError } from '../../../src/classroom/errors.ts';
import { readJsonBody } from '../../../src/classroom/http/body.ts';
import { errorResponse } from '../../../src/classroom/http/responses.ts';
import { describeEachDatabase } from './support/databases.ts';
import { buildWorld, call, cookieFrom, type World } from './support/http.ts';

describe('refusals across module copies', () => {
  it('answers 429 with Retry-After for a ClassroomError made by another copy of errors.ts (npm run serve)', async () => {
    // A second instance of the module, as the server entry and the built routes each have their own.
    const secondCopy = new URL('../../../src/classroom/errors.ts?second-copy', import.meta.url).href;
    const copy = (await import(/* @vite-ignore */ secondCopy)) as typeof import('../../../src/classroom/errors.ts');
    expect(copy.ClassroomError).not.toBe(ClassroomError);
    const response = errorResponse(new copy.ClassroomError('rate-limited', 'too many attempts', { retryAfter: 12 }));
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '12']);
  });
});

describe('streaming body limit', () => {
  it('stops reading a chunked body at the limit instead of buffering it whole', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    // An endless upload with no Content-Length, as `Transfer-Encoding: chunked` arrives.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://vethlab.test/api/classroom/join', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    const error = await readJsonBody(request, 256 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassroomError);
    expect([(error as ClassroomError).status, (error as ClassroomError).reason]).toEqual([400, 'too-large']);
    // At most the limit plus a chunk or two of read-ahead, never the whole (endless) body.
    expect(pulled).toBeLessThan(256 * 1024 + 4 * chunk.byteLength);
  });
});

describeEachDatabase('classroom holes', (open) => {
  let cx: Classroom;
  let world: World;
  let hashes = 0;
  beforeAll(async () => {
    cx = await open();
    const hash = cx.passwords.hash.bind(cx.passwords);
    cx.passwords.hash = (password) => {
      hashes++;
      return hash(password);
    };
    world = await buildWorld(cx);
  });
  afterAll(async () => {
    await cx.close();
  });

  async function newStudent(address: string): Promise<string> {
    const joined = await call(world.deps, 'POST', '/join', { address, body: { code: world.classX.join_code, displayName: 'Flooder' } });
    expect(joined.status).toBe(200);
    return cookieFrom(joined.headers);
  }

  it('limits /me/credentials to 5 per 10 minutes per student, with Retry-After', async () => {
    const cookie = await newStudent('198.51.100.20');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await call(world.deps, 'PUT', '/me/credentials', {
        cookie,
        body: { email: `flood${i}@example.org`, password: 'a long enough password', currentPassword: 'a long enough password' },
      });
      statuses.push(response.status);
      if (i === 5) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('checks a taken email before hashing and answers without saying another student has it', async () => {
    const cookie = await newStudent('198.51.100.21');
    const before = hashes;
    const taken = await call(world.deps, 'PUT', '/me/credentials', { cookie, body: { email: `a${world.ownerEmail.match(/\d+/)?.[0]}@example.org`, password: 'a long enough password' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).not.toMatch(/student|exists|already/i);
    expect(hashes).toBe(before);
    const signUp = await call(world.deps, 'POST', '/instructor/sign-up', { address: '198.51.100.22', body: { email: world.ownerEmail, password: 'a long enough password' } });
    expect(signUp.status).toBe(409);
    expect(signUp.body.error.message).not.toMatch(/exists|already/i);
    expect(hashes).toBe(before);
  });

  it('refuses common passwords on top of the length rule', async () => {
    for (const password of ['password1234', 'aaaaaaaaaaaa', 'Qwertyuiop123']) {
      const response = await call(world.deps, 'POST', '/instructor/sign-up', { address: `198.51.100.${30 + password.length}`, body: { email: `weak-${password}@example.org`, password } });
      expect([password, response.status, response.body.error.reason]).toEqual([password, 400, 'common']);
    }
  });

  it('keeps a removed student out: session revoked, old id refused, rotated code and link refused', async () => {
    const w = await buildWorld(cx);
    // Student A is removed: in no other class, their cookie stops working at once.
    expect((await call(w.deps, 'DELETE', `/classes/${w.classX.id}/students/${w.studentA}`, { cookie: w.cookies.owner })).status).toBe(204);
    const progress = await call(w.deps, 'POST', '/progress', { cookie: w.cookies.studentA, body: { items: [] } });
    expect(progress.status).toBe(401);
    // Student B is in class Y too: removed from X, they keep their session but cannot come back to X.
    await call(w.deps, 'POST', '/join', { cookie: w.cookies.studentB, address: '198.51.100.40', body: { code: w.classX.join_code } });
    expect((await call(w.deps, 'DELETE', `/classes/${w.classX.id}/students/${w.studentB}`, { cookie: w.cookies.owner })).status).toBe(204);
    const again = await call(w.deps, 'POST', '/join', { cookie: w.cookies.studentB, address: '198.51.100.40', body: { code: w.classX.join_code } });
    const byLink = await call(w.deps, 'POST', '/join', { cookie: w.cookies.studentB, address: '198.51.100.40', body: { token: w.classX.join_token } });
    expect([again.status, again.body.error.reason, byLink.status]).toEqual([403, 'removed', 403]);
    expect((await call(w.deps, 'GET', '/me', { cookie: w.cookies.studentB })).body.classes.map((c: { id: string }) => c.id)).toEqual([w.classY.id]);
    // The instructor rotates: the old code and link open nothing, the new ones do.
    const rotated = await call(w.deps, 'POST', `/classes/${w.classX.id}/join-code`, { cookie: w.cookies.owner });
    expect(rotated.status).toBe(200);
    const oldCode = await call(w.deps, 'POST', '/join', { address: '198.51.100.41', body: { code: w.classX.join_code, displayName: 'Back again' } });
    const oldLink = await call(w.deps, 'POST', '/join', { address: '198.51.100.41', body: { token: w.classX.join_token, displayName: 'Back again' } });
    const newCode = await call(w.deps, 'POST', '/join', { address: '198.51.100.41', body: { code: rotated.body.class.joinCode, displayName: 'Newcomer' } });
    expect([oldCode.status, oldLink.status, newCode.status]).toEqual([404, 404, 200]);
  });

  it('removes several students with one request', async () => {
    const w = await buildWorld(cx);
    const second = await call(w.deps, 'POST', '/join', { address: '198.51.100.50', body: { code: w.classX.join_code, displayName: 'Second' } });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const removed = await call(w.deps, 'POST', `/classes/${w.classX.id}/students/remove`, {
      cookie: w.cookies.coTeacher,
      body: { studentIds: [w.studentA, second.body.student.id, w.studentB] },
    });
    // Student B is not in class X: skipped, not an error.
    expect([removed.status, removed.body.removed]).toEqual([200, 2]);
    expect((await call(w.deps, 'GET', `/classes/${w.classX.id}`, { cookie: w.cookies.owner })).body.students).toEqual([]);
  });
});

describeEachDatabase('accounts', (open) => {
  let cx: Classroom;
  let world: World;
  beforeAll(async () => {
    cx = await open();
    world = await buildWorld(cx);
  });
  afterAll(async () => {
    await cx.close();
  });

  it('changes an instructor password only with the current one, and signs out the other devices', async () => {
    const w = await buildWorld(cx);
    const other = await call(w.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.60', body: { email: w.ownerEmail, password: 'owner password 123' } });
    const otherDevice = cookieFrom(other.headers);
    const wrong = await call(w.deps, 'PUT', '/instructor/password', { cookie: w.cookies.owner, body: { currentPassword: 'guess guess guess', newPassword: 'my new long password' } });
    expect([wrong.status, wrong.body.error.field]).toEqual([403, 'currentPassword']);
    const changed = await call(w.deps, 'PUT', '/instructor/password', { cookie: w.cookies.owner, body: { currentPassword: 'owner password 123', newPassword: 'my new long password' } });
    expect(changed.status).toBe(204);
    expect((await call(w.deps, 'GET', '/classes', { cookie: w.cookies.owner })).status).toBe(200);
    expect((await call(w.deps, 'GET', '/classes', { cookie: otherDevice })).status).toBe(401);
    const oldPassword = await call(w.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.61', body: { email: w.ownerEmail, password: 'owner password 123' } });
    const newPassword = await call(w.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.61', body: { email: w.ownerEmail, password: 'my new long password' } });
    expect([oldPassword.status, newPassword.status]).toEqual([401, 200]);
  });

  it('signs out everywhere: every session of the instructor ends', async () => {
    const w = await buildWorld(cx);
    const other = cookieFrom((await call(w.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.62', body: { email: w.ownerEmail, password: 'owner password 123' } })).headers);
    expect((await call(w.deps, 'POST', '/instructor/sign-out-everywhere', { cookie: other })).status).toBe(204);
    expect((await call(w.deps, 'GET', '/classes', { cookie: w.cookies.owner })).status).toBe(401);
    expect((await call(w.deps, 'GET', '/classes', { cookie: other })).status).toBe(401);
  });

  it("lets an instructor reset the password of their own class's student, and nobody else's", async () => {
    const reset = await call(world.deps, 'POST', `/classes/${world.classX.id}/students/${world.studentA}/password`, { cookie: world.cookies.owner });
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    // The student's old sessions end; the new password signs in.
    expect((await call(world.deps, 'GET', '/progress', { cookie: world.cookies.studentA })).status).toBe(401);
    const email = `a${world.ownerEmail.match(/\d+/)?.[0]}@example.org`;
    expect((await call(world.deps, 'POST', '/student/sign-in', { address: '198.51.100.63', body: { email, password: reset.body.password } })).status).toBe(200);
    // Student B is not in class X.
    const theirs = await call(world.deps, 'POST', `/classes/${world.classX.id}/students/${world.studentB}/password`, { cookie: world.cookies.owner });
    expect(theirs.status).toBe(404);
  });

  it('lets a co-teacher see the class in their list, marked as co-taught', async () => {
    const list = await call(world.deps, 'GET', '/classes', { cookie: world.cookies.coTeacher });
    expect(list.body.classes.map((c: { id: string; role: string }) => [c.id, c.role])).toEqual([[world.classX.id, 'co-teacher']]);
  });
});
