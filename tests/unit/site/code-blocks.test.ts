/**
 * Lesson code blocks as Expressive Code renders them with our plugins (ec.config.mjs): fewer
 * elements for the same text, the line count for their height before they are drawn, and a block
 * that may scroll sideways focusable before Expressive Code's script has measured it.
 */
import { ExpressiveCode } from 'expressive-code';
import { toHtml } from 'expressive-code/hast';
import { describe, expect, it } from 'vitest';
import { columns, pluginFocusableBeforeDrawn } from '../../../src/content/code-blocks/focusable-before-drawn.mjs';
import { pluginLeanTokens } from '../../../src/content/code-blocks/lean-tokens.mjs';
import { pluginLineCount } from '../../../src/content/code-blocks/line-count.mjs';

async function render(code: string, options: { lean?: boolean; wrap?: boolean; language?: string } = {}): Promise<string> {
  const plugins = [pluginLineCount(), pluginFocusableBeforeDrawn(), ...(options.lean === false ? [] : [pluginLeanTokens()])];
  const ec = new ExpressiveCode({ plugins });
  const { renderedGroupAst } = await ec.render({ code, language: options.language ?? 'sh', props: { wrap: options.wrap ?? false } });
  return toHtml(renderedGroupAst);
}

/** The text a reader sees (and find-in-page searches): the markup without its tags. */
function textOf(html: string): string {
  return html.replace(/<div class="copy">.*?<\/button><\/div>/s, '').replace(/<[^>]+>/g, '');
}

const count = (html: string, tag: string) => html.split(`<${tag}`).length - 1;

describe('Expressive Code blocks in lessons', () => {
  const command = 'docker run -dit --name c1 ubuntu\n  docker network inspect bridge --format "{{json .IPAM}}"';

  it('render blanks and same-coloured neighbours without spans of their own, keeping the text', async () => {
    const lean = await render(command);
    const plain = await render(command, { lean: false });
    expect(textOf(lean)).toBe(textOf(plain));
    expect(count(lean, 'span')).toBeLessThan(count(plain, 'span') * 0.7);
    expect(lean).not.toMatch(/<span style="[^"]*">\s+<\/span>/);
  });

  it('write their line count on the block for its height before it is drawn', async () => {
    expect(await render(command)).toContain('--vl-code-lines:2');
  });

  it('are focusable from the start when a line may not fit a phone, and never when they wrap', async () => {
    const wide = 'CONTAINER ID   IMAGE     COMMAND       CREATED         STATUS';
    expect(await render(wide, { language: 'text' })).toMatch(/<pre[^>]*tabindex="0"[^>]*role="region"/);
    expect(await render('ip -br addr', { language: 'text' })).not.toContain('tabindex');
    expect(await render(wide, { language: 'text', wrap: true })).not.toContain('tabindex');
  });

  it('count a Chinese character as two columns', () => {
    expect(columns('docker0 网桥')).toBe(12);
  });
});
