/** The worker's session layer and saved sandboxes, with the real simulator and an in-memory store. */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import { loadPage, readies, run, until } from './helpers.ts';

const ARTICLE = ['docker network create bridge2', 'docker run -dit --network bridge2 --name box1 busybox', 'docker run -dit --network bridge2 --name box2 busybox'];

async function execIn(conn: ReturnType<ReturnType<typeof loadPage>['connect']>, command: string) {
  const id = `t${Math.random()}`;
  conn.send({ type: 'exec', id, command });
  await until(() => conn.controls.some((m) => m.type === 'exec-result' && m.id === id), 10_000, `exec ${command}`);
  const result = conn.controls.find((m) => m.type === 'exec-result' && m.id === id);
  return result as { exit: number; output: string };
}

describe('sandbox worker host', () => {
  it('answers hello with ready and a prompt, runs commands, and pings by name', async () => {
    const page = loadPage(new MemoryStore());
    const conn = page.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    const [ready] = readies(conn);
    expect(ready).toMatchObject({ type: 'ready', resumed: false, node: 'node1', driver: 'simulator' });
    for (const line of ARTICLE) await run(conn, line);
    const ping = await run(conn, 'docker exec box1 ping -c 2 box2');
    expect(ping).toMatch(/2 packets transmitted, 2 (packets )?received/);
    await page.host.close();
  });

  it('rebuilds the sandbox after a reload: same containers, same ids, same screen', async () => {
    const store = new MemoryStore();
    const first = loadPage(store, 42);
    const conn = first.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    for (const line of ARTICLE) await run(conn, line);
    // A ping without -c, stopped with Ctrl-C after two replies: the replay must stop it there too.
    const before = conn.text().length;
    conn.type('docker exec box1 ping box2\r');
    await until(() => (conn.text().slice(before).match(/seq=/g) ?? []).length >= 2, 5000, 'two ping replies');
    conn.type('\x03');
    await until(() => /packet loss[\s\S]*[#$] $/.test(conn.text().slice(before)), 5000, 'ping summary');
    const ids = await execIn(conn, 'docker ps -q --no-trunc');
    const macs = await execIn(conn, 'docker exec box2 cat /sys/class/net/eth0/address');
    const screen = conn.text();
    await until(() => (store.records.get('')?.events.length ?? 0) > 0 && store.records.get('')!.screens.node1 !== undefined, 2000, 'save');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // "Reload": a new worker over the same storage; the page still has its session id, which the
    // new worker does not know, so it starts "a new session" that is the restored sandbox.
    const second = loadPage(store, 7);
    const again = second.connect('node1', readies(conn)[0]!.session);
    await until(() => readies(again).length > 0 && again.text().length > 0, 10_000, 'restored ready');
    expect(second.driver.restored).toBe(1);
    expect(again.text()).toBe(screen);
    expect((await execIn(again, 'docker ps -q --no-trunc')).output).toBe(ids.output);
    expect((await execIn(again, 'docker exec box2 cat /sys/class/net/eth0/address')).output).toBe(macs.output);
    const ping = await run(again, 'docker exec box1 ping -c 1 box2');
    expect(ping).toMatch(/1 packets transmitted, 1 (packets )?received/);
    await first.host.close();
    await second.host.close();
  }, 30_000);

  it('Reset starts a fresh sandbox and forgets the saved one', async () => {
    const store = new MemoryStore();
    const page = loadPage(store);
    const conn = page.connect();
    await until(() => /[#$] $/.test(conn.text()), 5000, 'first prompt');
    await run(conn, 'docker network create bridge2');
    await until(() => store.records.has(''), 2000, 'save');
    const instance = store.records.get('')!.instance;
    conn.send({ type: 'reset' });
    await until(() => readies(conn).length === 2 && /[#$] $/.test(conn.text()), 5000, 'ready after reset');
    await until(() => store.records.get('')?.instance !== instance, 2000, 'old record gone');
    const networks = await run(conn, 'docker network ls');
    expect(networks).not.toContain('bridge2');
    await page.host.close();
  });

  it('two nodes of one session share one simulated world', async () => {
    const page = loadPage(new MemoryStore());
    const one = page.connect('node1');
    await until(() => /[#$] $/.test(one.text()), 5000, 'node1 prompt');
    const session = readies(one)[0]!.session;
    const other = page.connect('node1', session);
    await until(() => readies(other).length > 0, 5000, 'second ready');
    expect(readies(other)[0]).toMatchObject({ session, resumed: true });
    await run(one, 'docker network create shared');
    expect(await run(other, 'docker network ls')).toContain('shared');
    await page.host.close();
  });
});
