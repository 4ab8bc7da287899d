import { describe, expect, it } from 'vitest';
import { endsWithPrompt, typeInTerminal, useServerAndBrowser, waitForConnected, waitForTerminal } from './harness.ts';

// Three seconds without terminal input or output and the sandbox is reaped.
const run = useServerAndBrowser({ SANDBOX_IDLE_MINUTES: '0.05' }, { checkExit: false });

describe('an idle sandbox', () => {
  it('expires, says so, and the next key starts a fresh one', async () => {
    const context = await run.newContext();
    const page = await context.newPage();
    await page.goto('/en/lessons/1-1-veth-and-docker0/');
    await expect(page.getByRole('region', { name: 'Terminal' }).count()).resolves.toBe(1);
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    const first = await page.evaluate(() => localStorage.getItem('vethlab.session'));
    await page.waitForFunction(() => document.querySelector('vl-terminal')?.dataset.status === 'expired', null, { timeout: 15_000 });
    await waitForTerminal(page, /The sandbox expired/);
    expect(await page.evaluate(() => localStorage.getItem('vethlab.session'))).toBeNull();
    await typeInTerminal(page, 'x');
    await waitForConnected(page);
    await waitForTerminal(page, (t) => endsWithPrompt(t) && !t.includes('expired'));
    const second = await page.evaluate(() => localStorage.getItem('vethlab.session'));
    expect(second).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(second).not.toBe(first);
  });
});
