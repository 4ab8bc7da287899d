/** Shell names; a shell path runs the shell program rather than a tool. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash']);
