/**
 * <vl-exercise>: has an exercise's checks run, shows each verdict (icon and text, the hint when it
 * fails), and records the exercise once every check passes. Checks run when the learner presses
 * Check and after every command they run in the terminal (`vl:command-finished`, see
 * terminal/events.ts).
 *
 * Who runs them: with a server sandbox, the server (`<vl-terminal>.check`), from its lesson catalog,
 * and it records a student's completion itself. With the in-browser simulator, this element runs
 * them as hidden commands (`<vl-terminal>.exec`) and, when all pass, sends the sandbox's journal to
 * the classroom to be verified there (classroom/client/journal-verification.ts).
 */
import { COMMAND_FINISHED_EVENT, SANDBOX_RESET_EVENT, TERMINAL_STATUS_EVENT, type TerminalStatusDetail } from '../terminal/events.ts';
import type { TerminalStatus } from '../terminal/strings.ts';
import { completeExercise, isExerciseDone, markLessonDoneIfComplete } from './completion.ts';
import { fill, type ClientCheck, type ExerciseStrings } from './element-data.ts';
import { checkPasses } from './verdict.ts';
import { verifyWithJournal } from '../../classroom/client/journal-verification.ts';

type CheckState = 'pending' | 'running' | 'passed' | 'failed';

/** Terminal states in which checks cannot reach the sandbox (see TerminalStatus). */
const DISCONNECTED: ReadonlySet<TerminalStatus> = new Set(['reconnecting', 'busy', 'error']);

const ICONS: Record<CheckState, string> = { pending: '○', running: '…', passed: '✓', failed: '✗' };

/** The exercise element; see the module comment. */
export class VlExercise extends HTMLElement {
  #checks: ClientCheck[] = [];
  #strings!: ExerciseStrings;
  #running = false;
  #again = false;
  #disconnected = false;
  /** The journal was sent for verification in this page view (once is enough; the server keeps it). */
  #journalSent = false;
  /** <Solved> is showing (it opens by itself only when it appears). */
  #solvedShown = false;
  /** Counts sandbox resets: verdicts of a check that started before the last one are dropped. */
  #sandboxGeneration = 0;

  connectedCallback(): void {
    this.#checks = parseJson<ClientCheck[]>(this.dataset.checks, []);
    this.#strings = parseJson<ExerciseStrings>(this.dataset.strings, {} as ExerciseStrings);
    const done = isExerciseDone(this.lesson, this.exerciseId);
    this.#showDone(done);
    // The badge and the checks agree: done means every check passed (on an earlier visit).
    if (done) for (const i of this.#checks.keys()) this.#setState(i, 'passed', this.#strings.passedEarlier);
    // Lessons finished before the lesson mark existed (or in another tab) get it now.
    markLessonDoneIfComplete(this.lesson, this.#lessonExercises());
    this.addEventListener('click', this.#onClick);
    document.addEventListener(COMMAND_FINISHED_EVENT, this.#onCommandFinished);
    document.addEventListener(TERMINAL_STATUS_EVENT, this.#onTerminalStatus);
    document.addEventListener(SANDBOX_RESET_EVENT, this.#onSandboxReset);
    // The terminal's script is async (src/build/module-preloads.ts): it may not have run yet.
    void customElements.whenDefined('vl-terminal').then(() => {
      const terminal = document.querySelector('vl-terminal');
      if (terminal && this.dataset.node && this.isConnected) this.#setDisconnected(DISCONNECTED.has(terminal.statusOf(this.dataset.node)));
    });
  }

  disconnectedCallback(): void {
    this.removeEventListener('click', this.#onClick);
    document.removeEventListener(COMMAND_FINISHED_EVENT, this.#onCommandFinished);
    document.removeEventListener(TERMINAL_STATUS_EVENT, this.#onTerminalStatus);
    document.removeEventListener(SANDBOX_RESET_EVENT, this.#onSandboxReset);
  }

  get lesson(): string {
    return this.dataset.lesson ?? '';
  }

  get exerciseId(): string {
    return this.dataset.exercise ?? '';
  }

  /**
   * Run every check and show the verdicts. A request while checks are running is remembered and
   * served once they finish, so the last verdict always reflects the latest command.
   */
  async check(options: { announceStart?: boolean } = {}): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    const terminal = document.querySelector('vl-terminal');
    if (!terminal || this.#disconnected) return;
    this.#running = true;
    this.setAttribute('aria-busy', 'true');
    if (options.announceStart) this.#say(this.#strings.checking);
    try {
      do {
        this.#again = false;
        const generation = this.#sandboxGeneration;
        const server = await terminal.check(this.lesson, this.exerciseId, this.dataset.node);
        if (server?.error !== undefined) throw new Error(server.error);
        const verdicts = server ? server.verdicts : await this.#checkHere(terminal);
        if (generation !== this.#sandboxGeneration) continue;
        this.#showVerdicts(verdicts);
        if (!server && verdicts.every(Boolean)) this.#sendJournal(terminal.dataset.profile ?? '');
      } while (this.#again);
    } catch (error) {
      // The connection dropped mid-check: say so once it is known, not as an error of the learner's.
      if (this.#disconnected) this.#say(this.#strings.waiting);
      else this.#say(fill(this.#strings.error, { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      this.#running = false;
      this.removeAttribute('aria-busy');
    }
  }

  /** Run the checks as hidden commands in the learner's own sandbox (the in-browser simulator). */
  async #checkHere(terminal: HTMLElementTagNameMap['vl-terminal']): Promise<boolean[]> {
    const verdicts: boolean[] = [];
    for (const check of this.#checks) verdicts.push(checkPasses(check, await terminal.exec(check.run, this.dataset.node)));
    return verdicts;
  }

  #sendJournal(profile: string): void {
    if (this.#journalSent) return;
    this.#journalSent = true;
    void verifyWithJournal(this.lesson, this.exerciseId, profile).then((verdict) => {
      // Not verified (saved too early, or no class): a later pass tries again.
      if (!verdict?.verified) this.#journalSent = false;
    });
  }

  #showVerdicts(verdicts: readonly boolean[]): void {
    for (const [i, passed] of verdicts.entries()) this.#setState(i, passed ? 'passed' : 'failed');
    const passed = verdicts.filter(Boolean).length;
    const all = passed === verdicts.length;
    this.#say(all ? this.#strings.allPassed : fill(this.#strings.summary, { passed, total: verdicts.length }));
    this.dataset.verdict = all ? 'passed' : 'failed';
    if (!all) return;
    // Also after a reset: the explanation opens again for a lab fixed again.
    this.#showDone(true);
    if (!isExerciseDone(this.lesson, this.exerciseId)) void completeExercise(this.lesson, this.exerciseId, this.#lessonExercises());
  }

  #setState(index: number, state: CheckState, text?: string): void {
    const item = this.querySelector<HTMLElement>(`[data-check="${index}"]`);
    if (!item) return;
    item.dataset.state = state;
    const icon = item.querySelector<HTMLElement>('.vl-exercise__icon');
    if (icon) icon.textContent = ICONS[state];
    const label = item.querySelector<HTMLElement>('[data-state-label]');
    if (label) label.textContent = text ?? (state === 'passed' ? this.#strings.passed : state === 'failed' ? this.#strings.failed : this.#strings.pending);
    const hint = item.querySelector<HTMLElement>('[data-hint]');
    if (hint) hint.hidden = state !== 'failed';
  }

  /** Show the done badge when `done`; <Solved> follows it unless `solved` says otherwise (after a reset). */
  #showDone(done: boolean, { solved: showSolved = done }: { solved?: boolean } = {}): void {
    this.toggleAttribute('data-done', done);
    const badge = this.querySelector<HTMLElement>('[data-done-badge]');
    if (badge) badge.hidden = !done;
    // <Solved>: the explanation waits for the fix, then opens by itself when it appears; a learner
    // who closed it keeps it closed on later passes.
    for (const solved of this.querySelectorAll<HTMLDetailsElement>('[data-solved]')) {
      if (!showSolved) solved.open = false;
      else if (!this.#solvedShown) solved.open = true;
      solved.hidden = !showSolved;
    }
    this.#solvedShown = showSolved;
  }

  /** Put `message` in the live region; the same text twice is not announced again. */
  #say(message: string): void {
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (summary && summary.textContent !== message) summary.textContent = message;
  }

  #lessonExercises(): string[] {
    return (this.dataset.lessonExercises ?? '').split(' ').filter(Boolean);
  }

  #onClick = (event: MouseEvent): void => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action="check"]');
    if (!button || !this.contains(button)) return;
    void this.check({ announceStart: true });
  };

  #onCommandFinished = (): void => {
    void this.check();
  };

  /**
   * The sandbox was reset: what the checks saw is gone, so every check is unchecked again, and the
   * <Solved> explanation closes (a broken lab is broken again). The recorded completion stays, and so
   * does the done badge: the learner did solve it.
   */
  #onSandboxReset = (): void => {
    this.#sandboxGeneration++;
    for (const i of this.#checks.keys()) this.#setState(i, 'pending');
    delete this.dataset.verdict;
    this.#journalSent = false;
    this.#showDone(isExerciseDone(this.lesson, this.exerciseId), { solved: false });
    this.#say('');
  };

  #onTerminalStatus = (event: Event): void => {
    const detail = (event as CustomEvent<TerminalStatusDetail>).detail;
    if (detail.node === this.dataset.node) this.#setDisconnected(DISCONNECTED.has(detail.status));
  };

  /** Disable Check while the terminal is away, with a word on why; enable it again when it is back. */
  #setDisconnected(disconnected: boolean): void {
    if (disconnected === this.#disconnected) return;
    this.#disconnected = disconnected;
    const button = this.querySelector<HTMLButtonElement>('button[data-action="check"]');
    if (button) button.disabled = disconnected;
    const summary = this.querySelector<HTMLElement>('[data-summary]');
    if (disconnected) this.#say(this.#strings.waiting);
    else if (summary?.textContent === this.#strings.waiting) summary.textContent = '';
  }
}

function parseJson<T>(raw: string | undefined, fallback: T): T {
  try {
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vl-exercise': VlExercise;
  }
}

if (!customElements.get('vl-exercise')) customElements.define('vl-exercise', VlExercise);
