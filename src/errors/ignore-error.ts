/**
 * Ignoring a failure on purpose, said out loud. Use it only where nothing is left to do about the
 * error (best-effort cleanup on a path that is already failing or closing, a socket whose 'close'
 * is handled after its 'error'); anything else deserves a handled case. The reason names the
 * handler, so a debugger or a stack shows why the error was dropped.
 */
export function ignoreError(reason: string): (error: unknown) => void {
  return Object.defineProperty((_error: unknown): void => undefined, 'name', { value: `ignored: ${reason}` });
}
