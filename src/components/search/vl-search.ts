/**
 * <vl-search>: full-text search over the lessons with Pagefind's JS API. The index is built after
 * `astro build` (`pagefind --site …`, see package.json) into /pagefind/, one index per <html lang>,
 * so a zh-CN page searches the Chinese lessons and an English page the English ones. Nothing is
 * fetched until the dialog opens. Shortcuts: `/` (outside text fields) and Ctrl-K / ⌘K.
 */
import type { SearchStrings } from './strings.ts';

/** The part of Pagefind's JS API used here (pagefind/types). */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(term: string, options?: unknown, debounceMs?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_RESULTS = 8;
const PAGEFIND_URL = '/pagefind/pagefind.js';

let pagefind: Promise<Pagefind | undefined> | undefined;

/** Load Pagefind once; undefined where there is no index (astro dev). */
function loadPagefind(): Promise<Pagefind | undefined> {
  pagefind ??= (async () => {
    try {
      const module = (await import(/* @vite-ignore */ PAGEFIND_URL)) as Pagefind;
      // A lesson is found by what it is about, not by how often it says a word: with the title weighted
      // highest (data-pagefind-weight on the h1) and term frequency counting little, "veth" lands on the
      // veth lesson rather than on the longest lesson that uses veths.
      await module.options({ excerptLength: 24, ranking: { termFrequency: 0.2 } });
      await module.init();
      return module;
    } catch {
      return undefined;
    }
  })();
  return pagefind;
}

/** Pagefind's excerpt is escaped text with <mark> around hits: rebuild it as nodes, never as HTML. */
function excerptNodes(excerpt: string): Node[] {
  const text = (html: string) => {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
    return parsed.body.textContent ?? '';
  };
  return excerpt
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((part) => {
      const hit = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      if (!hit) return document.createTextNode(text(part));
      const mark = document.createElement('mark');
      mark.textContent = text(hit[1] ?? '');
      return mark;
    });
}

/** The search button and dialog; see the module comment. */
export class VlSearch extends HTMLElement {
  #strings!: SearchStrings;
  #serial = 0;

  connectedCallback(): void {
    this.#strings = JSON.parse(this.dataset.strings ?? '{}') as SearchStrings;
    this.querySelector('[data-search-open]')?.addEventListener('click', this.open);
    this.#dialog?.addEventListener('click', this.#onDialogClick);
    this.#input?.addEventListener('input', this.#onInput);
    this.#input?.addEventListener('keydown', this.#onInputKey);
    document.addEventListener('keydown', this.#onShortcut);
  }

  disconnectedCallback(): void {
    document.removeEventListener('keydown', this.#onShortcut);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.querySelector('dialog');
  }

  get #input(): HTMLInputElement | null {
    return this.querySelector('input[type="search"]');
  }

  get #list(): HTMLElement | null {
    return this.querySelector('[data-search-results]');
  }

  get #status(): HTMLElement | null {
    return this.querySelector('[data-search-status]');
  }

  /** Open the dialog and focus the field; starts loading the index. */
  open = (): void => {
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.#input?.focus();
    this.#input?.select();
    void loadPagefind().then((found) => {
      if (!found) this.#setStatus(this.#strings.unavailable);
      else if (!this.#input?.value) this.#setStatus(this.#strings.empty);
    });
  };

  /** Run a search (also used by browser tests); resolves when the results are shown. */
  async search(term: string): Promise<void> {
    const serial = ++this.#serial;
    const list = this.#list;
    if (!list) return;
    if (term.trim() === '') {
      list.replaceChildren();
      this.#setStatus(this.#strings.empty);
      return;
    }
    // Until the results replace it, the status says a search runs (not "type to search" over a typed word).
    this.#setStatus(this.#strings.searching);
    const found = await loadPagefind();
    if (!found) {
      this.#setStatus(this.#strings.unavailable);
      return;
    }
    const search = await found.debouncedSearch(term, {}, 120);
    // null: a newer search superseded this one.
    if (!search || serial !== this.#serial) return;
    const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((result) => result.data()));
    if (serial !== this.#serial) return;
    list.replaceChildren(
      ...data.map((hit) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = hit.url;
        link.className = 'vl-search__hit';
        const title = document.createElement('span');
        title.className = 'vl-search__title';
        title.textContent = hit.meta.title ?? hit.url;
        const excerpt = document.createElement('span');
        excerpt.className = 'vl-search__excerpt';
        excerpt.append(...excerptNodes(hit.excerpt));
        link.append(title, excerpt);
        item.append(link);
        return item;
      }),
    );
    this.#setStatus(data.length === 0 ? this.#strings.noResults : '');
  }

  #setStatus(text: string): void {
    const status = this.#status;
    if (status) status.textContent = text;
  }

  #onInput = (): void => {
    void this.search(this.#input?.value ?? '');
  };

  /** Enter opens the first hit; arrow down moves into the list. */
  #onInputKey = (event: KeyboardEvent): void => {
    const first = this.#list?.querySelector<HTMLAnchorElement>('a');
    if (event.key === 'Enter' && first) {
      event.preventDefault();
      first.click();
    } else if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    }
  };

  /** A click on the backdrop (the dialog element itself) or the close button closes. */
  #onDialogClick = (event: MouseEvent): void => {
    const target = event.target as Element | null;
    if (target === this.#dialog || target?.closest('[data-search-close]')) this.#dialog?.close();
  };

  #onShortcut = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
    if (!ctrlK && !slash) return;
    // Ctrl-K inside the terminal is the shell's kill-line: leave it to the terminal.
    if (ctrlK && (event.target as Element | null)?.closest?.('vl-terminal')) return;
    event.preventDefault();
    this.open();
  };
}

/** Whether keys go to a text field, an editable element or the terminal (where `/` is just a slash). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('vl-terminal, [contenteditable=""], [contenteditable="true"]')) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

declare global {
  interface HTMLElementTagNameMap {
    'vl-search': VlSearch;
  }
}

if (!customElements.get('vl-search')) customElements.define('vl-search', VlSearch);
