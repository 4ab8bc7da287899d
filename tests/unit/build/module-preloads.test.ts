/** The post-build page rewrite (src/build/module-preloads.ts): preloads for static imports, the early scripts async. */
import { describe, expect, it } from 'vitest';
import { rewritePage } from '../../../src/build/module-preloads.ts';

const CHUNKS: Record<string, string> = {
  '/_astro/Terminal.astro_astro_type_script_index_0_lang.Ab1.js': 'import{a as e}from"./site.X1.js";import("./terminal-pane.Y2.js");e();',
  '/_astro/Exercise.astro_astro_type_script_index_0_lang.C3.js': 'import{b as t}from"./site.X1.js";import"./strings.Z3.js";t();',
  '/_astro/site.X1.js': 'export*from"./deep.W4.js";const a=1;export{a};',
  '/_astro/strings.Z3.js': 'export const s=1;',
  '/_astro/deep.W4.js': 'export const d=1;',
};

const page = (scripts: string[]) => `<html><head><title>t</title></head><body>${scripts.map((s) => `<script type="module" src="${s}"></script>`).join('')}</body></html>`;

describe('module preloads', () => {
  it('preloads every static import once, not dynamic ones, and makes only the terminal script async', async () => {
    const html = page(['/_astro/Terminal.astro_astro_type_script_index_0_lang.Ab1.js', '/_astro/Exercise.astro_astro_type_script_index_0_lang.C3.js']);
    const out = await rewritePage(html, async (url) => CHUNKS[url]);
    expect(out.early).toBe(1);
    expect(out.html).toContain('<script type="module" async src="/_astro/Terminal.astro_astro_type_script_index_0_lang.Ab1.js"></script>');
    expect(out.html).toContain('<script type="module" src="/_astro/Exercise.astro_astro_type_script_index_0_lang.C3.js"></script>');
    const preloads = [...out.html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(preloads).toEqual(['/_astro/site.X1.js', '/_astro/deep.W4.js', '/_astro/strings.Z3.js']);
    expect(out.html.indexOf('modulepreload')).toBeLessThan(out.html.indexOf('</head>'));
    expect(out.html).not.toContain('terminal-pane');
  });

  it('leaves a page without module scripts as it was', async () => {
    const html = '<html><head></head><body><p>hi</p></body></html>';
    expect((await rewritePage(html, async () => undefined)).html).toBe(html);
  });
});
