/**
 * The shell's language: what it needs to run a command line (the parser, the interpreter with its
 * builtins and expansions, Tab completion), as against what it needs to show a prompt and read a
 * line (shell.ts, jobs.ts, the line discipline). The shell reaches it through language-source.ts,
 * so the browser's worker can load it after the first prompt, with the programs.
 */
export { parse } from './parser.ts';
export { Interpreter } from './interpreter.ts';
export { builtinNames } from './builtins.ts';
export { completeCommandLine } from './completion.ts';
