/**
 * Broken labs (lesson frontmatter `sandbox.setup`): a lab's own profile gets a sandbox of its own
 * with the setup run hidden, on the server's simulator, its kept sessions and the in-browser
 * simulator; Reset breaks it again; a restart or a reload rebuilds the broken state from the journal
 * without running the setup twice; and the classroom verifies a lab only from a journal that starts
 * with its setup.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { labOf, labProfile, hostProfileOf, lessonProfile } from '../../../src/sandbox/profiles/lab-profile.ts';
import { createSimulatorDriver } from '../../../src/sandbox/sim/driver.ts';
import { SessionRegistry, type Session } from '../../../src/sandbox/sessions.ts';
import { startsWithSetup, type SetupStep } from '../../../src/sandbox/setup.ts';
import { createKeptSimulatorDriver } from '../../../src/sandbox/persistence/kept-simulator.ts';
import { MemoryJournalStore } from '../../../src/sandbox/persistence/journal-store.ts';
import { decodeStoredJournal } from '../../../src/sandbox/persistence/journal-codec.ts';
import { MemoryStore } from '../../../src/sandbox/worker/store.ts';
import type { SavedSandbox } from '../../../src/sandbox/worker/journal.ts';
import { loadPage, run } from '../worker/helpers.ts';
import { until } from '../../support/until.ts';

const SLUG = '7-1-lost-masquerade';
const LAB = labProfile(undefined, SLUG);
const REMOVE_MASQUERADE = 'iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE';
const SETUP: SetupStep[] = [{ run: REMOVE_MASQUERADE }, { run: 'echo setup-was-here > /tmp/lab-marker' }];
const RULES = 'iptables -t nat -S POSTROUTING';
const setups = (slug: string) => (slug === SLUG ? SETUP : undefined);

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function opened(registry: SessionRegistry, id?: string, profile?: string): Promise<{ session: Session; resumed: boolean }> {
  const result = await registry.open(id, profile);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** A terminal on the session's first node: what it shows, and a way to type a line and wait for the prompt. */
async function terminalOf(session: Session) {
  let text = '';
  const attachment = session.attach('node1', { output: (bytes) => (text += decoder.decode(bytes)), ended: () => undefined });
  text += decoder.decode(attachment.replay);
  await until(() => /# $/.test(text), 10_000, 'prompt');
  return {
    text: () => text,
    async run(command: string) {
      const before = text.length;
      session.input('node1', encoder.encode(`${command}\r`));
      await until(() => text.slice(before).includes('\n') && /# $/.test(text), 10_000, command);
      return text.slice(before);
    },
  };
}

function setupExecs(saved: SavedSandbox): number {
  return saved.events.filter((event) => event.k === 'exec' && SETUP.some((step) => step.run === event.x)).length;
}

describe('lab profiles', () => {
  it('name the lab and build its host profile', () => {
    expect(labProfile(undefined, SLUG)).toBe('lab.7-1-lost-masquerade');
    expect(labProfile('two-nodes', SLUG)).toBe('two-nodes.lab.7-1-lost-masquerade');
    expect(labOf('two-nodes.lab.7-1-lost-masquerade')).toBe(SLUG);
    expect(hostProfileOf('two-nodes.lab.7-1-lost-masquerade')).toBe('two-nodes');
    expect(hostProfileOf('lab.7-1-lost-masquerade')).toBeUndefined();
    expect(labOf('two-nodes')).toBeUndefined();
    expect(hostProfileOf('two-nodes')).toBe('two-nodes');
    expect(lessonProfile(SLUG, { profile: undefined })).toBeUndefined();
    expect(lessonProfile(SLUG, { profile: 'two-nodes', setup: SETUP })).toBe('two-nodes.lab.7-1-lost-masquerade');
  });
});

describe('a broken lab on the server simulator', () => {
  it('starts broken, shows nothing of its setup, keeps the learner other sandbox, and Reset breaks it again', async () => {
    const registry = new SessionRegistry({ driver: createSimulatorDriver({ clock: 'virtual' }), labSetups: setups });
    closers.push(() => registry.close('closed'));

    const plain = (await opened(registry)).session;
    const lab = await opened(registry, plain.id, LAB);
    expect(lab.resumed).toBe(false);
    expect(lab.session.id).not.toBe(plain.id);
    expect((await lab.session.exec(RULES)).output).not.toContain('MASQUERADE');
    expect((await plain.exec(RULES)).output).toContain('MASQUERADE');

    const terminal = await terminalOf(lab.session);
    expect(terminal.text()).not.toContain('setup-was-here');
    const history = await terminal.run('history');
    expect(history).not.toContain('iptables');
    expect(history).not.toContain('lab-marker');
    expect(await terminal.run('cat /tmp/lab-marker')).toContain('setup-was-here');

    // The learner repairs it, then resets: the fresh lab is broken again.
    await terminal.run('iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect((await lab.session.exec(RULES)).output).toContain('MASQUERADE');
    const reset = await registry.reset(lab.session.id);
    if (!reset.ok) throw new Error(reset.message);
    expect(reset.session.profile).toBe(LAB);
    expect((await reset.session.exec(RULES)).output).not.toContain('MASQUERADE');
    // The plain session is still there, and resuming it with its own profile finds it.
    expect((await opened(registry, plain.id)).resumed).toBe(true);
  });

  it('refuses a lab it has no setup for, and a setup that fails', async () => {
    const failing = (slug: string) => (slug === 'broken-setup' ? [{ run: 'iptables -t nat -D POSTROUTING -j NOSUCHTARGET' }] : undefined);
    const errors: string[] = [];
    const registry = new SessionRegistry({ driver: createSimulatorDriver({ clock: 'virtual' }), labSetups: failing, onError: (error) => errors.push(String(error)) });
    closers.push(() => registry.close('closed'));
    expect(await registry.open(undefined, labProfile(undefined, 'no-such-lab'))).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await registry.open(undefined, labProfile(undefined, 'broken-setup'))).toMatchObject({ ok: false, code: 'internal' });
    expect(errors.join('\n')).toMatch(/setup command .*NOSUCHTARGET.* exited/);
    expect(registry.size).toBe(0);
  });
});

describe('a broken lab in kept sessions', () => {
  it('a new process rebuilds the broken state from the journal and does not run the setup again', async () => {
    const store = new MemoryJournalStore();
    const replica = (holder: string) => {
      const driver = createKeptSimulatorDriver({ store, holder, flushMs: 10, holdCheckMs: 50, onError: (error) => console.error(error) });
      const registry = new SessionRegistry({ driver, labSetups: setups });
      driver.onLost((id) => void registry.release(id));
      closers.push(async () => {
        await registry.close('closed');
        await driver.close();
      });
      return { driver, registry };
    };
    const first = replica('first');
    const lab = (await opened(first.registry, undefined, LAB)).session;
    const terminal = await terminalOf(lab);
    await terminal.run('docker run -d --name probe busybox sleep 3600');
    await first.driver.flush();

    const second = replica('second');
    const resumed = await opened(second.registry, lab.id, LAB);
    expect(resumed.resumed).toBe(true);
    expect((await resumed.session.exec(RULES)).output).not.toContain('MASQUERADE');
    expect((await resumed.session.exec('docker ps --format {{.Names}}')).output).toContain('probe');
    await second.driver.flush();
    const row = store.rows.get(lab.id);
    if (!row) throw new Error('the lab journal is not in the store');
    expect(row.record.profile).toBe(LAB);
    const decoded = decodeStoredJournal(row.record.journal);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(setupExecs(decoded.saved)).toBe(SETUP.length);
    expect(startsWithSetup(decoded.saved.events, SETUP)).toBe(true);
  });
});

describe('a broken lab in the in-browser simulator', () => {
  it('runs the setup the page told it, keeps the lab apart from the default sandbox, and restores it on reload without running it twice', async () => {
    const store = new MemoryStore();
    const page = loadPage(store);
    page.host.receive({ op: 'lab', slug: SLUG, setup: SETUP });
    const plain = page.connect();
    await until(() => plain.controls.some((c) => c.type === 'ready'));
    const lab = page.connect('node1', undefined, LAB);
    await until(() => lab.controls.some((c) => c.type === 'ready'));
    expect(await run(lab, RULES)).not.toContain('MASQUERADE');
    expect(await run(plain, RULES)).toContain('MASQUERADE');
    expect(lab.text()).not.toContain('setup-was-here');
    await until(() => (store.records.get(LAB)?.events.filter((event) => event.k === 'in').length ?? 0) >= 1);
    // The learner's default sandbox has its own record, untouched by the lab.
    await until(() => store.records.get('') !== undefined);
    expect(store.records.get('')?.events.some((event) => event.k === 'exec')).toBe(false);

    // A reload (the old worker just stops): the page tells the new worker again; the saved lab comes back broken, its setup replayed, not rerun.
    const again = loadPage(store);
    again.host.receive({ op: 'lab', slug: SLUG, setup: SETUP });
    const back = again.connect('node1', undefined, LAB);
    await until(() => back.controls.some((c) => c.type === 'ready'));
    expect(await run(back, RULES)).not.toContain('MASQUERADE');
    await until(() => (store.records.get(LAB)?.events.filter((event) => event.k === 'in').length ?? 0) >= 2);
    const saved = store.records.get(LAB);
    if (!saved) throw new Error('the lab was not saved');
    expect(setupExecs(saved)).toBe(SETUP.length);
    await again.host.close();
    await page.host.close();
  });

  it('refuses the lab when the page did not say its setup', async () => {
    const page = loadPage(new MemoryStore());
    const lab = page.connect('node1', undefined, LAB);
    await until(() => lab.controls.some((c) => c.type === 'error'));
    expect(lab.controls.find((c) => c.type === 'error')).toMatchObject({ code: 'bad-message' });
    await page.host.close();
  });
});
