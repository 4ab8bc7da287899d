/**
 * The classroom under the two abuses of issue #14, against the production server (`npm run build`
 * first), on a fresh SQLite file, at production password cost:
 *
 *   npx node bench/classroom-abuse.ts [--root DIR] [--flood 40] [--seconds 20]
 *
 * 1. RSS during a 256 MB chunked body: an unauthenticated POST /api/classroom/join with
 *    `Transfer-Encoding: chunked` and 256 MiB of zeros; the server's RSS (from /proc) is sampled every
 *    20 ms; printed: RSS before, peak, after, and how much of the body the server let in.
 * 2. A sign-in while one student floods /me/credentials: an instructor signs in 5 times alone (the
 *    baseline), then again and again while one joined student keeps --flood PUT /me/credentials in
 *    flight for --seconds; printed: sign-in latencies (median, max) and what the flood got (statuses).
 *
 * --root runs another checkout's build (e.g. --root /work/main for the figures before the fixes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkedUpload } from '../tests/faults/chunked-upload.ts';
import { rssMiB } from '../tests/faults/rss.ts';
import { REPO_ROOT, startServerChild } from '../tests/faults/server-process.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROOT = option('root') ?? REPO_ROOT;
const FLOOD = Number(option('flood') ?? 40);
const SECONDS = Number(option('seconds') ?? 20);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0]!)
    .join('; ');

const dir = mkdtempSync(join(tmpdir(), 'vethlab-bench-abuse-'));
// TRUST_PROXY: each party comes from its own X-Forwarded-For address, as separate devices would.
const server = await startServerChild({ DATABASE_URL: join(dir, 'bench.sqlite'), TRUST_PROXY: '1' }, undefined, ROOT);
const base = server.url;
const headers = (address: string, cookie?: string) => ({
  'content-type': 'application/json',
  origin: base,
  'x-forwarded-for': address,
  ...(cookie ? { cookie } : {}),
});

try {
  console.log(`server: ${ROOT}`);
  // 1. The chunked body.
  await fetch(`${base}/api/classroom/me`);
  const before = rssMiB(server.child.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.child.pid))), 20);
  const upload = await chunkedUpload(`${base}/api/classroom/join`, base, 256 * 1024 * 1024);
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(sampler);
  const after = rssMiB(server.child.pid);
  console.log(
    `256 MiB chunked body: answer ${upload.status || 'connection closed'} after ${(upload.sent / 1024 / 1024).toFixed(1)} MiB sent (${upload.ms.toFixed(0)} ms); ` +
      `server RSS ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB peak, ${after.toFixed(0)} MiB after`,
  );

  // 2. Sign-in latency, alone and during a flood of /me/credentials from one student.
  const email = 'flood-teacher@example.test';
  const password = 'correct horse battery staple';
  const signUp = await fetch(`${base}/api/classroom/instructor/sign-up`, { method: 'POST', headers: headers('10.1.0.1'), body: JSON.stringify({ email, password }) });
  if (signUp.status !== 201) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const created = await fetch(`${base}/api/classroom/classes`, { method: 'POST', headers: headers('10.1.0.1', cookieOf(signUp)), body: JSON.stringify({ name: 'Flood' }) });
  const code = ((await created.json()) as { class: { joinCode: string } }).class.joinCode;
  const joined = await fetch(`${base}/api/classroom/join`, { method: 'POST', headers: headers('10.2.0.1'), body: JSON.stringify({ code, displayName: 'Mallory' }) });
  const student = cookieOf(joined);

  let signIns = 0;
  const signIn = async (): Promise<number> => {
    const started = performance.now();
    // A fresh address each time: the per-account-and-address limit (5 a minute) is not what we measure.
    const response = await fetch(`${base}/api/classroom/instructor/sign-in`, {
      method: 'POST',
      headers: headers(`10.3.${Math.floor(++signIns / 250)}.${(signIns % 250) + 1}`),
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
    return performance.now() - started;
  };
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) alone.push(await signIn());

  const statuses = new Map<number, number>();
  let flooding = true;
  let n = 0;
  const flooder = async () => {
    while (flooding) {
      const response = await fetch(`${base}/api/classroom/me/credentials`, {
        method: 'PUT',
        headers: headers('10.2.0.1', student),
        body: JSON.stringify({ email: `probe${++n}@example.test`, password: 'a long enough password', currentPassword: 'a long enough password' }),
      }).catch(() => undefined);
      const status = response?.status ?? 0;
      await response?.arrayBuffer();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const flood = Array.from({ length: FLOOD }, flooder);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const during: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) during.push(await signIn());
  flooding = false;
  await Promise.all(flood);
  const fmt = (values: number[]) => `median ${median(values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length})`;
  console.log(`sign-in alone: ${fmt(alone)}`);
  console.log(`sign-in during a flood of ${FLOOD} parallel PUT /me/credentials from one student: ${fmt(during)}`);
  console.log(`flood answers: ${[...statuses].map(([status, count]) => `${count}× ${status}`).join(', ')}`);
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
}
