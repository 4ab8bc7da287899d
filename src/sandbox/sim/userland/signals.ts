/** Signal names and numbers, as kill(1), bash's kill builtin and busybox's get_signum know them (Linux x86-64). */

/** Signal numbers by name, for the signals the model's programs and shell tell apart. */
export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, ALRM: 14, TERM: 15 };

/** A signal given by name (with or without SIG, any case) or number; undefined when unknown. */
export function signalNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 64 ? n : undefined;
  }
  return SIGNAL_NUMBERS[text.toUpperCase().replace(/^SIG/, '')];
}
