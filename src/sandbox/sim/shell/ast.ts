/**
 * The syntax tree of a shell command line, as the parser builds it and the interpreter runs it.
 * Words keep their parts unexpanded: `$?` and `$(...)` are evaluated when their command runs,
 * so `false; echo $?` sees the status of `false`.
 */

/** One piece of a word: literal text, a parameter, or a command substitution. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; quoted: boolean; op?: ParamOp; operand?: Word }
  | { kind: 'command'; list: CommandList; quoted: boolean };

/** The `${NAME...}` forms we support: default values and length. */
export type ParamOp = ':-' | '-' | ':+' | '+' | '#';

/** A shell word before expansion; `quoted` says whether any part was quoted (keeps `""` as an argument). */
export interface Word {
  parts: WordPart[];
  quoted: boolean;
}

/** `NAME=value` before a command (or alone). */
export interface Assignment {
  name: string;
  value: Word;
}

/** A redirection: `>file`, `2>&1`, `</dev/null`, `<<<word` ... */
export interface Redirection {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '<<<' | '&>';
  target: Word;
}

/** `name args...` with its assignments and redirections. */
export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirections: Redirection[];
}

/** `for NAME in WORDS; do LIST; done` */
export interface ForCommand {
  kind: 'for';
  name: string;
  /** Undefined means `for NAME; do` (iterate over the positional parameters: none here). */
  items: Word[] | undefined;
  body: CommandList;
  redirections: Redirection[];
}

/** `if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi` */
export interface IfCommand {
  kind: 'if';
  branches: { condition: CommandList; body: CommandList }[];
  otherwise: CommandList | undefined;
  redirections: Redirection[];
}

/** `while LIST; do LIST; done` and `until ...` */
export interface WhileCommand {
  kind: 'while';
  until: boolean;
  condition: CommandList;
  body: CommandList;
  redirections: Redirection[];
}

/** `{ LIST; }` (a group in the current shell) and `( LIST )` (a subshell). */
export interface GroupCommand {
  kind: 'group';
  subshell: boolean;
  body: CommandList;
  redirections: Redirection[];
}

/** Anything that can be a stage of a pipeline. */
export type Command = SimpleCommand | ForCommand | IfCommand | WhileCommand | GroupCommand;

/** `a | b | c`, optionally negated with `!`. `stderrToo` per stage marks `|&`. */
export interface Pipeline {
  negated: boolean;
  stages: Command[];
  /** For each stage but the last: true when joined to the next with `|&`. */
  stderrToo: boolean[];
  /** The pipeline's source, as `jobs` shows it once Ctrl-Z has made it a stopped job. */
  text: string;
}

/** `a && b || c` */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** Commands separated by `;`, `&` or newlines. */
export interface CommandList {
  /** `text`: the source of a background item, as `jobs` shows it. */
  items: { andOr: AndOr; background: boolean; text?: string }[];
}
