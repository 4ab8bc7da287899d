/**
 * One node's live terminal: an xterm.js instance in a panel, wired to a SandboxClient. This module
 * is the lazily loaded part of <vl-terminal>: importing it pulls in xterm, its addons and its CSS.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import { escapeThenTab } from './focus-escape.ts';
import { FlowWriter } from './flow-writer.ts';
import { COMMAND_IDLE_MS } from './events.ts';
import type { ErrorMessage, ExecOutcome, ExitMessage, SandboxClient } from './sandbox-client.ts';
import type { EarlyConnection } from './early-connection.ts';
import { fallbackOffer } from './fallback.ts';
import type { TerminalStrings } from './strings.ts';
import { watchPageTheme, xtermTheme } from './xterm-theme.ts';
import { useUnicode11 } from './unicode11-widths.ts';

/** Monospace first, then CJK fonts so Chinese output keeps to the grid as well as it can. */
const CJK_FALLBACK = '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "PingFang SC", "Microsoft YaHei", monospace';
const DEFAULT_FONT = `"JetBrains Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", ${CJK_FALLBACK}`;
/** Ctrl-E then Ctrl-U: go to the end of the line and kill it all, whatever the learner had half typed. */
const KILL_LINE = '\x05\x15';

export interface TerminalPaneOptions {
  node: string;
  /**
   * The node's connection, opened by <vl-terminal> before this module arrived
   * (early-connection.ts): the pane attaches to it and gets what it received so far.
   */
  connection: EarlyConnection;
  strings: TerminalStrings;
  /** After Enter (typed or sent by `run`), once the output has been quiet for COMMAND_IDLE_MS. */
  onCommandFinished?(): void;
  /** Terminal input (the idle limit starts over; output is counted by the connection). */
  onActivity?(): void;
  /** Rewrites what the learner types before it is sent (the key bar's one-shot Ctrl). */
  transformInput?(data: string): string;
}

/** A live terminal for one node. */
export interface TerminalPane {
  readonly node: string;
  readonly client: SandboxClient;
  /** The terminal's width in character cells now. */
  readonly columns: number;
  /** Resolves once attached to the sandbox. */
  whenReady(): Promise<void>;
  /** Type `command` at the prompt (replacing any half-typed line) and press Enter. */
  run(command: string): Promise<void>;
  exec(command: string): Promise<ExecOutcome>;
  /** Send keys to the shell as if typed (the on-screen key bar). */
  send(keys: string): void;
  /** Recompute rows and columns from the panel size (after it became visible or resized). */
  fit(): void;
  focus(): void;
  /** The active buffer as text: one line per logical line (wrapped rows joined), trailing blank lines dropped. */
  text(): string;
  dispose(): void;
}

/** Open a terminal for `options.node` inside `panel` and connect it. */
export function createTerminalPane(panel: HTMLElement, options: TerminalPaneOptions): TerminalPane {
  const term = new Terminal({
    screenReaderMode: true,
    scrollback: 2000,
    fontFamily: fontFamily(panel),
    fontSize: 14,
    cursorBlink: true,
    theme: xtermTheme(panel),
    // Only http(s) links open; other schemes in terminal output could be an XSS vector.
    linkHandler: { activate: (_event, uri) => openWebLink(uri) },
    // term.unicode (Unicode 11 widths below) is still a proposed API in xterm 6.
    allowProposedApi: true,
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(new WebLinksAddon((_event, uri) => openWebLink(uri)));
  // Emoji and CJK take two cells, as the line editor counts them (the same table: unicode11-widths.ts).
  useUnicode11(term);
  term.attachCustomKeyEventHandler(escapeThenTab());
  term.open(panel);
  if (term.textarea) {
    // Mobile keyboards must not "fix" shell commands.
    term.textarea.setAttribute('autocorrect', 'off');
    term.textarea.setAttribute('autocapitalize', 'off');
    term.textarea.setAttribute('spellcheck', 'false');
  }
  safeFit(fitAddon, panel);

  const writer = new FlowWriter((data, parsed) => term.write(data, parsed));
  // "A command finished": Enter was pressed, then the output went quiet (the prompt is back).
  let commandRunning = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (!commandRunning) return;
      commandRunning = false;
      options.onCommandFinished?.();
    }, COMMAND_IDLE_MS);
  };
  const entered = (data: string) => {
    if (!data.includes('\r')) return;
    commandRunning = true;
    armIdle();
  };
  const { client } = options.connection;
  const fallback = fallbackOffer(panel, () => client);
  options.connection.attach(
    {
      onOutput: (bytes) => {
        writer.push(bytes);
        if (commandRunning) armIdle();
      },
      // The sandbox replays the node's screen next; start from a blank terminal so it is not doubled.
      onReady: () => {
        writer.discard();
        writer.afterParsed(() => term.reset());
      },
      onNotice: (notice) => writer.push(new TextEncoder().encode(noticeLine(notice, options.strings))),
      onRestarted: () => writer.push(new TextEncoder().encode(`\x1b[2m[${options.strings.restartedLine}]\x1b[0m\r\n`)),
      // Written straight to the screen: the writer's queue is discarded at the next `ready`.
      onInputRefused: () => term.write(`\r\n\x1b[2m[${options.strings.inputRefusedLine}]\x1b[0m\r\n`),
      onFallbackOffer: (reason) => fallback.offer(reason),
    },
    () => ({ cols: term.cols, rows: term.rows }),
  );
  // Fitted before attaching: the sandbox was told the size the connection guessed (SIZE_BEFORE_PANE).
  client.resize(term.cols, term.rows);

  const disposables = [
    term.onData((typed) => {
      const data = options.transformInput ? options.transformInput(typed) : typed;
      options.onActivity?.();
      client.input(data);
      entered(data);
    }),
    term.onBinary((data) => client.input(Uint8Array.from(data, (c) => c.charCodeAt(0)))),
    term.onResize(({ cols, rows }) => client.resize(cols, rows)),
  ];
  let frame = 0;
  const resizeObserver = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => safeFit(fitAddon, panel));
  });
  resizeObserver.observe(panel);
  const stopWatchingTheme = watchPageTheme(() => {
    term.options.theme = xtermTheme(panel);
  });

  return {
    node: options.node,
    client,
    get columns() {
      return term.cols;
    },
    whenReady: () => client.whenReady(),
    async run(command) {
      await client.whenReady();
      term.scrollToBottom();
      const keys = KILL_LINE + command.replace(/\r?\n/g, '\r') + '\r';
      client.input(keys);
      entered(keys);
      term.focus();
    },
    exec: (command) => client.exec(command, options.node),
    send(keys) {
      client.input(keys);
      entered(keys);
    },
    fit: () => safeFit(fitAddon, panel),
    focus: () => term.focus(),
    text() {
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        // A row that continues on the next one keeps its trailing spaces: they are part of the line.
        const text = line?.translateToString(!buffer.getLine(i + 1)?.isWrapped) ?? '';
        if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines.join('\n');
    },
    dispose() {
      cancelAnimationFrame(frame);
      clearTimeout(idleTimer);
      resizeObserver.disconnect();
      stopWatchingTheme();
      for (const d of disposables) d.dispose();
      client.dispose();
      fallback.dispose();
      term.dispose();
    },
  };
}

/** The site's monospace stack (--vl-font-mono) with CJK fallbacks behind it. */
function fontFamily(host: Element): string {
  const site = getComputedStyle(host).getPropertyValue('--vl-font-mono').trim();
  return site ? `${site.replace(/,?\s*monospace\s*$/, '')}, ${CJK_FALLBACK}` : DEFAULT_FONT;
}

/** Fit only a panel that is laid out; a hidden tab has no size and would collapse to 1×1. */
function safeFit(fitAddon: FitAddon, panel: HTMLElement): void {
  if (panel.clientWidth === 0 || panel.clientHeight === 0) return;
  try {
    fitAddon.fit();
  } catch {
    // The renderer is not ready yet; the next ResizeObserver round fits.
  }
}

function openWebLink(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  window.open(url.href, '_blank', 'noopener,noreferrer');
}

/** A dim line in the terminal explaining why the sandbox went away. */
function noticeLine(notice: ExitMessage | ErrorMessage, strings: TerminalStrings): string {
  let text: string;
  if (notice.type === 'exit') {
    // A restart reconnects by itself and a reset brings its own fresh screen.
    if (notice.reason !== 'expired' && notice.reason !== 'closed') return '';
    text = strings.expiredLine;
  } else if (notice.code === 'capacity') {
    text = strings.busyLine;
  } else if (notice.code === 'unavailable') {
    text = strings.unavailableLine;
  } else if (notice.code === 'rate-limited') {
    text = strings.rateLimitedLine;
  } else {
    text = `${strings.errorLine}: ${notice.message}`;
  }
  return `\r\n\x1b[2m[${text}]\x1b[0m\r\n`;
}
