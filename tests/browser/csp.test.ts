/**
 * Security headers and the Content-Security-Policy on the production server: every kind of response
 * carries them, no page has an inline script, and the lesson page (terminal, exercise check, search)
 * and the classroom pages run without a single CSP violation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.ts';
import { REPO_ROOT, endsWithPrompt, launchBrowser, newContext, outputOf, startServer, terminalText, typeInTerminal, waitForConnected, waitForTerminal, type ServerProcess } from './harness.ts';

const LESSON = '/lessons/1-1-veth-and-docker0/';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop(), server.output()).toBe(0);
});

/** Inline scripts and inline event handlers in `html` (none may exist under a strict script-src). */
function inlineScripts(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(match[1]!) && match[2]!.trim() !== '') found.push(match[0].slice(0, 120));
  }
  for (const match of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)=/gi)) found.push(match[0].slice(0, 120));
  if (/href=["']?\s*javascript:/i.test(html)) found.push('javascript: URL');
  return found;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : []));
}

/** Open `path` with violations recorded from the first byte on. */
async function openRecording(path: string): Promise<{ page: Page; violations: () => Promise<string[]>; consoleErrors: string[] }> {
  context ??= await newContext(browser, server.url);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.goto(path);
  return { page, consoleErrors, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

describe('security headers', () => {
  const paths = [
    ['lesson page', LESSON],
    ['English lesson page', '/en/lessons/1-1-veth-and-docker0/'],
    ['home page', '/'],
    ['classroom sign-in page', '/teach/sign-in/'],
    ['join page', '/join/'],
    ['API route', '/api/classroom/me'],
    ['script asset', '/theme-init.js'],
    ['missing page', '/no-such-page/'],
  ] as const;
  for (const [what, path] of paths) {
    it(`are on the ${what} (${path})`, async () => {
      const response = await fetch(`${server.url}${path}`);
      const h = response.headers;
      expect(h.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(h.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
      expect(h.get('content-security-policy')).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(h.get('permissions-policy')).toContain('camera=()');
      // Plain http on loopback: no HSTS (it would pin a developer's localhost to https).
      expect(h.get('strict-transport-security')).toBeNull();
      await response.arrayBuffer();
    });
  }

  it('sends HSTS behind a trusted https proxy only', async () => {
    const trusted = await startServer({ TRUST_PROXY: '1' });
    try {
      const viaProxy = await fetch(`${trusted.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      const direct = await fetch(`${server.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(direct.headers.get('strict-transport-security')).toBeNull();
    } finally {
      expect(await trusted.stop()).toBe(0);
    }
  });

  it('leave no inline script in any built page or server-rendered classroom page', async () => {
    const built = htmlFiles(join(REPO_ROOT, 'dist/client'));
    expect(built.length).toBeGreaterThan(5);
    const offenders = built.flatMap((file) => inlineScripts(readFileSync(file, 'utf8')).map((s) => `${file}: ${s}`));
    for (const path of ['/teach/sign-in/', '/teach/sign-up/', '/join/', '/join/me/', '/en/teach/sign-in/']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      offenders.push(...inlineScripts(html).map((s) => `${path}: ${s}`));
    }
    expect(offenders).toEqual([]);
  });
});

describe('Content-Security-Policy in the browser', () => {
  it('lets the lesson page, its terminal, an exercise check and search run with no violation', async () => {
    const { page, violations, consoleErrors } = await openRecording(LESSON);
    await waitForConnected(page);
    await waitForTerminal(page, endsWithPrompt);
    const before = (await terminalText(page)).length;
    await typeInTerminal(page, 'docker network ls\n');
    const text = await waitForTerminal(page, (t) => t.length > before && outputOf(t, 'docker network ls').includes('bridge') && endsWithPrompt(t));
    expect(outputOf(text, 'docker network ls')).toContain('bridge');

    // An exercise check runs over the hidden channel and paints its result.
    const check = page.locator('vl-exercise').first().getByRole('button', { name: '检查' });
    expect(await check.count()).toBeGreaterThan(0);
    await check.click();
    await expect
      .poll(() => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('vl-exercise [data-check]')].map((el) => el.dataset.state ?? '')), { timeout: 20_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/passed|failed/)]));

    // Search loads Pagefind (a module and WebAssembly) on first use.
    const open = page.locator('[data-search-open]').first();
    expect(await open.count()).toBeGreaterThan(0);
    await open.click();
    await page.locator('.vl-search__input').first().fill('veth');
    await expect.poll(() => page.locator('[data-search-results] li').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // The theme toggle and terminal styles (xterm's runtime <style>) are covered by style-src.
    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The policy is enforced and the listener hears it: an injected inline script is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
    });
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  it('lets the classroom pages run with no violation', async () => {
    for (const path of ['/teach/sign-up/', '/join/', '/en/join/me/']) {
      const { page, violations, consoleErrors } = await openRecording(path);
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await violations(), consoleErrors }).toEqual({ path, violations: [], consoleErrors: [] });
      await page.close();
    }
  });
});
