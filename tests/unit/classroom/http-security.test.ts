/** CSRF, cookies, rate limits and proxy handling of the classroom API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classroom } from '../../../src/classroom/context.ts';
import { ROUTES } from '../../../src/classroom/http/api.ts';
import { checkSameOrigin, clientAddress, siteOrigin } from '../../../src/classroom/http/request-origin.ts';
import type { ClassroomError } from '../../../src/classroom/errors.ts';
import { DEFAULT_RATE_RULES, MemoryRateStore, RateLimiter } from '../../../src/classroom/rate-limit.ts';
import { describeEachDatabase } from './support/databases.ts';
import { buildWorld, call, testDeps, type World } from './support/http.ts';

const STATE_CHANGING = ROUTES.filter((route) => route.method !== 'GET');

function fill(path: string, w: World): string {
  return path.replace(':classId', w.classX.id).replace(':studentId', w.studentA);
}

describeEachDatabase('classroom HTTP security', (open) => {
  let cx: Classroom;
  let world: World;
  beforeAll(async () => {
    cx = await open();
    world = await buildWorld(cx);
  });
  afterAll(async () => {
    await cx.close();
  });

  for (const route of STATE_CHANGING) {
    it(`${route.method} ${route.path} refuses cross-site requests, even with the owner's cookies`, async () => {
      const cookie = route.path.startsWith('/me') || route.path.startsWith('/progress') || route.path.startsWith('/student') ? world.cookies.studentA : world.cookies.owner;
      const path = fill(route.path, world);
      const evilOrigin = await call(world.deps, route.method, path, { cookie, headers: { origin: 'https://evil.example', 'sec-fetch-site': '' } });
      const crossSite = await call(world.deps, route.method, path, { cookie, headers: { 'sec-fetch-site': 'cross-site', origin: '' } });
      const sameSite = await call(world.deps, route.method, path, { cookie, headers: { 'sec-fetch-site': 'same-site' } });
      const neither = await call(world.deps, route.method, path, { cookie, headers: { origin: '', 'sec-fetch-site': '' } });
      const formPost = await call(world.deps, route.method, path, { cookie, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const textPlain = await call(world.deps, route.method, path, { cookie, body: '{}', headers: { 'content-type': 'text/plain' } });
      expect([evilOrigin.status, crossSite.status, sameSite.status, neither.status, formPost.status, textPlain.status]).toEqual([403, 403, 403, 403, 415, 415]);
    });
  }

  it('sets session cookies httpOnly, SameSite=Lax, without Secure over plain http', async () => {
    const response = await call(world.deps, 'POST', '/instructor/sign-up', { body: { email: 'cookie@example.org', password: 'a long enough password' } });
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^vl_instructor=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);
  });

  it('behind a trusted TLS proxy: Secure cookies and the public origin for the CSRF check', async () => {
    const deps = testDeps(cx, { trustProxy: true, allowedOrigins: [] });
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'vethlab.example', origin: 'https://vethlab.example' };
    const response = await call(deps, 'POST', '/instructor/sign-up', { headers: proxied, body: { email: 'tls@example.org', password: 'a long enough password' } });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()[0]).toMatch(/; Secure$/);
    // Without TRUST_PROXY the same headers are not believed.
    const untrusted = await call(world.deps, 'POST', '/instructor/sign-up', { headers: proxied, body: { email: 'tls2@example.org', password: 'a long enough password' } });
    expect(untrusted.status).toBe(403);
  });

  it('limits sign-in to 5 a minute per account and address, with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call(world.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.7', body: { email: world.ownerEmail, password: 'wrong password' } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await call(world.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.7', body: { email: world.ownerEmail, password: 'owner password 123' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not punished for it.
    const elsewhere = await call(world.deps, 'POST', '/instructor/sign-in', { address: '198.51.100.8', body: { email: world.ownerEmail, password: 'owner password 123' } });
    expect(elsewhere.status).toBe(200);
  });

  it('limits sign-up per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call(world.deps, 'POST', '/instructor/sign-up', { address: '198.51.100.9', body: { email: `burst${i}@example.org`, password: 'a long enough password' } })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('limits join-code attempts per address', async () => {
    // On a stopped clock: the bucket refills one attempt a second, and on a busy machine the 61
    // requests took long enough that the 61st was let through.
    const limiter = cx.limits.join;
    const stopped = Date.now();
    cx.limits.join = new RateLimiter('join', DEFAULT_RATE_RULES.join, new MemoryRateStore(), () => stopped);
    try {
      let last = 0;
      for (let i = 0; i < 61; i++) {
        last = (await call(world.deps, 'POST', '/join', { address: '198.51.100.10', body: { code: 'AAAA-AAAA', displayName: 'Guesser' } })).status;
        if (i < 60) expect(last).toBe(404);
      }
      expect(last).toBe(429);
    } finally {
      cx.limits.join = limiter;
    }
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    expect((await call(world.deps, 'GET', '/nope')).status).toBe(404);
    const wrong = await call(world.deps, 'PUT', '/me');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('refuses bodies that are not JSON objects, and oversized ones', async () => {
    expect((await call(world.deps, 'POST', '/classes', { cookie: world.cookies.owner, body: '[1,2]' })).status).toBe(400);
    expect((await call(world.deps, 'POST', '/classes', { cookie: world.cookies.owner, body: '{nope' })).status).toBe(400);
    const huge = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    expect((await call(world.deps, 'POST', '/classes', { cookie: world.cookies.owner, body: huge })).status).toBe(400);
  });

  it('clears the cookie of a session that no longer exists', async () => {
    const response = await call(world.deps, 'GET', '/me', { cookie: 'vl_student=not-a-real-token' });
    expect(response.body.student).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['vl_student=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
  });
});

describe('request origin', () => {
  const config = { trustProxy: false, allowedOrigins: ['https://docs.example'] };
  const post = (headers: Record<string, string>) => new Request('http://vethlab.test/api/classroom/classes', { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
  const refusal = (request: Request) => {
    try {
      checkSameOrigin(request, config);
      return 'ok';
    } catch (error) {
      return (error as ClassroomError).code;
    }
  };

  it('accepts its own origin, Sec-Fetch-Site same-origin, and allow-listed origins', () => {
    expect(refusal(post({ origin: 'http://vethlab.test' }))).toBe('ok');
    expect(refusal(post({ 'sec-fetch-site': 'same-origin' }))).toBe('ok');
    expect(refusal(post({ origin: 'https://docs.example' }))).toBe('ok');
  });

  it('refuses other origins, other sites and requests that say nothing', () => {
    expect(refusal(post({ origin: 'http://vethlab.test.evil.example' }))).toBe('forbidden');
    expect(refusal(post({ origin: 'null' }))).toBe('forbidden');
    expect(refusal(post({ 'sec-fetch-site': 'none' }))).toBe('forbidden');
    expect(refusal(post({}))).toBe('forbidden');
  });

  it('trusts X-Forwarded-* only when told to', () => {
    const request = new Request('http://10.0.0.2:4321/x', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'vethlab.example', 'x-forwarded-for': '203.0.113.1, 10.0.0.1' } });
    expect(siteOrigin(request, { trustProxy: false, allowedOrigins: [] })).toBe('http://10.0.0.2:4321');
    expect(siteOrigin(request, { trustProxy: true, allowedOrigins: [] })).toBe('https://vethlab.example');
    expect(clientAddress(request, '10.0.0.9', { trustProxy: false, allowedOrigins: [] })).toBe('10.0.0.9');
    expect(clientAddress(request, '10.0.0.9', { trustProxy: true, allowedOrigins: [] })).toBe('10.0.0.1');
  });
});
