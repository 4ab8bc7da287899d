// @ts-check
/**
 * An Expressive Code plugin that renders fewer elements per code line. Shiki gives every token its
 * own <span>, the blanks between words included, and each span costs the browser a style
 * recalculation (Expressive Code's reset gives every element in a block `all: revert`) and a
 * layout object while the lesson loads. A blank's colour is invisible (the GitHub themes colour no
 * token's background or underline), so blanks join the token before them, and neighbouring tokens of
 * the same colour become one span. The text, and so find-in-page and copying, stay the same.
 */

/** @typedef {import('hast').Element} Element */
/** @typedef {import('hast').ElementContent} ElementContent */

/** Expressive Code's plugin object for `plugins: [...]` in ec.config.mjs. */
export function pluginLeanTokens() {
  return {
    name: 'vethlab-lean-tokens',
    hooks: {
      /** @param {{ renderData: { lineAst: Element } }} context */
      postprocessRenderedLine: ({ renderData }) => {
        for (const code of renderData.lineAst.children) {
          if (code.type === 'element') code.children = mergeTokens(code.children);
        }
      },
    },
  };
}

/**
 * The children of one line's code element with blank tokens folded into a neighbouring token and
 * runs of equally coloured tokens joined. Anything that is not a plain token (a text marker, a
 * link) is kept as it is and ends the run.
 * @param {ElementContent[]} children
 * @returns {ElementContent[]}
 */
export function mergeTokens(children) {
  /** @type {ElementContent[]} */
  const merged = [];
  for (const child of children) {
    const previous = merged.at(-1);
    const text = tokenText(child);
    const previousText = previous === undefined ? undefined : tokenText(previous);
    if (previous?.type === 'element' && child.type === 'element' && previousText !== undefined && text !== undefined) {
      // A leading blank takes the colour of the token after it; any other blank that of the token before.
      if (previousText.trim() === '') previous.properties.style = child.properties.style;
      if (previousText.trim() === '' || text.trim() === '' || previous.properties.style === child.properties.style) {
        previous.children = [{ type: 'text', value: previousText + text }];
        continue;
      }
    }
    merged.push(child);
  }
  return merged;
}

/**
 * The text of a plain token: a <span> whose only attribute is its colours and whose only child is
 * text. Undefined for anything else.
 * @param {ElementContent} node
 * @returns {string | undefined}
 */
function tokenText(node) {
  if (node.type !== 'element' || node.tagName !== 'span') return undefined;
  if (Object.keys(node.properties).some((name) => name !== 'style')) return undefined;
  const [only, ...rest] = node.children;
  return only?.type === 'text' && rest.length === 0 ? only.value : undefined;
}
