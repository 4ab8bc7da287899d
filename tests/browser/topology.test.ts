/**
 * The topology panel under the lesson terminal: it follows the sandbox after commands, "What
 * happened?" explains and highlights the last packet's path, and the drawing of 12 containers on 4
 * networks has no overlapping nodes in either theme (screenshots in test-results/topology-*.png).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/sandbox/topology/state.ts';
import { REPO_ROOT, openConnectedLesson, runTyped, useServerAndBrowser } from './harness.ts';

const LESSON = '/en/lessons/1-1-veth-and-docker0/';

const run = useServerAndBrowser();

async function openLesson(): Promise<Page> {
  const page = await openConnectedLesson(run, LESSON);
  await page.waitForFunction(() => document.querySelector('vl-topology')?.dataset.ready === 'true');
  return page;
}

/** Wait until the panel's state satisfies `test` (checked here: the page's CSP forbids eval). */
async function waitForPanel(page: Page, test: (s: SandboxState) => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = await page.evaluate(() => document.querySelector('vl-topology')?.state);
    if (s && test(s)) return;
    if (Date.now() > deadline) throw new Error(`the panel never matched; it has ${JSON.stringify(s?.lastPath ?? s?.hosts)}`);
    await page.waitForTimeout(100);
  }
}

async function explanation(page: Page): Promise<string> {
  await page.locator('vl-topology [data-topology-action="explain"]').click();
  await page.waitForFunction(() => !document.querySelector<HTMLElement>('vl-topology [data-topology-path]')!.hidden);
  return page.locator('vl-topology [data-topology-path]').innerText();
}

describe('topology panel', () => {
  it('updates after docker run and docker network connect', async () => {
    const page = await openLesson();
    await expect(page.locator('vl-topology svg[role="img"] title').first().textContent()).resolves.toBeTruthy();
    await runTyped(page, 'docker run -dit --name b1 busybox');
    await page.waitForSelector('vl-topology svg g[data-title="b1"]');
    const edgesOf = () =>
      page.evaluate(() => {
        const s = document.querySelector('vl-topology')!.state!;
        const ns = s.hosts[0]!.namespaces.find((n) => n.containers[0]?.name === 'b1')!;
        return document.querySelectorAll(`vl-topology polyline[data-id^="${CSS.escape(ns.id)}#"]`).length;
      });
    expect(await edgesOf()).toBe(1);
    await runTyped(page, 'docker network create n1');
    await runTyped(page, 'docker network connect n1 b1');
    await waitForPanel(page, (s) => s.hosts[0]!.namespaces.some((n) => n.containers[0]?.name === 'b1' && n.interfaces.some((i) => i.name === 'eth1')));
    await page.waitForFunction(() => document.querySelectorAll('vl-topology .vl-topo__lane').length === 2);
    expect(await edgesOf()).toBe(2);
    // The text alternative has the same graph.
    await expect(page.locator('vl-topology [data-topology-list]').textContent()).resolves.toContain('Container namespace of b1');
  });

  it('highlights the path of a ping, names the DNAT rule of a wget and the DROP rule of a blocked ping', async () => {
    const page = await openLesson();
    await runTyped(page, 'docker run -dit --name b1 busybox');
    await runTyped(page, 'docker run -dit --name b2 busybox');
    await runTyped(page, 'docker exec b1 ping -c 1 172.17.0.3');
    await waitForPanel(page, (s) => !!s.lastPath?.summary.includes('172.17.0.3'));
    const ping = await explanation(page);
    expect(ping).toContain('ICMP echo 172.17.0.2 → 172.17.0.3');
    expect(ping).toContain('bridge docker0 forwards');
    const highlighted = await page.locator('vl-topology svg .is-path').count();
    expect(highlighted).toBeGreaterThanOrEqual(5);
    for (const name of ['b1', 'b2']) await expect(page.locator(`vl-topology svg g.is-path[data-title="${name}"]`).count()).resolves.toBe(1);

    await runTyped(page, 'docker run -d -p 1234:80 nginx');
    await runTyped(page, 'wget -qO- 127.0.0.1:1234');
    await waitForPanel(page, (s) => !!s.lastPath?.summary.includes(':1234'));
    const wget = await page.locator('vl-topology [data-topology-path]').innerText();
    expect(wget).toMatch(/-A DOCKER ! -i docker0 -p tcp -m tcp --dport 1234 -j DNAT --to-destination 172\.17\.0\.4:80/);
    const explained = await runTyped(page, 'explain');
    expect(explained).toMatch(/DNAT --to-destination 172\.17\.0\.4:80/);

    await runTyped(page, 'iptables -I DOCKER-USER -j DROP');
    await runTyped(page, 'docker exec b1 ping -c 1 -W 1 172.17.0.3');
    await waitForPanel(page, (s) => s.lastPath?.outcome === 'dropped');
    const drop = await page.locator('vl-topology [data-topology-path]').innerText();
    expect(drop).toContain('dropped by filter DOCKER-USER: -A DOCKER-USER -j DROP');
  });

  it('draws 12 containers on 4 networks without overlapping nodes, in both themes', async () => {
    const page = await openLesson();
    await runTyped(page, 'docker network create n1; docker network create n2; docker network create n3');
    const nets = ['bridge', 'n1', 'n2', 'n3'];
    const runs = Array.from({ length: 12 }, (_, i) => `docker run -dit --name c${i} --network ${nets[i % 4]} busybox >/dev/null`);
    await runTyped(page, runs.slice(0, 6).join('; '));
    await runTyped(page, runs.slice(6).join('; '));
    await page.waitForFunction(() => document.querySelectorAll('vl-topology .vl-topo__box--namespace').length === 12, null, { timeout: 20_000 });
    mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const panel = page.locator('vl-topology');
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${REPO_ROOT}test-results/topology-${theme}.png` });
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('vl-topology .vl-topo__box-rect, vl-topology .vl-topo__lane-bar')].map((el) => {
          const r = el.getBoundingClientRect();
          return { id: el.parentElement!.dataset.id!, x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
      expect(boxes.length).toBe(1 + 12 + 4);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
          expect(overlap, `${theme}: ${a.id} overlaps ${b.id}`).toBe(false);
        }
      }
      // Text is readable: box titles are not the background colour.
      const colours = await page.evaluate(() => {
        const title = document.querySelector('vl-topology .vl-topo__box-title')!;
        const bg = document.querySelector('vl-topology .vl-topo__drawing')!;
        return [getComputedStyle(title).fill, getComputedStyle(bg).backgroundColor];
      });
      expect(colours[0]).not.toBe(colours[1]);
    }
  });
});
