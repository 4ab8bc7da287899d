/**
 * What a shell needs from the terminal it runs on. The line discipline (sim/tty) implements it
 * for the learner's terminal; a scripted terminal implements it for replays; a capture
 * implements it for hidden `sh -c` checks. The shell loop is the same over all three.
 */

/** One request for an input line: shows `prompt`, lets the learner edit, resolves on Enter. */
export interface LineRequest {
  prompt: string;
  /** True for the `> ` continuation prompt of an unfinished command. */
  continuation: boolean;
  /** `$?` of the shell asking, so a headless reader can report the previous command's status. */
  status: number;
  /** Earlier lines of this shell for Up/Down, oldest first. */
  history: readonly string[];
  /** Tab completion: candidates for the word that ends `textBeforeCursor`, and where it starts. */
  complete(textBeforeCursor: string): Completion;
  /**
   * The reader is the shell of a `docker run -it` / `docker exec -it` session: Ctrl-P Ctrl-Q
   * detaches (docker's default detach keys); Ctrl-P followed by anything else is passed on.
   */
  detachKeys?: boolean;
  /** Aborting cancels the read (the container behind a nested shell died); it resolves `closed`. */
  signal?: AbortSignal;
  /**
   * A program reads the terminal (cat with no file), not a shell: Ctrl-C and Ctrl-Z signal the
   * foreground job as while a command runs, and a headless terminal gives it end of input.
   */
  program?: boolean;
}

/** Candidates for the word being completed, which starts at `start` in the text before the cursor. */
export interface Completion {
  start: number;
  candidates: string[];
}

/** How a line request ended. */
export type LineResult =
  | { kind: 'line'; text: string }
  /** Ctrl-D on an empty line. */
  | { kind: 'eof' }
  /** Ctrl-C at the prompt; the terminal has already shown `^C` and moved to a new line. */
  | { kind: 'interrupt' }
  /** The terminal went away or the request's signal fired. */
  | { kind: 'closed' }
  /** Ctrl-P Ctrl-Q in a docker session (`detachKeys`): the container keeps running. */
  | { kind: 'detach' }
  /** Ctrl-Z stopped the program that was reading (`program`): it reads again once continued. */
  | { kind: 'stopped' };

/** The shell's view of its terminal. */
export interface ShellTerminal {
  readLine(request: LineRequest): Promise<LineResult>;
  /** Text for the screen; `\n` ends a line (the terminal converts as it needs). */
  print(text: string): void;
  /** Width in columns (80 when there is none). */
  columns(): number;
  /**
   * Make `controller` the foreground job: Ctrl-C aborts the most recently registered one, and
   * Ctrl-Z (SIGTSTP) calls `suspend` of the most recently registered one that has it (a job the
   * shell can stop: a pipeline, a job brought back by `fg`). Returns the function that unregisters it.
   */
  foreground(controller: AbortController, suspend?: () => void): () => void;
}
