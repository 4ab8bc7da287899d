/**
 * The offer shown over a terminal when the sandbox server stays unreachable or is full: "Continue
 * on the in-browser simulator". Accepting switches every terminal of the tab (sandbox-mode.ts).
 */
import type { SandboxClient } from './sandbox-client.ts';
import { MODE_EVENT, useBrowserSimulator } from './sandbox-mode.ts';
import type { TerminalStrings } from './strings.ts';
import './fallback.css';

export interface FallbackOffer {
  offer(reason: 'unreachable' | 'capacity'): void;
  dispose(): void;
}

/** The offer's text from the page's terminal (`data-strings`, in the page's locale). */
function offerText(panel: HTMLElement): TerminalStrings['fallback'] {
  const json = panel.closest<HTMLElement>('vl-terminal')?.dataset.strings;
  const fallback = json ? (JSON.parse(json) as Partial<TerminalStrings>).fallback : undefined;
  return fallback ?? { unreachable: 'unreachable', capacity: 'capacity', button: 'use-browser-simulator', detail: '' };
}

/** Offers for one pane's `panel`; `client` is the pane's client (created after this). */
export function fallbackOffer(panel: HTMLElement, client: () => SandboxClient): FallbackOffer {
  const text = offerText(panel);
  let box: HTMLElement | undefined;
  const remove = () => {
    box?.remove();
    box = undefined;
  };
  const switched = () => {
    remove();
    client().reconnectNow();
  };
  document.addEventListener(MODE_EVENT, switched);
  return {
    offer(reason) {
      remove();
      box = document.createElement('div');
      box.className = 'vl-terminal__fallback';
      box.setAttribute('role', 'alert');
      const message = document.createElement('p');
      message.textContent = text[reason];
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'vl-terminal__button vl-terminal__fallback-button';
      button.dataset.action = 'use-browser-simulator';
      button.textContent = text.button;
      button.addEventListener('click', () => useBrowserSimulator());
      const detail = document.createElement('p');
      detail.className = 'vl-terminal__fallback-detail';
      detail.textContent = text.detail;
      box.append(message, button, detail);
      panel.append(box);
    },
    dispose() {
      document.removeEventListener(MODE_EVENT, switched);
      remove();
    },
  };
}
