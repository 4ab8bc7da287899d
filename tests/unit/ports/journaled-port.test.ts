/** A published port opened in the in-browser simulator is journaled, so a rebuilt sandbox has the same nginx log. */
import { expect, it } from 'vitest';
import { createBrowserDriver } from '../../../src/sandbox/worker/browser-driver.ts';
import type { JournaledSandbox } from '../../../src/sandbox/worker/journal.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { until } from '../worker/helpers.ts';

it('journals the request as the hidden curl it is, and a rebuild keeps its access-log line', async () => {
  const store = new MemoryStore();
  const driver = createBrowserDriver({ store, saveDelayMs: 5, newSeed: () => 7, onError: () => {} });
  const sandbox = (await driver.create()) as JournaledSandbox;
  await sandbox.exec('docker run -d --name web -p 8080:80 nginx');
  const got = await sandbox.requestPort({ node: 'node1', port: 8080, method: 'GET', path: '/' });
  expect(got.ok && new TextDecoder().decode(got.response.body)).toContain('Welcome to nginx!');
  const events = sandbox.snapshot().events;
  expect(events.map((e) => e.k)).toEqual(['exec', 'exec']);
  expect(events[1]).toMatchObject({ k: 'exec', x: expect.stringMatching(/^curl -sSi .* 'http:\/\/10\.0\.2\.15:8080\/'$/) });
  const before = (await sandbox.exec('docker logs web 2>&1 | grep "GET /"')).output;
  expect(before).toContain('"Mozilla/5.0 (Vethlab port viewer)"');
  await until(() => store.records.has(''), 2000, 'saved');
  const saved = store.records.get('');
  await sandbox.close();

  if (!saved) throw new Error('nothing saved');
  store.records.set('', saved);
  const again = createBrowserDriver({ store, saveDelayMs: 5, onError: () => {} });
  const restored = (await again.create()) as JournaledSandbox;
  expect(again.restored).toBe(1);
  expect((await restored.exec('docker logs web 2>&1 | grep "GET /"')).output).toBe(before);
  await restored.close();
});
