// @ts-check
/**
 * An Expressive Code plugin that makes a code block focusable from the start when its longest line
 * may not fit the narrowest screen. Expressive Code's script gives a block that scrolls sideways
 * `tabindex="0"` (so keyboard users can scroll it: WCAG 2.1.1, axe's scrollable-region-focusable),
 * and takes it away from a block that does not, but only once the block has been laid out; lesson
 * code blocks below the fold are not laid out until they come near the viewport
 * (`content-visibility: auto` in global.css). Until then a block that may scroll is focusable.
 * Blocks that wrap their lines never scroll.
 */

/** @typedef {import('hast').Element} Element */
/** @typedef {import('hast').ElementContent} ElementContent */

/**
 * Columns of code that fit a 360-px screen (the narrowest the course supports) in a note or an
 * exercise: about 280 px for the code at 0.8125rem of a monospace font whose advance is 0.6em.
 */
export const COLUMNS_ON_THE_NARROWEST_SCREEN = 30;

/** Characters a monospace font draws two columns wide (CJK ideographs, kana, Hangul, full-width forms). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6]/u;

/** Expressive Code's plugin object for `plugins: [...]` in ec.config.mjs. */
export function pluginFocusableBeforeDrawn() {
  return {
    name: 'vethlab-focusable-before-drawn',
    hooks: {
      /** @param {{ codeBlock: { getLines(): readonly { text: string }[] }, renderData: { blockAst: Element } }} context */
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const pre = findPre(renderData.blockAst);
        if (pre === undefined || classesOf(pre).includes('wrap')) return;
        const widest = Math.max(0, ...codeBlock.getLines().map((line) => columns(line.text)));
        if (widest <= COLUMNS_ON_THE_NARROWEST_SCREEN) return;
        // The same attributes Expressive Code's script sets on a block that scrolls.
        pre.properties.tabIndex = 0;
        pre.properties.role = 'region';
      },
    },
  };
}

/**
 * Columns `text` takes in a monospace font.
 * @param {string} text
 */
export function columns(text) {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/**
 * @param {Element} element
 * @returns {Element | undefined}
 */
function findPre(element) {
  if (element.tagName === 'pre') return element;
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    const found = findPre(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** @param {Element} element */
function classesOf(element) {
  const { className } = element.properties;
  return Array.isArray(className) ? className.map(String) : String(className ?? '').split(' ');
}
