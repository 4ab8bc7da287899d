/**
 * <vl-topology>: the live network panel beside the lesson terminal. It draws the SandboxState the
 * terminal receives (the `vl:sandbox-state` event <vl-terminal> dispatches for each protocol
 * `state` message), keeping positions stable between redraws, offers the same graph as a list
 * ("Show as list"), and "What happened?" shows the last packet's hops and highlights its path.
 * With a `<script type="application/json" data-topology-state>` child it is a static diagram fed a
 * saved state instead (Topology.astro renders it on the server; this only adds interaction).
 * The drawing is laid out for the width it has (never scaled, so text keeps its size) and again
 * when that width changes; "Enlarge" shows it in a dialog laid out for the dialog's width.
 */
import { isSandboxState, type SandboxState } from '../../sandbox/topology/state.ts';
import { buildGraph } from './graph.ts';
import { emptyMemory, layoutGraph, type LayoutMemory } from './layout.ts';
import { pathSucceeded, renderList, renderPath, renderSvg } from './render.ts';
import { stringsOf } from '../../i18n/client-strings.ts';
import type { TopologyWords } from './words.ts';

/** Detail of the `vl:sandbox-state` event. */
export interface SandboxStateDetail {
  node: string;
  state: SandboxState;
}

export const SANDBOX_STATE_EVENT = 'vl:sandbox-state';

let serial = 0;

export class VlTopology extends HTMLElement {
  #state: SandboxState | undefined;
  #memory: LayoutMemory = emptyMemory();
  #showPath = false;
  #showList = false;
  #id = `vl-topo-${++serial}`;
  /** The page's words (Topology.astro's data-vl-strings); read when connected. */
  #words: TopologyWords = stringsOf(null);
  /** The drawing's width when last laid out, to lay it out again only when it changed. */
  #width = 0;
  #resize: ResizeObserver | undefined;

  connectedCallback(): void {
    this.#words = stringsOf(this);
    const saved = this.querySelector('script[data-topology-state]')?.textContent;
    if (saved) {
      try {
        const parsed = JSON.parse(saved) as unknown;
        if (isSandboxState(parsed)) this.#state = parsed;
      } catch {
        // A broken saved state leaves the server-rendered drawing as it is.
      }
    }
    if (!this.hasAttribute('data-static')) document.addEventListener(SANDBOX_STATE_EVENT, this.#onState as EventListener);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('keydown', this.#onKey);
    const drawing = this.querySelector<HTMLElement>('[data-topology-drawing]');
    if (drawing && typeof ResizeObserver === 'function') {
      this.#resize = new ResizeObserver(() => {
        if (this.#state && Math.abs(drawing.clientWidth - this.#width) > 1) this.#render();
      });
      this.#resize.observe(drawing);
    }
    if (this.#state) this.#render();
  }

  disconnectedCallback(): void {
    document.removeEventListener(SANDBOX_STATE_EVENT, this.#onState as EventListener);
    this.removeEventListener('click', this.#onClick);
    this.removeEventListener('keydown', this.#onKey);
    this.#resize?.disconnect();
  }

  /** The state drawn now (for tests and tools). */
  get state(): SandboxState | undefined {
    return this.#state;
  }

  /** Draw `state` (also what the event does). */
  update(state: SandboxState): void {
    const pathChanged = state.lastPath?.seq !== this.#state?.lastPath?.seq;
    this.#state = state;
    // A new packet closes an explanation of the previous one, unless it is open: then it follows.
    if (pathChanged && !state.lastPath) this.#showPath = false;
    this.#render();
  }

  /** Show or hide the last packet's path. */
  explain(show = !this.#showPath): void {
    this.#showPath = show && this.#state?.lastPath !== undefined;
    this.#render();
  }

  #onState = (event: CustomEvent<SandboxStateDetail>): void => {
    const state = event.detail?.state;
    if (isSandboxState(state)) this.update(state);
  };

  #onClick = (event: MouseEvent): void => {
    const button = (event.target as Element | null)?.closest<HTMLElement>('[data-topology-action]');
    if (!button || !this.contains(button)) return;
    const action = button.dataset.topologyAction;
    if (action === 'explain') this.explain();
    else if (action === 'enlarge') this.#enlarge();
    else if (action === 'close') this.querySelector<HTMLDialogElement>('[data-topology-dialog]')?.close();
    else if (action === 'list') {
      this.#showList = !this.#showList;
      this.#render();
    }
  };

  /** Arrow keys move between the drawing's nodes. */
  #onKey = (event: KeyboardEvent): void => {
    if (!['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].includes(event.key)) return;
    const nodes = [...this.querySelectorAll<SVGGElement>('svg [tabindex="0"]')];
    const at = nodes.indexOf(document.activeElement as SVGGElement);
    if (at < 0) return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
    nodes[(at + step + nodes.length) % nodes.length]?.focus();
  };

  /** The drawing at the width of `container` (its content box), or the default layout when it has none. */
  #drawingFor(container: HTMLElement | null, idPrefix: string, remember: boolean): string {
    const state = this.#state;
    if (!state) return '';
    const graph = buildGraph(state, this.#words);
    const width = container?.clientWidth ?? 0;
    const layout = layoutGraph(graph, this.#memory, width > 0 ? { maxWidth: width } : {});
    if (remember) {
      this.#memory = layout.memory;
      this.#width = width;
    }
    const path = this.#showPath ? state.lastPath : undefined;
    const highlight = new Set(path?.elements ?? []);
    const title = this.dataset.title ?? 'Network topology';
    return renderSvg(graph, layout, { title, highlight, idPrefix, words: this.#words, ...(path ? { pathOutcome: pathSucceeded(path) ? 'ok' : 'failed' } : {}) });
  }

  /** Show the drawing in the dialog, laid out for the dialog's width. */
  #enlarge(): void {
    const dialog = this.querySelector<HTMLDialogElement>('[data-topology-dialog]');
    const body = dialog?.querySelector<HTMLElement>('[data-topology-dialog-drawing]');
    if (!dialog || !body || !this.#state) return;
    if (!dialog.open) dialog.showModal();
    body.innerHTML = this.#drawingFor(body, `${this.#id}-large`, false);
  }

  #render(): void {
    const state = this.#state;
    if (!state) return;
    const t = this.#words;
    const path = this.#showPath ? state.lastPath : undefined;
    const drawing = this.querySelector<HTMLElement>('[data-topology-drawing]');
    const list = this.querySelector<HTMLElement>('[data-topology-list]');
    const hops = this.querySelector<HTMLElement>('[data-topology-path]');
    const explainButton = this.querySelector<HTMLButtonElement>('[data-topology-action="explain"]');
    const listButton = this.querySelector<HTMLButtonElement>('[data-topology-action="list"]');
    if (drawing) drawing.innerHTML = this.#drawingFor(drawing, this.#id, true);
    const dialog = this.querySelector<HTMLDialogElement>('[data-topology-dialog]');
    if (dialog?.open) this.#enlarge();
    if (list) {
      list.innerHTML = renderList(state, t);
      list.classList.toggle('vl-topo__visually-hidden', !this.#showList);
    }
    if (listButton) listButton.setAttribute('aria-pressed', String(this.#showList));
    if (explainButton) {
      explainButton.disabled = !state.lastPath;
      explainButton.setAttribute('aria-expanded', String(this.#showPath));
    }
    if (hops) {
      hops.hidden = !path;
      hops.innerHTML = path ? renderPath(path, t) : '';
    }
    this.dataset.pathSeq = String(state.lastPath?.seq ?? '');
    this.dataset.highlighted = String(path?.elements.length ?? 0);
    this.dataset.ready = 'true';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vl-topology': VlTopology;
  }
}

if (!customElements.get('vl-topology')) customElements.define('vl-topology', VlTopology);
