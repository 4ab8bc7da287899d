/**
 * The offer shown over a terminal when the sandbox server stays unreachable or is full: "Continue
 * on the in-browser simulator". Accepting switches every terminal of the tab (sandbox-mode.ts).
 */
import type { SandboxClient } from './sandbox-client.ts';
import { MODE_EVENT, useBrowserSimulator } from './sandbox-mode.ts';
import './fallback.css';

const TEXT = {
  en: {
    unreachable: 'The sandbox server cannot be reached.',
    capacity: 'All sandboxes on the server are in use.',
    button: 'Continue on the in-browser simulator',
    detail: 'The simulator runs in this browser; your sandbox there is kept across reloads.',
  },
  zh: {
    unreachable: '无法连接沙箱服务器。',
    capacity: '服务器上的沙箱都在使用中。',
    button: '改用浏览器内的模拟器继续',
    detail: '模拟器在本浏览器中运行，其中的沙箱在刷新页面后仍会保留。',
  },
};

export interface FallbackOffer {
  offer(reason: 'unreachable' | 'capacity'): void;
  dispose(): void;
}

/** Offers for one pane's `panel`; `client` is the pane's client (created after this). */
export function fallbackOffer(panel: HTMLElement, client: () => SandboxClient): FallbackOffer {
  const text = document.documentElement.lang.startsWith('zh') ? TEXT.zh : TEXT.en;
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
