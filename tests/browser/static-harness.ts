/**
 * The static build (`npm run build:static` → dist-static/) served by a plain static file server,
 * written here on node:http: no server-side code of ours runs, as on GitHub Pages or an S3 bucket.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './harness.ts';

export const STATIC_ROOT = join(REPO_ROOT, 'dist-static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Build dist-static/ unless it is there already (`npm test` builds it before the browser tests). */
export function ensureStaticBuild(): void {
  if (existsSync(join(STATIC_ROOT, 'index.html')) && existsSync(join(STATIC_ROOT, 'pagefind', 'pagefind.js'))) return;
  const result = spawnSync('npm', ['run', 'build:static'], { cwd: REPO_ROOT, encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`npm run build:static failed:\n${result.stdout}\n${result.stderr}`);
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serve `root` on a free loopback port: files as they are, `dir/` → `dir/index.html`, else 404. */
export async function serveStatic(root = STATIC_ROOT): Promise<StaticServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Before any page script runs: note when the first <vl-terminal> comes within the terminal's
 * preload margin (the moment it starts loading) and when its first prompt appears. Read with
 * `promptTiming`.
 */
export const TIMING_SCRIPT = `(() => {
  const timing = (window.__vlTiming = { visibleAt: undefined, promptAt: undefined });
  const watch = () => {
    const terminal = document.querySelector('vl-terminal');
    if (!terminal) return void requestAnimationFrame(watch);
    new IntersectionObserver((entries, observer) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      timing.visibleAt = performance.now();
      observer.disconnect();
      const poll = () => {
        const text = typeof terminal.textContentForTests === 'function' ? terminal.textContentForTests() : '';
        if (/[#$] ?$/.test(text.split('\\n').at(-1) || '')) timing.promptAt = performance.now();
        else requestAnimationFrame(poll);
      };
      poll();
    }, { rootMargin: '200px' }).observe(terminal);
  };
  document.addEventListener('DOMContentLoaded', watch);
})();`;

/** Milliseconds from the terminal becoming visible to its first prompt (after TIMING_SCRIPT). */
export async function promptTiming(page: Page, timeoutMs = 30_000): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __vlTiming?: { promptAt?: number } }).__vlTiming?.promptAt !== undefined, null, {
    timeout: timeoutMs,
  });
  return page.evaluate(() => {
    const t = (window as unknown as { __vlTiming: { visibleAt: number; promptAt: number } }).__vlTiming;
    return Math.round(t.promptAt - t.visibleAt);
  });
}

/** The saved sandbox in the page's IndexedDB: the text the learner typed into it, in order. */
export function savedInput(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('vethlab-sandbox');
        open.onerror = () => resolve('');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sandboxes')) return resolve('');
          const get = db.transaction('sandboxes').objectStore('sandboxes').get('');
          get.onerror = () => resolve('');
          get.onsuccess = () => {
            const record = get.result as { events?: { k: string; d?: Uint8Array }[] } | undefined;
            const decoder = new TextDecoder();
            resolve((record?.events ?? []).map((e) => (e.k === 'in' && e.d ? decoder.decode(e.d) : '')).join(''));
            db.close();
          };
        };
      }),
  );
}
