/**
 * Word expansion: tilde, parameters, command substitution, then field splitting of the unquoted
 * results, in that order as POSIX says. There is no filesystem, so there is no pathname
 * expansion: `*` stays literal, as bash leaves a glob that matches nothing.
 */
import type { CommandList, Word, WordPart } from './ast.ts';

/** What expansion needs from the shell running the command. */
export interface ExpansionScope {
  /** A variable or special parameter (`?`, `$`, `0`...); undefined when unset. */
  lookup(name: string): string | undefined;
  /** Run `list` in a subshell and return its standard output. */
  substitute(list: CommandList): Promise<string>;
  home(): string;
}

/** Expand words into the argument list (with field splitting; empty unquoted results vanish). */
export async function expandWords(words: readonly Word[], scope: ExpansionScope): Promise<string[]> {
  const fields: string[] = [];
  for (const word of words) fields.push(...(await expandFields(word, scope)));
  return fields;
}

/** Expand one word to one string, without field splitting (assignments, redirection targets). */
export async function expandWord(word: Word, scope: ExpansionScope): Promise<string> {
  let out = '';
  for (const [i, part] of word.parts.entries()) out += await expandPart(part, i === 0, scope);
  return out;
}

async function expandFields(word: Word, scope: ExpansionScope): Promise<string[]> {
  const fields: string[] = [];
  let current = '';
  let keep = word.quoted;
  for (const [i, part] of word.parts.entries()) {
    const value = await expandPart(part, i === 0, scope);
    if (part.kind === 'text' || part.quoted) {
      current += value;
      if (value) keep = true;
      continue;
    }
    // An unquoted expansion is split on blanks: `X="a b"; echo $X` passes two arguments.
    const pieces = value.split(/[ \t\n]+/);
    for (const [j, piece] of pieces.entries()) {
      if (j > 0) {
        if (keep) fields.push(current);
        current = '';
        keep = false;
      }
      if (piece) {
        current += piece;
        keep = true;
      }
    }
  }
  if (keep) fields.push(current);
  return fields;
}

async function expandPart(part: WordPart, first: boolean, scope: ExpansionScope): Promise<string> {
  switch (part.kind) {
    case 'text':
      if (first && !part.quoted && part.text.startsWith('~') && (part.text.length === 1 || part.text[1] === '/')) {
        return scope.home() + part.text.slice(1);
      }
      return part.text;
    case 'command':
      // Command substitution drops trailing newlines.
      return (await scope.substitute(part.list)).replace(/\n+$/, '');
    case 'param': {
      const value = scope.lookup(part.name);
      switch (part.op) {
        case undefined:
          return value ?? '';
        case '#':
          return String([...(value ?? '')].length);
        case ':-':
          return value ? value : part.operand ? expandWord(part.operand, scope) : '';
        case '-':
          return value !== undefined ? value : part.operand ? expandWord(part.operand, scope) : '';
        case ':+':
          return value ? (part.operand ? expandWord(part.operand, scope) : '') : '';
        case '+':
          return value !== undefined ? (part.operand ? expandWord(part.operand, scope) : '') : '';
      }
    }
  }
}
