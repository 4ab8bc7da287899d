/**
 * On a 1366×768 and a 1600×900 screen the terminal beside the text is at least 80 columns wide
 * (`docker ps` and `ps aux` do not wrap), and the text beside it keeps a readable width.
 */
import { expect, it } from 'vitest';
import { useServerAndBrowser, waitForConnected } from './harness.ts';

const suite = useServerAndBrowser();

const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
];

for (const [path, viewport] of SCREENS.flatMap((screen) => ['/lessons/1-1-veth-and-docker0/', '/en/lessons/4-4-across-nodes/'].map((p) => [p, screen] as const))) {
  it(`${path}: 80 columns beside the text at ${viewport.width}×${viewport.height}`, async () => {
    const context = await suite.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(path);
    await waitForConnected(page);
    await expect.poll(() => page.evaluate(() => document.querySelector('vl-terminal')!.columns)).toBeGreaterThanOrEqual(80);
    const text = await page.locator('.vl-lesson__body').boundingBox();
    const terminal = await page.locator('vl-terminal').boundingBox();
    // Side by side, and the text column is not squeezed below ~30em.
    expect(text!.x + text!.width).toBeLessThanOrEqual(terminal!.x);
    expect(text!.width).toBeGreaterThanOrEqual(480);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).resolves.toBe(true);
  });
}
