// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import expressiveCode from 'astro-expressive-code';
import { sandboxWebSocket } from './src/server/astro-integration.ts';

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: true },
  i18n: {
    locales: ['zh', 'en'],
    defaultLocale: 'zh',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    expressiveCode({
      themes: ['github-light', 'github-dark'],
      themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
      useDarkModeMediaQuery: false,
    }),
    mdx(),
    sandboxWebSocket(),
  ],
});
