/**
 * <vl-terminal>: the lesson terminal. Up front it is only the server-rendered placeholder and this
 * small script (async: it runs while the page is still parsed, see src/build/module-preloads.ts).
 * The terminal starts at once where it is in view from the start (beside the text, from 60rem),
 * elsewhere when it comes near the viewport, when a Run button is pressed, or when a check calls
 * `exec`. Starting connects to the sandbox (early-connection.ts) and loads xterm.js
 * (terminal-pane.ts) at the same time; the panes take the connections over once it has arrived. One tab and one connection per sandbox node,
 * and "+" opens further tabs on the shown node (node1/2 …), each its own shell in the same sandbox.
 * Panes, statuses and tabs are keyed by terminal name (src/sandbox/terminal-name.ts): a node's
 * name is its first terminal, which Run buttons and checks use.
 */
import { copyText } from '../copy-text.ts';
import { RUN_EVENT, type RunDetail } from '../run-command.ts';
import { COMMAND_FINISHED_EVENT, SANDBOX_RESET_EVENT, SANDBOX_STATE_EVENT, TERMINAL_STATUS_EVENT, type CommandFinishedDetail, type TerminalStatusDetail } from './events.ts';
import { PortsControl } from './ports-control.ts';
import { openEarly, type EarlyConnection } from './early-connection.ts';
import { terminalSocketUrl } from './socket-url.ts';
import { currentTransport } from './sandbox-mode.ts';
import type { SandboxState } from '../../sandbox/topology/state.ts';
import type { CheckOutcome, ExecOutcome } from './sandbox-client.ts';
import { KEY_SEQUENCES, withControl } from './key-bar.ts';
import { prewarmSandbox } from './sandbox-mode.ts';
import { registerLab } from './worker-transport.ts';
import { labOf } from '../../sandbox/profiles/lab-profile.ts';
import type { SetupStep } from '../../sandbox/setup.ts';
import { SessionTimer } from './session-timer.ts';
import type { TerminalStatus, TerminalStrings } from './strings.ts';
import type { TerminalPane } from './terminal-pane.ts';
import { ignoreError } from '../../errors/ignore-error.ts';
import { macrotask } from '../../sandbox/worker/logical-clock.ts';
import { MAX_TERMINALS_PER_NODE, parseTerminalName, terminalName } from '../../sandbox/terminal-name.ts';

type CreatePane = typeof import('./terminal-pane.ts').createTerminalPane;

/** Start loading this far before the terminal scrolls into view. */
const PRELOAD_MARGIN = '200px';
/** From this width the terminal sits beside the text and is in view from the start (global.css, .vl-lesson). */
const DOCKED_BESIDE_TEXT = '(min-width: 60rem)';
const FEEDBACK_MS = 2500;

/** The lesson terminal element; see the module comment. */
export class VlTerminal extends HTMLElement {
  #strings!: TerminalStrings;
  #nodes: [string, ...string[]] = ['node1'];
  #active = '';
  #panes = new Map<string, TerminalPane>();
  /** Each terminal's connection, opened before its pane exists (keyed like the panes). */
  #connections = new Map<string, EarlyConnection>();
  #statuses = new Map<string, TerminalStatus>();
  /** Instructors watching, per node's connection (protocol `watchers`). */
  #watchers = new Map<string, number>();
  #loading: Promise<void> | undefined;
  #observer: IntersectionObserver | undefined;
  #feedbackTimer: number | undefined;
  /** The key bar's Ctrl was pressed: the next key typed goes with Ctrl. */
  #ctrlArmed = false;
  #timer: SessionTimer | undefined;
  /** Loaded on first use: builds the panes of the "+" tabs too. */
  #createPane: CreatePane | undefined;
  /** The published ports of the sandbox, opened as pages (ports-control.ts). */
  #ports: PortsControl | undefined;

  connectedCallback(): void {
    this.#strings = JSON.parse(this.dataset.strings ?? '{}') as TerminalStrings;
    this.#nodes = parseNodes(this.dataset.nodes);
    const timerLabel = this.querySelector<HTMLElement>('[data-terminal-timer]');
    if (timerLabel) this.#timer = new SessionTimer(timerLabel, this.#strings);
    this.#active = this.#nodes[0];
    if (this.querySelector('[data-terminal-ports]')) {
      this.#ports = new PortsControl(this, this.#strings, {
        current: () => {
          const client = this.#panes.get(this.#nodes[0])?.client;
          const session = client?.sessionId;
          if (!client || session === undefined) return undefined;
          return client.transport === 'websocket' ? { transport: 'websocket', session } : { transport: 'worker' };
        },
        openPort: (node, port) => this.#pane(this.#target(node)).client.openPort(node, port),
      });
    }
    this.addEventListener(SANDBOX_STATE_EVENT, this.#onState as EventListener);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('focus', this.#onFocus);
    this.querySelector('[role="tablist"]')?.addEventListener('keydown', this.#onTabKey as EventListener);
    // Pressing a bar key must not take focus from the terminal (a phone would close its keyboard).
    this.querySelector('.vl-terminal__keys')?.addEventListener('pointerdown', preventFocusChange);
    document.addEventListener(RUN_EVENT, this.#onRun);
    // In view from the start: no reason to wait for a layout to tell the observer so.
    if (window.matchMedia(DOCKED_BESIDE_TEXT).matches) {
      void this.load();
    } else if ('IntersectionObserver' in window) {
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) void this.load();
        },
        { rootMargin: PRELOAD_MARGIN },
      );
      this.#observer.observe(this);
    } else {
      void this.load();
    }
  }

  disconnectedCallback(): void {
    this.removeEventListener(SANDBOX_STATE_EVENT, this.#onState as EventListener);
    this.removeEventListener('click', this.#onClick);
    this.removeEventListener('focus', this.#onFocus);
    this.querySelector('[role="tablist"]')?.removeEventListener('keydown', this.#onTabKey as EventListener);
    this.querySelector('.vl-terminal__keys')?.removeEventListener('pointerdown', preventFocusChange);
    document.removeEventListener(RUN_EVENT, this.#onRun);
    this.#observer?.disconnect();
    window.clearTimeout(this.#feedbackTimer);
    this.#timer?.dispose();
    for (const pane of this.#panes.values()) pane.dispose();
    this.#panes.clear();
    for (const connection of this.#connections.values()) connection.client.dispose();
    this.#connections.clear();
    this.#loading = undefined;
  }

  /** The sandbox nodes this terminal shows, one tab each. */
  get nodes(): readonly string[] {
    return this.#nodes;
  }

  /** Load xterm.js and connect every node's terminal; resolves when the panes exist. Idempotent. */
  load(): Promise<void> {
    this.#loading ??= this.#createPanes().catch((error: unknown) => {
      // A failed chunk download (offline) may succeed on the next attempt.
      this.#loading = undefined;
      this.#setStatus(this.#active, 'error');
      throw error;
    });
    return this.#loading;
  }

  /** Type `command` into `node`'s terminal (default: the lesson's first node) and press Enter. */
  async run(command: string, node?: string): Promise<void> {
    const target = this.#target(node);
    this.#select(target);
    this.#setCollapsed(false);
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
    await this.load();
    await this.#pane(target).run(command);
  }

  /** Run a hidden command (exercise checks) and get its exit status and output. */
  async exec(command: string, node?: string): Promise<ExecOutcome> {
    await this.load();
    return this.#pane(this.#target(node)).exec(command);
  }

  /**
   * Have the server run and record an exercise's checks in `node`'s sandbox (default: the first);
   * undefined when this sandbox is not checked by a server (the in-browser simulator).
   */
  async check(lesson: string, exercise: string, node?: string): Promise<CheckOutcome | undefined> {
    await this.load();
    return this.#pane(this.#target(node)).client.check(lesson, exercise);
  }

  /** `node` when this terminal has it, else the lesson's first node. */
  #target(node: string | undefined): string {
    return node !== undefined && this.#nodes.includes(node) ? node : this.#nodes[0];
  }

  /** The pane of `node`, which load() creates for every node. */
  #pane(node: string): TerminalPane {
    const pane = this.#panes.get(node);
    if (!pane) throw new Error(`vl-terminal: no pane for node ${node}; load() first`);
    return pane;
  }

  /** Resolves when `node`'s terminal (default: the visible one) is connected. */
  async whenReady(node?: string): Promise<void> {
    await this.load();
    await this.#panes.get(node ?? this.#active)?.whenReady();
  }

  /** Columns of the visible terminal (0 before it loads). */
  get columns(): number {
    return this.#panes.get(this.#active)?.columns ?? 0;
  }

  /** What `node`'s terminal (default: the visible one) shows, as text; for browser tests. */
  textContentForTests(node?: string): string {
    return this.#panes.get(node ?? this.#active)?.text() ?? '';
  }

  /** A broken lab's setup, for the in-browser simulator (the server reads its own from the lesson files). */
  #registerLab(): void {
    const lab = labOf(this.dataset.profile);
    if (lab === undefined || this.dataset.setup === undefined) return;
    try {
      registerLab(lab, JSON.parse(this.dataset.setup) as SetupStep[]);
    } catch (error) {
      console.error('vethlab: the lab setup on this page is not JSON', error);
    }
  }

  async #createPanes(): Promise<void> {
    this.#observer?.disconnect();
    this.#setStatus(this.#active, 'loading');
    this.#registerLab();
    // In-browser simulator: its worker boots while xterm.js downloads.
    prewarmSandbox();
    // Every node connects now, later nodes after the first so that all of them join one session.
    const first = this.#connect(this.#nodes[0], 1, undefined);
    for (const node of this.#nodes.slice(1)) this.#connect(node, 1, first.client.whenReady());
    const { createTerminalPane } = await import('./terminal-pane.ts');
    if (!this.isConnected) return;
    this.#createPane = createTerminalPane;
    for (const node of this.#nodes) {
      // Each xterm.js starts in a task of its own, not in the one that evaluated its 330 KB module:
      // shorter tasks keep the page responsive while the terminal starts (Lighthouse's blocking time).
      await macrotask();
      if (!this.isConnected) return;
      const panel = this.#panel(node);
      if (panel) this.#paneIn(createTerminalPane, panel, node, 1, undefined);
    }
  }

  /** Open (once) the connection of terminal `shell` of `node`, after `sessionReady` to join its session. */
  #connect(node: string, shell: number, sessionReady: Promise<void> | undefined): EarlyConnection {
    const name = terminalName(node, shell);
    const existing = this.#connections.get(name);
    if (existing) return existing;
    const { profile, locale } = this.dataset;
    const url = terminalSocketUrl(location);
    const connection = openEarly({
      url,
      // The server's WebSocket, or the simulator in a Web Worker (static build, or chosen as fallback).
      transport: () => currentTransport(url),
      node,
      ...(shell > 1 ? { shell } : {}),
      ...(profile ? { profile } : {}),
      ...(locale ? { locale } : {}),
      ...(sessionReady ? { sessionReady } : {}),
      onStatus: (status) => this.#setStatus(name, status),
      // One session serves every node: its limits and its activity are the terminal's.
      onReady: (ready) => {
        this.#timer?.ready(ready);
        this.#ports?.refresh();
      },
      onOutput: () => this.#timer?.activity(),
      onWatchers: (count) => this.#setWatchers(name, count),
      // The topology panel (<vl-topology>) listens for this on the document.
      onState: (state) => this.dispatchEvent(new CustomEvent(SANDBOX_STATE_EVENT, { bubbles: true, detail: { node, state } })),
    });
    this.#connections.set(name, connection);
    return connection;
  }

  /** Show terminal `shell` of `node` in `panel`, on its connection (opened now if need be, after `sessionReady`). */
  #paneIn(create: CreatePane, panel: HTMLElement, node: string, shell: number, sessionReady: Promise<void> | undefined): TerminalPane {
    const name = terminalName(node, shell);
    panel.querySelector('.vl-terminal__placeholder')?.remove();
    const pane = create(panel, {
      node,
      connection: this.#connect(node, shell, sessionReady),
      strings: this.#strings,
      transformInput: (data) => this.#applyCtrl(data),
      onActivity: () => this.#timer?.activity(),
      onCommandFinished: () => {
        const detail: CommandFinishedDetail = { node };
        this.dispatchEvent(new CustomEvent(COMMAND_FINISHED_EVENT, { bubbles: true, detail }));
      },
    });
    this.#panes.set(name, pane);
    return pane;
  }

  /** "+": another terminal on the shown node, in a tab of its own, its own shell in the same sandbox. */
  async #addTerminal(): Promise<void> {
    const { node } = parseTerminalName(this.#active);
    let shell = 2;
    while (shell <= MAX_TERMINALS_PER_NODE && this.#panel(terminalName(node, shell))) shell++;
    if (shell > MAX_TERMINALS_PER_NODE) {
      this.#feedback(this.#strings.terminalLimit.replace('{max}', String(MAX_TERMINALS_PER_NODE)));
      return;
    }
    await this.load();
    const first = this.#panes.get(node);
    if (!first || !this.#createPane) return;
    const name = terminalName(node, shell);
    const tablist = this.#tablist();
    const uid = this.id || 'vl-terminal';
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'vl-terminal__tab';
    tab.setAttribute('role', 'tab');
    tab.id = `${uid}-tab-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    tab.dataset.node = node;
    tab.dataset.terminal = name;
    tab.textContent = `${node} · ${shell}`;
    // After the node's other tabs.
    const tabsOfNode = [...tablist.querySelectorAll<HTMLElement>('[role="tab"]')].filter((t) => t.dataset.node === node);
    (tabsOfNode.at(-1) ?? tablist.lastElementChild)?.after(tab);
    const panel = document.createElement('div');
    panel.className = 'vl-terminal__panel';
    panel.dataset.nodePanel = name;
    panel.setAttribute('role', 'tabpanel');
    panel.id = `${tab.id}-panel`;
    panel.setAttribute('aria-labelledby', tab.id);
    panel.hidden = true;
    tab.setAttribute('aria-controls', panel.id);
    const panels = [...this.querySelectorAll<HTMLElement>('[data-node-panel]')];
    panels.at(-1)?.after(panel);
    this.#paneIn(this.#createPane, panel, node, shell, first.whenReady());
    this.#select(name);
    this.#panes.get(name)?.focus();
  }

  /** The tab list, made from the node label the first time a single-node terminal gets a second tab. */
  #tablist(): HTMLElement {
    const existing = this.querySelector<HTMLElement>('[role="tablist"]');
    if (existing) return existing;
    const node = this.#nodes[0];
    const label = this.querySelector<HTMLElement>('.vl-terminal__node');
    const tablist = document.createElement('div');
    tablist.className = 'vl-terminal__tabs';
    tablist.setAttribute('role', 'tablist');
    tablist.setAttribute('aria-label', this.#strings.nodes);
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'vl-terminal__tab';
    tab.setAttribute('role', 'tab');
    tab.id = `${this.id || 'vl-terminal'}-tab-${node.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    tab.dataset.node = node;
    tab.textContent = node;
    tablist.append(tab);
    const panel = this.#panel(node);
    if (panel) {
      panel.setAttribute('role', 'tabpanel');
      panel.id ||= `${tab.id}-panel`;
      panel.setAttribute('aria-labelledby', tab.id);
      tab.setAttribute('aria-controls', panel.id);
    }
    if (label) label.replaceWith(tablist);
    else this.querySelector('.vl-terminal__toolbar')?.prepend(tablist);
    tablist.addEventListener('keydown', this.#onTabKey as EventListener);
    return tablist;
  }

  #panel(node: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`[data-node-panel="${CSS.escape(node)}"]`);
  }

  /** Show terminal `name` (a node's first terminal is named after the node). */
  #select(name: string): void {
    if (name === this.#active && this.#panes.size <= 1) return;
    this.#active = name;
    const node = name;
    for (const tab of this.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const selected = tabName(tab) === node;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of this.querySelectorAll<HTMLElement>('[data-node-panel]')) {
      panel.hidden = panel.dataset.nodePanel !== node;
    }
    this.#panes.get(node)?.fit();
    const plus = this.querySelector<HTMLElement>('[data-action="new-terminal"]');
    if (plus?.dataset.label) {
      const label = plus.dataset.label.replace('{node}', parseTerminalName(name).node);
      plus.setAttribute('aria-label', label);
      plus.title = label;
    }
    this.#showStatus();
  }

  /** Where `node`'s terminal is (idle until it loads). */
  statusOf(node: string): TerminalStatus {
    return this.#statuses.get(node) ?? 'idle';
  }

  #setStatus(node: string, status: TerminalStatus): void {
    this.#statuses.set(node, status);
    if (node === this.#active) this.#showStatus();
    // Checks follow a node's first terminal; the "+" tabs only show their status in the toolbar.
    if (parseTerminalName(node).shell > 1) return;
    const detail: TerminalStatusDetail = { node, status };
    this.dispatchEvent(new CustomEvent(TERMINAL_STATUS_EVENT, { bubbles: true, detail }));
  }

  #setWatchers(node: string, count: number): void {
    this.#watchers.set(node, count);
    const watched = [...this.#watchers.values()].some((n) => n > 0);
    const badge = this.querySelector<HTMLElement>('[data-terminal-watched]');
    if (badge) badge.hidden = !watched;
    this.toggleAttribute('data-watched', watched);
  }

  #showStatus(): void {
    const status = this.#statuses.get(this.#active) ?? 'idle';
    this.dataset.status = status;
    const label = this.querySelector<HTMLElement>('[data-terminal-status]');
    if (label) label.textContent = this.#strings.status[status];
  }

  #onClick = (event: MouseEvent): void => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action], [data-key], [role="tab"]');
    if (!target || !this.contains(target)) return;
    if (target.getAttribute('role') === 'tab') {
      if (target.dataset.node !== undefined) this.#select(tabName(target));
      return;
    }
    if (target.dataset.key) void this.#pressKey(target);
    else if (target.dataset.action === 'reset') void this.#reset();
    else if (target.dataset.action === 'copy') void this.#copyAll();
    else if (target.dataset.action === 'collapse') this.#setCollapsed(!this.hasAttribute('data-collapsed'));
    else if (target.dataset.action === 'new-terminal') void this.#addTerminal();
  };

  /** A pane received the sandbox's state: the Ports control lists its published ports. */
  #onState = (event: CustomEvent<{ state: SandboxState }>): void => {
    if (event.detail?.state) this.#ports?.update(event.detail.state);
  };

  /** The element itself got focus (the "Skip to the terminal" link): hand it to the shell. */
  #onFocus = (event: FocusEvent): void => {
    if (event.target !== this) return;
    this.#setCollapsed(false);
    void this.load().then(() => this.#panes.get(this.#active)?.focus());
  };

  /** A key of the on-screen bar: Ctrl arms itself for the next key, the others go to the shell. */
  async #pressKey(button: HTMLElement): Promise<void> {
    const key = button.dataset.key as keyof typeof KEY_SEQUENCES | 'ctrl';
    if (key === 'ctrl') {
      this.#setCtrl(!this.#ctrlArmed);
    } else if (key in KEY_SEQUENCES) {
      await this.load();
      const pane = this.#panes.get(this.#active);
      pane?.send(this.#applyCtrl(KEY_SEQUENCES[key]));
    }
    this.#panes.get(this.#active)?.focus();
  }

  /** `data` with the armed Ctrl applied (then disarmed); unchanged when Ctrl is not armed. */
  #applyCtrl(data: string): string {
    if (!this.#ctrlArmed) return data;
    this.#setCtrl(false);
    return withControl(data);
  }

  #setCtrl(armed: boolean): void {
    this.#ctrlArmed = armed;
    this.querySelector('[data-key="ctrl"]')?.setAttribute('aria-pressed', String(armed));
  }

  /** Fold the docked terminal (narrow screens) down to its toolbar, or open it again. */
  #setCollapsed(collapsed: boolean): void {
    if (collapsed === this.hasAttribute('data-collapsed')) return;
    this.toggleAttribute('data-collapsed', collapsed);
    const button = this.querySelector<HTMLElement>('[data-action="collapse"]');
    if (button) {
      button.setAttribute('aria-expanded', String(!collapsed));
      button.textContent = (collapsed ? button.dataset.labelExpand : button.dataset.labelCollapse) ?? '';
    }
    if (!collapsed) this.#panes.get(this.#active)?.fit();
  }

  /** Arrow keys, Home and End move between node tabs (WAI-ARIA tabs pattern, automatic activation). */
  #onTabKey = (event: KeyboardEvent): void => {
    const tabs = [...this.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = tabs.findIndex((tab) => tabName(tab) === this.#active);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[next];
    if (tab?.dataset.node === undefined) return;
    event.preventDefault();
    this.#select(tabName(tab));
    tab.focus();
  };

  #onRun = (event: CustomEvent<RunDetail>): void => {
    const detail = event.detail as Partial<RunDetail> | null;
    if (typeof detail?.command !== 'string') return;
    if (terminalFor(detail.node) !== this) return;
    this.run(detail.command, detail.node).catch(ignoreError("a failed load shows as the terminal's error status"));
  };

  async #reset(): Promise<void> {
    if (!window.confirm(this.#strings.resetConfirm)) return;
    await this.load();
    const pane = this.#panes.get(this.#active);
    if (!pane) return;
    // Reset the session the learner has (stored from an earlier visit), not a fresh one.
    await pane.whenReady();
    pane.client.reset();
    this.dispatchEvent(new CustomEvent(SANDBOX_RESET_EVENT, { bubbles: true, detail: { node: this.#active } }));
    pane.focus();
  }

  async #copyAll(): Promise<void> {
    const pane = this.#panes.get(this.#active);
    const ok = pane ? await copyText(pane.text() + '\n') : false;
    this.#feedback(ok ? this.#strings.copied : this.#strings.copyFailed);
  }

  #feedback(message: string): void {
    const region = this.querySelector<HTMLElement>('[data-terminal-feedback]');
    if (!region) return;
    region.textContent = message;
    window.clearTimeout(this.#feedbackTimer);
    this.#feedbackTimer = window.setTimeout(() => (region.textContent = ''), FEEDBACK_MS);
  }
}

/** The terminal a tab shows: its own name for a "+" tab, else its node's first terminal. */
function tabName(tab: HTMLElement): string {
  return tab.dataset.terminal ?? tab.dataset.node ?? '';
}

function preventFocusChange(event: Event): void {
  event.preventDefault();
}

/** Which terminal on the page takes a Run: the first with that node, else the first. */
function terminalFor(node: string | undefined): VlTerminal | undefined {
  const all = [...document.querySelectorAll('vl-terminal')];
  return (node !== undefined ? all.find((t) => t.nodes.includes(node)) : undefined) ?? all[0];
}

function parseNodes(raw: string | undefined): [string, ...string[]] {
  try {
    const nodes = JSON.parse(raw ?? '[]') as unknown;
    if (Array.isArray(nodes) && nodes.every((n) => typeof n === 'string')) {
      const [first, ...rest] = nodes;
      if (first !== undefined) return [first, ...rest];
    }
  } catch {
    // Fall through to the single default node.
  }
  return ['node1'];
}

declare global {
  interface HTMLElementTagNameMap {
    'vl-terminal': VlTerminal;
  }
}

if (!customElements.get('vl-terminal')) customElements.define('vl-terminal', VlTerminal);
