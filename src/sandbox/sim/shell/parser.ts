/**
 * A recursive-descent parser for the POSIX shell subset learners type: quotes, escapes,
 * parameters, command substitution, pipes, && || ; &, redirections, and the compound commands
 * for/if/while/until, { } and ( ). It reports errors in bash's wording, and tells an interactive
 * caller when a line is incomplete (open quote, trailing |) so it can ask for more with `> `.
 */
import type { AndOr, Assignment, Command, CommandList, ParamOp, Pipeline, Redirection, SimpleCommand, Word, WordPart } from './ast.ts';

/** What parsing a command line produced. Messages are bash's, without the leading `bash: `. */
export type ParseResult =
  | { kind: 'ok'; list: CommandList }
  | { kind: 'error'; message: string }
  /** The input ends inside a construct; `messages` is what bash says if no more input comes. */
  | { kind: 'incomplete'; messages: string[] };

/** Parse a whole command line (possibly several lines joined by newlines). Never throws. */
export function parse(source: string): ParseResult {
  try {
    const parser = new Parser(source);
    const list = parser.parseProgram();
    return { kind: 'ok', list };
  } catch (e) {
    if (e instanceof ParseFailure) {
      return e.incomplete ? { kind: 'incomplete', messages: e.messages } : { kind: 'error', message: e.messages[0] ?? '' };
    }
    return { kind: 'error', message: `syntax error: ${String(e)}` };
  }
}

class ParseFailure {
  readonly incomplete: boolean;
  readonly messages: string[];
  constructor(incomplete: boolean, messages: string[]) {
    this.incomplete = incomplete;
    this.messages = messages;
  }
}

const EOF_MESSAGE = 'syntax error: unexpected end of file';

function unexpected(token: string): ParseFailure {
  return new ParseFailure(false, [`syntax error near unexpected token \`${token}'`]);
}

function endOfInput(matching?: string): ParseFailure {
  const messages = matching ? [`unexpected EOF while looking for matching \`${matching}'`, EOF_MESSAGE] : [EOF_MESSAGE];
  return new ParseFailure(true, messages);
}

function unsupported(what: string): ParseFailure {
  return new ParseFailure(false, [`${what}: not supported by this simulated shell`]);
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const BARE_STOP = new Set([...META, "'", '"', '\\', '$', '`']);
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!', 'case', 'esac', 'function', 'select']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DEPTH = 64;

class Parser {
  private readonly src: string;
  private pos = 0;
  private depth = 0;

  constructor(src: string) {
    this.src = src;
  }

  parseProgram(): CommandList {
    const list = this.parseList([], false);
    this.skipBlanks();
    if (this.pos < this.src.length) throw unexpected(this.tokenAt());
    return list;
  }

  // ---- lists -------------------------------------------------------------------------------

  /** Items up to the end, a `)` (when `closeParen`), or one of the reserved `terminators`. */
  private parseList(terminators: readonly string[], closeParen: boolean): CommandList {
    if (++this.depth > MAX_DEPTH) throw new ParseFailure(false, ['syntax error: nesting too deep']);
    const items: CommandList['items'] = [];
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.pos >= this.src.length) break;
      if (this.peek() === ')') {
        if (closeParen) break;
        throw unexpected(')');
      }
      const bare = this.peekBareWord();
      if (bare !== undefined && terminators.includes(bare)) {
        if (items.length === 0 && terminators.length > 0) throw unexpected(bare);
        break;
      }
      const start = this.pos;
      const andOr = this.parseAndOr();
      this.skipBlanks();
      const text = this.src.slice(start, this.pos).trim();
      const c = this.peek();
      let background = false;
      if (c === ';') {
        if (this.src[this.pos + 1] === ';') throw unexpected(';;');
        this.pos++;
      } else if (c === '&') {
        this.pos++;
        background = true;
      } else if (c === '\n') {
        this.pos++;
      } else if (c !== undefined && c !== ')') {
        // Only a reserved word that closes the enclosing construct may follow without a separator.
        const next = this.peekBareWord();
        if (next === undefined || !terminators.includes(next)) throw unexpected(this.tokenAt());
      }
      items.push(background ? { andOr, background, text } : { andOr, background });
    }
    this.depth--;
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.src.startsWith('&&', this.pos) ? '&&' : this.src.startsWith('||', this.pos) ? '||' : undefined;
      if (!op) break;
      this.pos += 2;
      this.skipBlanksAndNewlines();
      if (this.pos >= this.src.length) throw endOfInput();
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    const start = this.pos;
    let negated = false;
    if (this.peekBareWord() === '!') {
      this.pos++;
      negated = true;
      this.skipBlanks();
    }
    const stages: Command[] = [this.parseCommand()];
    const stderrToo: boolean[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.src[this.pos + 1] === '|') break;
      this.pos++;
      const both = this.peek() === '&';
      if (both) this.pos++;
      stderrToo.push(both);
      this.skipBlanksAndNewlines();
      if (this.pos >= this.src.length) throw endOfInput();
      stages.push(this.parseCommand());
    }
    return { negated, stages, stderrToo, text: this.src.slice(start, this.pos).trim() };
  }

  // ---- commands ----------------------------------------------------------------------------

  private parseCommand(): Command {
    this.skipBlanks();
    if (this.pos >= this.src.length) throw endOfInput();
    const c = this.peek();
    if (c === '(') {
      this.pos++;
      const body = this.parseList([], true);
      if (this.pos >= this.src.length) throw endOfInput();
      this.pos++; // the `)`
      if (body.items.length === 0) throw unexpected(')');
      return { kind: 'group', subshell: true, body, redirections: this.parseTrailingRedirections() };
    }
    if (c === ';' || c === '&' || c === '|' || c === ')' || c === '\n') throw unexpected(this.tokenAt());
    const bare = this.peekBareWord();
    switch (bare) {
      case '{': {
        this.pos++;
        const body = this.parseList(['}'], false);
        this.expectKeyword('}');
        return { kind: 'group', subshell: false, body, redirections: this.parseTrailingRedirections() };
      }
      case 'if':
        return this.parseIf();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until':
        return this.parseWhile(bare === 'until');
      case 'case':
      case 'select':
      case 'function':
        throw unsupported(bare);
      case 'then':
      case 'else':
      case 'elif':
      case 'fi':
      case 'do':
      case 'done':
      case '}':
      case 'esac':
        throw unexpected(bare);
      default:
        return this.parseSimple();
    }
  }

  private parseSimple(): SimpleCommand {
    const command: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirections: [] };
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const redirection = this.tryRedirection();
      if (redirection) {
        command.redirections.push(redirection);
        continue;
      }
      const c = this.peek() ?? '';
      if (c === '(') {
        throw command.words.length === 1 ? unsupported('function definitions') : unexpected('(');
      }
      if (META.has(c)) break;
      const assignment = command.words.length === 0 ? this.tryAssignment() : undefined;
      if (assignment) command.assignments.push(assignment);
      else command.words.push(this.readWord());
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirections.length === 0) {
      throw unexpected(this.tokenAt());
    }
    return command;
  }

  private parseIf(): Command {
    this.pos += 2;
    const branches: { condition: CommandList; body: CommandList }[] = [];
    let otherwise: CommandList | undefined;
    for (;;) {
      const condition = this.parseList(['then'], false);
      this.expectKeyword('then');
      const body = this.parseList(['elif', 'else', 'fi'], false);
      branches.push({ condition, body });
      const next = this.expectKeyword('elif', 'else', 'fi');
      if (next === 'elif') continue;
      if (next === 'else') {
        otherwise = this.parseList(['fi'], false);
        this.expectKeyword('fi');
      }
      break;
    }
    return { kind: 'if', branches, otherwise, redirections: this.parseTrailingRedirections() };
  }

  private parseFor(): Command {
    this.pos += 3;
    this.skipBlanks();
    if (this.pos >= this.src.length) throw endOfInput();
    const name = this.peekBareWord();
    if (name === undefined || !NAME.test(name)) {
      const word = this.readWord();
      throw new ParseFailure(false, [`\`${literalOf(word)}': not a valid identifier`]);
    }
    this.pos += name.length;
    this.skipBlanks();
    let items: Word[] | undefined;
    if (this.peekBareWord() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.peek();
        if (c === undefined) throw endOfInput();
        if (c === ';' || c === '\n') break;
        if (META.has(c)) throw unexpected(this.tokenAt());
        items.push(this.readWord());
      }
    }
    this.skipBlanks();
    if (this.peek() === ';') this.pos++;
    this.skipBlanksAndNewlines();
    this.expectKeyword('do');
    const body = this.parseList(['done'], false);
    this.expectKeyword('done');
    return { kind: 'for', name, items, body, redirections: this.parseTrailingRedirections() };
  }

  private parseWhile(until: boolean): Command {
    this.pos += 5; // `while` and `until` are both five letters
    const condition = this.parseList(['do'], false);
    this.expectKeyword('do');
    const body = this.parseList(['done'], false);
    this.expectKeyword('done');
    return { kind: 'while', until, condition, body, redirections: this.parseTrailingRedirections() };
  }

  private expectKeyword(...keywords: string[]): string {
    this.skipBlanksAndNewlines();
    if (this.pos >= this.src.length) throw endOfInput();
    const bare = this.peekBareWord();
    if (bare === undefined || !keywords.includes(bare)) throw unexpected(this.tokenAt());
    this.pos += bare.length;
    return bare;
  }

  private parseTrailingRedirections(): Redirection[] {
    const redirections: Redirection[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirection();
      if (!r) return redirections;
      redirections.push(r);
    }
  }

  // ---- redirections and assignments --------------------------------------------------------

  private tryRedirection(): Redirection | undefined {
    const m = /^(\d*)(&>>|&>|>>|>&|>\||<<<|<<|<&|<>|>|<)/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!m) return undefined;
    const digits = m[1] ?? '';
    const raw = m[2] ?? '';
    if (digits && raw.startsWith('&')) return undefined;
    this.pos += m[0].length;
    if (raw === '<<') throw unsupported('here-documents (<<)');
    if (raw === '<>') throw unsupported('<>');
    const op: Redirection['op'] = raw === '>|' ? '>' : raw === '&>>' ? '&>' : (raw as Redirection['op']);
    const fd = digits ? Number(digits) : raw.startsWith('<') ? 0 : 1;
    this.skipBlanks();
    const c = this.peek();
    if (c === undefined || c === '\n') throw unexpected('newline');
    if (META.has(c)) throw unexpected(this.tokenAt());
    return { fd: Math.min(fd, 99), op, target: this.readWord() };
  }

  private tryAssignment(): Assignment | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    const c = this.peek();
    const value: Word = c === undefined || META.has(c) ? { parts: [], quoted: false } : this.readWord();
    return { name: m[0].slice(0, -1), value };
  }

  // ---- words -------------------------------------------------------------------------------

  /** A word up to the next unquoted metacharacter. */
  private readWord(): Word {
    const word: Word = { parts: [], quoted: false };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (META.has(c)) break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw endOfInput();
        this.pos += 2;
        if (next !== '\n') pushText(word, next, true);
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw endOfInput("'");
        pushText(word, this.src.slice(this.pos + 1, end), true);
        word.quoted = true;
        this.pos = end + 1;
      } else if (c === '"') {
        this.readDoubleQuoted(word);
      } else if (c === '$') {
        this.readDollar(word, false);
      } else if (c === '`') {
        this.readBackticks(word, false);
      } else {
        pushText(word, c, false);
        this.pos++;
      }
    }
    return word;
  }

  private readDoubleQuoted(word: Word): void {
    word.quoted = true;
    this.pos++;
    pushText(word, '', true);
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw endOfInput('"');
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw endOfInput('"');
        if ('$`"\\\n'.includes(next)) {
          if (next !== '\n') pushText(word, next, true);
          this.pos += 2;
        } else {
          pushText(word, '\\', true);
          this.pos++;
        }
      } else if (c === '$') {
        this.readDollar(word, true);
      } else if (c === '`') {
        this.readBackticks(word, true);
      } else {
        pushText(word, c, true);
        this.pos++;
      }
    }
  }

  private readDollar(word: Word, quoted: boolean): void {
    const next = this.src[this.pos + 1];
    if (next === '(') {
      if (this.src[this.pos + 2] === '(') throw unsupported('arithmetic expansion $((...))');
      this.pos += 2;
      const list = this.parseList([], true);
      if (this.pos >= this.src.length) throw endOfInput(')');
      this.pos++;
      word.parts.push({ kind: 'command', list, quoted });
      return;
    }
    if (next === '{') {
      this.readBraced(word, quoted);
      return;
    }
    if (next !== undefined && /[?$#!@*\-0-9]/.test(next)) {
      this.pos += 2;
      word.parts.push({ kind: 'param', name: next, quoted });
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos + 1, this.pos + 257));
    if (m) {
      this.pos += 1 + m[0].length;
      word.parts.push({ kind: 'param', name: m[0], quoted });
      return;
    }
    pushText(word, '$', quoted);
    this.pos++;
  }

  private readBraced(word: Word, quoted: boolean): void {
    const start = this.pos;
    const end = this.src.indexOf('}', this.pos + 2);
    if (end < 0) throw endOfInput('}');
    const body = this.src.slice(this.pos + 2, end);
    this.pos = end + 1;
    const bad = () => new ParseFailure(false, [`${this.src.slice(start, end + 1)}: bad substitution`]);
    if (body.startsWith('#') && body.length > 1) {
      const name = body.slice(1);
      if (!isParamName(name)) throw bad();
      word.parts.push({ kind: 'param', name, quoted, op: '#' });
      return;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*\-0-9])(:-|-|:\+|\+)?/.exec(body);
    if (!m) throw bad();
    const name = m[1] as string;
    const op = m[2] as ParamOp | undefined;
    const rest = body.slice(m[0].length);
    if (!op) {
      if (rest) throw bad();
      word.parts.push({ kind: 'param', name, quoted });
      return;
    }
    // The operand is expanded like double-quoted text, so spaces in it stay literal.
    const operandParser = new Parser(`"${rest.replace(/(["\\])/g, '\\$1')}"`);
    const operand = operandParser.readWord();
    word.parts.push({ kind: 'param', name, quoted, op, operand });
  }

  private readBackticks(word: Word, quoted: boolean): void {
    let i = this.pos + 1;
    let inner = '';
    for (;;) {
      const c = this.src[i];
      if (c === undefined) throw endOfInput('`');
      if (c === '`') break;
      if (c === '\\' && i + 1 < this.src.length && '$`\\'.includes(this.src[i + 1] as string)) {
        inner += this.src[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    this.pos = i + 1;
    const sub = new Parser(inner);
    sub.depth = this.depth + 1;
    word.parts.push({ kind: 'command', list: sub.parseProgram(), quoted });
  }

  // ---- scanning ----------------------------------------------------------------------------

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  /** Spaces, tabs, `\`-newline continuations and a comment up to (not including) the newline. */
  private skipBlanks(): void {
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl;
      } else break;
    }
  }

  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '\n') return;
      this.pos++;
    }
  }

  /** The plain word at the cursor when it has no quotes or expansions, for reserved words. */
  private peekBareWord(): string | undefined {
    let end = this.pos;
    while (end < this.src.length && !BARE_STOP.has(this.src[end] as string)) end++;
    const next = this.src[end];
    if (end === this.pos || (next !== undefined && !META.has(next))) return undefined;
    const word = this.src.slice(this.pos, end);
    return RESERVED.has(word) || NAME.test(word) ? word : undefined;
  }

  /** How bash names the token at the cursor in a syntax error. */
  private tokenAt(): string {
    const rest = this.src.slice(this.pos);
    if (rest === '' || rest.startsWith('\n')) return 'newline';
    const op = /^(;;|&&|\|\||\|&|>>|<<|[;&|()<>])/.exec(rest);
    if (op) return op[0];
    return /^[^\s;&|()<>]+/.exec(rest)?.[0] ?? rest.charAt(0);
  }
}

function pushText(word: Word, text: string, quoted: boolean): void {
  const last = word.parts[word.parts.length - 1];
  if (last && last.kind === 'text' && last.quoted === quoted) last.text += text;
  else word.parts.push({ kind: 'text', text, quoted });
}

function isParamName(name: string): boolean {
  return NAME.test(name) || /^[?$#!@*\-0-9]$/.test(name);
}

/** The literal text of a word whose parts are all text (for error messages). */
export function literalOf(word: Word): string {
  return word.parts.map((p: WordPart) => (p.kind === 'text' ? p.text : p.kind === 'param' ? `$${p.name}` : '$(...)')).join('');
}
