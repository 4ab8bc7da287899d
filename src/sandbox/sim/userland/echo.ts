/** echo: arguments joined by spaces; -n drops the newline, -e interprets \n and \t. */
import type { Tool } from './registry.ts';

/** The echo program (the shell builtin behaves the same). */
export const echo: Tool = async (_p, ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  for (let f = args[0]; f !== undefined && /^-[neE]+$/.test(f); f = args[0]) {
    args.shift();
    if (f.includes('n')) newline = false;
    if (f.includes('e')) escapes = true;
    if (f.includes('E')) escapes = false;
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  ctx.io.stdout(newline ? text + '\n' : text);
  return 0;
};
