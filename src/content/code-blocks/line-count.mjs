// @ts-check
/**
 * An Expressive Code plugin that writes each block's number of lines on its wrapper as
 * `--vl-code-lines`. Lesson code blocks are not laid out until they come near the viewport
 * (`content-visibility: auto` in global.css); until then they take the height this count predicts,
 * so the page below them does not move when they are drawn.
 */

/** @typedef {import('hast').Element} Element */

/** Expressive Code's plugin object for `plugins: [...]` in ec.config.mjs. */
export function pluginLineCount() {
  return {
    name: 'vethlab-line-count',
    hooks: {
      /** @param {{ renderedGroupContents: readonly { codeBlock: { getLines(): readonly unknown[] } }[], renderData: { groupAst: Element } }} context */
      postprocessRenderedBlockGroup: ({ renderedGroupContents, renderData }) => {
        const lines = renderedGroupContents.reduce((all, { codeBlock }) => all + codeBlock.getLines().length, 0);
        const { properties } = renderData.groupAst;
        const style = typeof properties.style === 'string' && properties.style !== '' ? `${properties.style};` : '';
        properties.style = `${style}--vl-code-lines:${lines}`;
      },
    },
  };
}
