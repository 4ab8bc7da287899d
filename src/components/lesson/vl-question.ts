/**
 * <vl-question> (Question.astro): the explanation stays hidden until the learner has committed to
 * an answer, then the chosen option is marked right or wrong and the explanation opens. Plain
 * radio buttons and a button, so it works with the keyboard and screen readers as native controls.
 */
import { stringsOf } from '../../i18n/client-strings.ts';

class VlQuestion extends HTMLElement {
  connectedCallback(): void {
    const check = this.querySelector<HTMLButtonElement>('[data-check]');
    const why = this.querySelector<HTMLDetailsElement>('[data-why]');
    if (!check || !why || this.dataset.ready) return;
    this.dataset.ready = 'true';
    // With the script, the explanation waits for an answer; without it, the disclosure is there.
    why.hidden = true;
    check.hidden = false;
    check.addEventListener('click', () => this.reveal());
  }

  private reveal(): void {
    const t = stringsOf(this);
    const feedback = this.querySelector<HTMLElement>('[data-feedback]');
    const why = this.querySelector<HTMLDetailsElement>('[data-why]');
    const chosen = this.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    if (!feedback || !why) return;
    if (!chosen) {
      feedback.textContent = t('site.question.pickFirst');
      return;
    }
    const answer = Number(this.dataset.answer);
    const right = Number(chosen.value) === answer;
    for (const option of this.querySelectorAll<HTMLElement>('[data-index]')) {
      const index = Number(option.dataset.index);
      option.classList.toggle('vl-question__option--answer', index === answer);
      option.classList.toggle('vl-question__option--missed', index === Number(chosen.value) && !right);
    }
    const answerText = this.querySelector<HTMLElement>(`[data-index="${answer}"] [data-option-text]`)?.textContent?.trim() ?? '';
    feedback.textContent = right ? t('site.question.right') : t('site.question.wrong', { answer: answerText });
    this.classList.toggle('vl-question--right', right);
    this.classList.toggle('vl-question--wrong', !right);
    why.hidden = false;
    why.open = true;
  }
}

if (!customElements.get('vl-question')) customElements.define('vl-question', VlQuestion);
