// @ts-check
// Expressive Code options, in their own file because the <Code> component (used by
// src/components/Command.astro) cannot read non-JSON options such as functions from astro.config.mjs.
import { defineEcConfig, pluginFramesTexts } from 'astro-expressive-code';
import { pluginFocusableBeforeDrawn } from './src/content/code-blocks/focusable-before-drawn.mjs';
import { pluginLeanTokens } from './src/content/code-blocks/lean-tokens.mjs';
import { pluginLineCount } from './src/content/code-blocks/line-count.mjs';

pluginFramesTexts.addLocale('zh-CN', {
  terminalWindowFallbackTitle: '终端窗口',
  copyButtonTooltip: '复制到剪贴板',
  copyButtonCopied: '已复制！',
});

export default defineEcConfig({
  themes: ['github-light', 'github-dark'],
  // The site's theme toggle sets <html data-theme>; without it (no JS) follow the system.
  themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
  useDarkModeMediaQuery: true,
  // Fewer elements per line; for blocks drawn only near the viewport, their height and focusability before they are drawn (load cost, issue #16).
  plugins: [pluginLeanTokens(), pluginLineCount(), pluginFocusableBeforeDrawn()],
  // Localise the copy button of plain code blocks: English pages live under /en/ (URL or content folder).
  getBlockLocale: ({ file }) => (/\/en\//.test(file.url?.pathname ?? file.path ?? '') ? 'en' : 'zh-CN'),
  styleOverrides: {
    borderRadius: '0.5rem',
    borderColor: 'var(--vl-color-border)',
    codeFontFamily: 'var(--vl-font-mono)',
    codeFontSize: '0.8125rem',
    codeLineHeight: '1.6',
    uiFontFamily: 'var(--vl-font-sans)',
    frames: { shadowColor: 'transparent' },
  },
});
