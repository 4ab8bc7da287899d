/**
 * A keyboard way out of the terminal. xterm keeps Tab for shell completion, so Tab alone can never
 * leave; Esc followed by Tab (or Shift+Tab) lets the browser move focus as usual. Esc itself still
 * reaches the shell.
 */

/** A key handler for `term.attachCustomKeyEventHandler`: false means "xterm, ignore this key". */
export function escapeThenTab(): (event: KeyboardEvent) => boolean {
  let armed = false;
  return (event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Tab' && armed) {
      armed = false;
      return false;
    }
    armed = event.key === 'Escape';
    return true;
  };
}
