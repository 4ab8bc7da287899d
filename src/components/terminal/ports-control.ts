/**
 * The terminal's Ports control: the sandbox's published TCP ports, node by node, kept current from
 * the `state` messages its panes receive (a container started with `-p` appears, a stopped one
 * goes), each opening the page the port serves. From the server's sandboxes a port opens in a new
 * tab at an opaque link the server hands out (port-link.ts, src/server/published-port-route.ts); the
 * in-browser simulator has no HTTP server, so its pages come through the sandbox connection
 * (protocol `port`) and show in a pane above the terminal, in a frame with no script and an opaque
 * origin.
 */
import { fill } from '../exercise/element-data.ts';
import { InvariantError } from '../../errors/invariant.ts';
import { publishedPorts, type PortFailureReason, type PublishedPort } from '../../sandbox/published-port.ts';
import type { SandboxState } from '../../sandbox/topology/state.ts';
import { requestPortLink } from './port-link.ts';
import { portPageDocument } from './port-page-document.ts';
import type { PortPage } from './sandbox-client.ts';
import type { TerminalStrings } from './strings.ts';

/** How the control reaches the sandbox: the shown pane's connection. */
export interface PortsConnection {
  /** 'websocket' with the session id (ports open over HTTP), or 'worker' (through the connection). */
  current(): { transport: 'websocket'; session: string } | { transport: 'worker' } | undefined;
  /** GET `/` from a published port through the sandbox connection. */
  openPort(node: string, port: number): Promise<PortPage>;
}

/** One terminal element's control; the elements come from Terminal.astro. */
export class PortsControl {
  readonly #root: HTMLElement;
  readonly #button: HTMLButtonElement;
  readonly #panel: HTMLElement;
  readonly #list: HTMLUListElement;
  readonly #empty: HTMLElement;
  readonly #view: HTMLElement;
  readonly #strings: TerminalStrings;
  readonly #connection: PortsConnection;
  #ports: PublishedPort[] = [];
  /** The port the pane shows, so it closes when the port goes. */
  #shown: PublishedPort | undefined;
  /** Links the server handed out, by session, node and port; and those being asked for. */
  readonly #links = new Map<string, string>();
  readonly #asking = new Set<string>();

  constructor(root: HTMLElement, strings: TerminalStrings, connection: PortsConnection) {
    this.#root = root;
    this.#strings = strings;
    this.#connection = connection;
    this.#button = required(root, '[data-action="ports"]') as HTMLButtonElement;
    this.#panel = required(root, '[data-terminal-ports]');
    this.#list = required(this.#panel, 'ul') as HTMLUListElement;
    this.#empty = required(this.#panel, '[data-ports-empty]');
    this.#view = required(root, '[data-port-view]');
    this.#button.addEventListener('click', this.#toggle);
    this.#panel.addEventListener('keydown', this.#onKey);
    this.#list.addEventListener('click', this.#onOpen);
    required(this.#view, '[data-action="close-port"]').addEventListener('click', () => this.#closeView());
    this.#render();
  }

  /** The sandbox's state changed: list its published ports now. */
  update(state: SandboxState): void {
    this.#ports = publishedPorts(state);
    const shown = this.#shown;
    if (shown && !this.#ports.some((p) => p.node === shown.node && p.hostPort === shown.hostPort)) this.#closeView();
    this.#render();
  }

  /** The connection changed (ready, another backend): links carry the current session. */
  refresh(): void {
    this.#render();
  }

  /** Published ports listed now (tests). */
  get ports(): readonly PublishedPort[] {
    return this.#ports;
  }

  #toggle = (): void => {
    const open = this.#panel.hidden;
    this.#panel.hidden = !open;
    this.#button.setAttribute('aria-expanded', String(open));
    if (open) this.#render();
  };

  #onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#panel.hidden = true;
    this.#button.setAttribute('aria-expanded', 'false');
    this.#button.focus();
  };

  #render(): void {
    const connection = this.#connection.current();
    this.#empty.hidden = this.#ports.length > 0;
    this.#button.dataset.count = String(this.#ports.length);
    const items = this.#ports.map((port) => {
      const item = document.createElement('li');
      const label = fill(this.#strings.ports.entry, { node: port.node, port: port.hostPort, container: port.containerName, containerPort: port.containerPort });
      const name = fill(this.#strings.ports.open, { node: port.node, port: port.hostPort });
      let opener: HTMLElement;
      if (connection?.transport === 'websocket') {
        const link = document.createElement('a');
        const url = this.#linkFor(connection.session, port);
        if (url === undefined) link.setAttribute('aria-disabled', 'true');
        else link.href = url;
        link.target = '_blank';
        // The page gets no handle on the course (opener) and no Referer with the session in it.
        link.rel = 'noopener noreferrer';
        opener = link;
      } else {
        const button = document.createElement('button');
        button.type = 'button';
        button.disabled = connection === undefined;
        opener = button;
      }
      opener.className = 'vl-terminal__port';
      opener.dataset.node = port.node;
      opener.dataset.port = String(port.hostPort);
      opener.title = name;
      opener.textContent = label;
      // Said after the visible label (an aria-label that did not contain it would fail WCAG 2.5.3).
      if (connection?.transport === 'websocket') opener.append(screenReaderOnly(` ${this.#strings.ports.newTab}`));
      item.append(opener);
      return item;
    });
    this.#list.replaceChildren(...items);
  }

  /** The server's link to `port` of `session`, once it answered; until then undefined, and asked for (rendering again when it comes). */
  #linkFor(session: string, port: PublishedPort): string | undefined {
    const key = `${session} ${port.node} ${port.hostPort}`;
    const known = this.#links.get(key);
    if (known !== undefined || this.#asking.has(key)) return known;
    this.#asking.add(key);
    void requestPortLink(session, port.node, port.hostPort).then((url) => {
      this.#asking.delete(key);
      if (url === undefined) return;
      this.#links.set(key, url);
      this.#render();
    });
    return undefined;
  }

  #onOpen = (event: MouseEvent): void => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button.vl-terminal__port');
    if (!button) return;
    const port = this.#ports.find((p) => p.node === button.dataset.node && String(p.hostPort) === button.dataset.port);
    if (port) void this.#showInPane(port);
  };

  /** The in-browser simulator's page, fetched through the connection, in the pane's frame. */
  async #showInPane(port: PublishedPort): Promise<void> {
    const title = required(this.#view, '[data-port-view-title]');
    const frame = required(this.#view, 'iframe') as HTMLIFrameElement;
    const status = required(this.#view, '[data-port-view-status]');
    this.#shown = port;
    title.textContent = `${port.node}:${port.hostPort}`;
    frame.title = fill(this.#strings.ports.frameTitle, { node: port.node, port: port.hostPort });
    let failure: PortFailureReason | 'disconnected' | undefined;
    let page: PortPage | undefined;
    try {
      page = await this.#connection.openPort(port.node, port.hostPort);
      failure = page.error;
    } catch {
      failure = 'disconnected';
    }
    if (this.#shown !== port) return;
    this.#view.hidden = false;
    if (failure !== undefined || !page) {
      frame.hidden = true;
      frame.srcdoc = '';
      status.textContent = fill(this.#strings.ports.failed, { node: port.node, port: port.hostPort, reason: this.#strings.portFailure[failure ?? 'disconnected'] });
      return;
    }
    status.textContent = '';
    frame.hidden = false;
    frame.srcdoc = portPageDocument(page);
    this.#root.dispatchEvent(new CustomEvent(PORT_SHOWN_EVENT, { bubbles: true, detail: { node: port.node, port: port.hostPort, status: page.status } }));
  }

  #closeView(): void {
    this.#shown = undefined;
    this.#view.hidden = true;
    const frame = this.#view.querySelector('iframe');
    if (frame) frame.srcdoc = '';
  }
}

/** Dispatched when the pane shows a port's page (tests wait for it). */
export const PORT_SHOWN_EVENT = 'vl:port-shown';

function screenReaderOnly(text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'vl-sr-only';
  span.textContent = text;
  return span;
}

function required(root: ParentNode, selector: string): HTMLElement {
  const element = root.querySelector<HTMLElement>(selector);
  if (!element) throw new InvariantError(`vl-terminal: Terminal.astro renders ${selector}`);
  return element;
}
