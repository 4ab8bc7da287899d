/**
 * Terminal colours for the site's light and dark themes (`data-theme` on <html>, else the system
 * preference), in the spirit of the GitHub themes Expressive Code uses for the command blocks. The
 * background comes from the component's CSS (--vl-terminal-bg), so placeholder and terminal match.
 */
import type { ITheme } from '@xterm/xterm';

export type PageTheme = 'light' | 'dark';

const DARK: ITheme = {
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  selectionBackground: '#264f78',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

const LIGHT: ITheme = {
  foreground: '#1f2328',
  cursor: '#1f2328',
  selectionBackground: '#b6d7ff',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#7d4e00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

/** The page's current theme: the `data-theme` attribute, else the system preference. */
export function pageTheme(): PageTheme {
  const attr = document.documentElement.dataset.theme;
  if (attr === 'light' || attr === 'dark') return attr;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The xterm theme for the terminal inside `host` under the current page theme. */
export function xtermTheme(host: Element): ITheme {
  const theme = pageTheme();
  const fallback = theme === 'dark' ? '#0d1117' : '#ffffff';
  const background = getComputedStyle(host).getPropertyValue('--vl-terminal-bg').trim() || fallback;
  return { ...(theme === 'dark' ? DARK : LIGHT), background, cursorAccent: background };
}

/** Call `onChange` when the page theme changes; returns a stop function. */
export function watchPageTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', onChange);
  };
}
