/**
 * <vl-hints> (Hints.astro): every hint starts hidden; the button reveals the next one, says which
 * of how many it is, and moves the focus to it so keyboard and screen-reader users land on the new
 * text. After the last one the button goes and the status says there is no more. A native button
 * and a live region: no custom key handling is needed. The hints opened are remembered with the
 * lesson's progress (hints-store.ts): after a reload they are open again, without taking the focus.
 */
import { stringsOf } from '../../i18n/client-strings.ts';
import { rememberHints, shownHints } from './hints-store.ts';

class VlHints extends HTMLElement {
  #shown = 0;

  connectedCallback(): void {
    const all = this.querySelector<HTMLDetailsElement>('[data-hints-all]');
    const list = this.querySelector<HTMLElement>('[data-hints-list]');
    const next = this.querySelector<HTMLButtonElement>('[data-hints-next]');
    if (!all || !list || !next || this.dataset.ready) return;
    this.dataset.ready = 'true';
    // With the script the list sits in the open and grows one hint at a time; without it, the disclosure holds all.
    list.remove();
    all.replaceWith(list);
    for (const hint of this.#hints()) hint.hidden = true;
    next.hidden = false;
    next.addEventListener('click', () => this.#revealNext());
    const remembered = this.#lesson ? Math.min(shownHints(this.#lesson, this.#index()), this.#hints().length) : 0;
    for (const hint of this.#hints().slice(0, remembered)) hint.hidden = false;
    this.#shown = remembered;
    this.#update();
  }

  get #lesson(): string | undefined {
    return this.dataset.lesson || undefined;
  }

  /** Which <Hints> of the page this is (a lesson may have more than one). */
  #index(): number {
    return [...document.querySelectorAll('vl-hints')].indexOf(this);
  }

  #hints(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>('[data-hints-item]')];
  }

  #revealNext(): void {
    const hint = this.#hints()[this.#shown];
    if (!hint) return;
    hint.hidden = false;
    this.#shown++;
    if (this.#lesson) rememberHints(this.#lesson, this.#index(), this.#shown);
    this.#update();
    hint.focus();
  }

  #update(): void {
    const t = stringsOf(this);
    const count = this.#hints().length;
    const next = this.querySelector<HTMLButtonElement>('[data-hints-next]');
    const status = this.querySelector<HTMLElement>('[data-hints-status]');
    this.#hints().forEach((hint, i) => {
      hint.dataset.label = t('site.hints.shown', { n: i + 1, count });
    });
    if (next) {
      next.hidden = this.#shown >= count;
      next.textContent = this.#shown === 0 ? t('site.hints.show') : t('site.hints.next', { n: this.#shown + 1, count });
    }
    if (status) status.textContent = this.#shown > 0 && this.#shown >= count ? t('site.hints.last') : '';
  }
}

if (!customElements.get('vl-hints')) customElements.define('vl-hints', VlHints);
