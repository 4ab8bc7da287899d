/**
 * The Chinese course answers in Chinese where it matters: on a zh lesson, `explain`, `help`, the
 * topology panel's labels and "What happened?" are Chinese; real tools (docker, ping) print what
 * the real ones print. The English lesson keeps English.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConnectedLesson, runTyped, terminalText, useServerAndBrowser } from './harness.ts';

const run = useServerAndBrowser();

function openLesson(path: string): Promise<Page> {
  return openConnectedLesson(run, path);
}

async function pingAndExplain(page: Page): Promise<string> {
  await runTyped(page, 'docker run -dit --name b1 busybox');
  await runTyped(page, 'docker run -dit --name b2 busybox');
  const ping = await runTyped(page, 'docker exec b1 ping -c 1 172.17.0.3');
  expect(ping).toContain('1 packets transmitted, 1 packets received');
  return runTyped(page, 'explain');
}

describe('our own tools speak the lesson language', () => {
  it('a zh lesson: explain, help and the topology panel are Chinese', async () => {
    const page = await openLesson('/lessons/1-1-veth-and-docker0/');
    const explained = await pingAndExplain(page);
    expect(explained).toContain('最近一个数据包：ICMP echo 172.17.0.2 → 172.17.0.3');
    expect(explained).toContain('结果：收到了应答');
    expect(explained).not.toContain('The last packet');
    await runTyped(page, 'help');
    // (outputOf would cut at the footer's own `help`: read the whole screen.)
    const screen = await terminalText(page);
    expect(screen).toContain('这个沙盒里模拟的 shell');
    expect(screen).toContain('这里安装的程序');
    // The panel: its labels, and "What happened?" with the path in Chinese.
    await page.waitForFunction(() => document.querySelector('vl-topology')?.state?.lastPath?.summary.includes('172.17.0.3'));
    await expect(page.locator('vl-topology svg').first().textContent()).resolves.toContain('主机的网络命名空间');
    await page.locator('vl-topology [data-topology-action="explain"]').click();
    const path = await page.locator('vl-topology [data-topology-path]').innerText();
    expect(path).toContain('收到了应答');
    expect(path).toMatch(/网桥 docker0 把帧从 veth/);
    expect(path).not.toMatch(/forwards|answered/);
  });

  it('an en lesson keeps English', async () => {
    const page = await openLesson('/en/lessons/1-1-veth-and-docker0/');
    const explained = await pingAndExplain(page);
    expect(explained).toContain('The last packet: ICMP echo 172.17.0.2 → 172.17.0.3 from container b1');
    await expect(page.locator('vl-topology svg').first().textContent()).resolves.toContain('host network namespace');
  });
});
