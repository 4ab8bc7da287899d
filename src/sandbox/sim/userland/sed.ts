/**
 * sed, the part lessons and learners use: `s/RE/REPLACEMENT/[gpI N]` with any delimiter, `p`,
 * `d` and `q`, each with an optional address (N, $, /RE/, or a range A,B), `-n`, `-e` (several),
 * `-E`/`-r`, and `;` or newlines between commands. Basic regular expressions are translated to
 * JavaScript's; input is stdin or the named files from the model.
 */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

interface CommandAddress {
  from?: Address;
  to?: Address;
  /** Inside an A,B range (per command, like GNU sed's state). */
  active?: boolean;
}

interface Substitute {
  name: 's';
  re: RegExp;
  replacement: string;
  print?: boolean;
  /** s///N: replace only the Nth match. */
  nth?: number;
}

type SedCommand = CommandAddress & (Substitute | { name: 'p' } | { name: 'd' } | { name: 'q' });

class SedError extends Error {
  /** Characters of the script read when the error was found (GNU's "char N"). */
  at = 0;
}

/** A POSIX basic regular expression as a JavaScript one (GNU's \+ \? \| included). */
function fromBasic(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === undefined) break;
    if (c === '\\' && i + 1 < re.length) {
      const n = re.charAt(++i);
      out += '(){}+?|'.includes(n) ? n : `\\${n}`;
    } else out += '(){}+?|'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** The replacement text as String.replace wants it: & and \1..\9, \n, literal $. */
function replacementOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === undefined) break;
    if (c === '$') out += '$$';
    else if (c === '&') out += '$&';
    else if (c === '\\' && i + 1 < text.length) {
      const n = text.charAt(++i);
      out += /\d/.test(n) ? `$${n}` : n === 'n' ? '\n' : n === '$' ? '$$' : n;
    } else out += c;
  }
  return out;
}

/** Parse a script (one -e) into commands. */
function parseScript(script: string, extended: boolean, commands: SedCommand[]): void {
  const state = { i: 0 };
  try {
    parseCommands(script, extended, commands, state);
  } catch (e) {
    if (e instanceof SedError) e.at = Math.min(state.i, script.length);
    throw e;
  }
}

function parseCommands(script: string, extended: boolean, commands: SedCommand[], state: { i: number }): void {
  let i = 0;
  const fail = (message: string): never => {
    state.i = i;
    throw new SedError(message);
  };
  const regex = (delim: string, flags = ''): RegExp => {
    let body = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && script[i + 1] === delim) i++;
      else if (script[i] === '\\') body += script[i++];
      body += script[i++];
    }
    if (script[i] !== delim) fail(`unterminated address regex`);
    i++;
    try {
      return new RegExp(extended ? body : fromBasic(body), flags);
    } catch {
      return fail('Invalid preceding regular expression');
    }
  };
  const address = (): Address | undefined => {
    const m = /^\d+/.exec(script.slice(i));
    if (m) {
      i += m[0].length;
      return { kind: 'line', n: Number(m[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (script[i] === '/') {
      i++;
      return { kind: 'regex', re: regex('/') };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script.charAt(i))) i++;
    if (i >= script.length) break;
    const command: CommandAddress = {};
    const from = address();
    if (from) command.from = from;
    if (from && script[i] === ',') {
      i++;
      const to = address();
      if (!to) fail("unexpected `,'");
      command.to = to;
    }
    while (script[i] === ' ') i++;
    const name = script[i++];
    if (name === 's') {
      const delim = script[i++];
      if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
      let body = '';
      while (i < script.length && script[i] !== delim) {
        if (script[i] === '\\' && script[i + 1] === delim) i++;
        else if (script[i] === '\\') body += script[i++];
        body += script[i++];
      }
      if (script[i] !== delim) fail("unterminated `s' command");
      i++;
      let replacement = '';
      while (i < script.length && script[i] !== delim) {
        if (script[i] === '\\' && script[i + 1] === delim) i++;
        else if (script[i] === '\\') replacement += script[i++];
        replacement += script[i++];
      }
      if (script[i] !== delim) fail("unterminated `s' command");
      i++;
      let flags = '';
      let print = false;
      let nth: number | undefined;
      for (;;) {
        const f = script[i];
        if (f === 'g') flags += 'g';
        else if (f === 'I' || f === 'i') flags += 'i';
        else if (f === 'p') print = true;
        else if (f !== undefined && /\d/.test(f)) nth = (nth ?? 0) * 10 + Number(f);
        else break;
        i++;
      }
      let re: RegExp;
      try {
        re = new RegExp(extended ? body : fromBasic(body), nth !== undefined ? `${flags.replace('g', '')}g` : flags);
      } catch {
        re = fail('Invalid preceding regular expression');
      }
      commands.push({ ...command, name: 's', re, replacement: replacementOf(replacement), print, ...(nth !== undefined ? { nth } : {}) });
    } else if (name === 'p' || name === 'd' || name === 'q') {
      commands.push({ ...command, name });
    } else {
      fail(name === undefined ? 'missing command' : `unknown command: \`${name}'`);
    }
    while (script[i] === ' ') i++;
    if (i < script.length && script[i] !== ';' && script[i] !== '\n' && script[i] !== '}') fail(`extra characters after command`);
  }
}

function matches(a: Address, line: string, n: number, last: boolean): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return last;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

function selected(c: SedCommand, line: string, n: number, last: boolean): boolean {
  if (!c.from) return true;
  if (!c.to) return matches(c.from, line, n, last);
  if (c.active) {
    if (matches(c.to, line, n, last) || (c.to.kind === 'line' && n >= c.to.n)) c.active = false;
    return true;
  }
  if (!matches(c.from, line, n, last)) return false;
  c.active = !(c.to.kind === 'line' && c.to.n <= n);
  return true;
}

/** The sed program. */
export const sed: Tool = async (p, ctx) => {
  const bb = p.toolset === 'busybox';
  const args = ctx.argv.slice(1);
  let quiet = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (/^-[nEr]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (/[Er]/.test(a)) extended = true;
    } else if (a.startsWith('-') && a !== '-') return failWith(ctx, bb ? `sed: unrecognized option '${a}'` : `sed: invalid option -- '${a.slice(1, 2)}'`);
    else if (scripts.length === 0 && files.length === 0 && !args.slice(0, i).some((x) => x === '-e')) scripts.push(a);
    else files.push(a);
  }
  if (scripts.length === 0)
    return failWith(ctx, bb ? 'Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...' : 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...', bb ? 1 : 1);
  const commands: SedCommand[] = [];
  for (const [k, script] of scripts.entries()) {
    try {
      parseScript(script, extended, commands);
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      return failWith(ctx, bb ? `sed: ${e.message}` : `sed: -e expression #${k + 1}, char ${e.at}: ${e.message}`);
    }
  }
  let text = '';
  if (files.length === 0) text = ctx.io.stdin;
  for (const f of files) {
    const r = f === '-' ? { ok: true as const, text: ctx.io.stdin } : readFile(p, f);
    if (!r.ok) {
      ctx.io.stderr(bb ? `sed: ${f}: No such file or directory\n` : `sed: can't read ${f}: No such file or directory\n`);
      continue;
    }
    text += r.text;
  }
  const lines = linesOf(text);
  const out: string[] = [];
  for (const [index, original] of lines.entries()) {
    const n = index + 1;
    const last = n === lines.length;
    let line = original;
    let deleted = false;
    let quit = false;
    for (const c of commands) {
      if (!selected(c, line, n, last)) continue;
      if (c.name === 'p') out.push(line);
      else if (c.name === 'd') {
        deleted = true;
        break;
      } else if (c.name === 'q') {
        quit = true;
        break;
      } else {
        const { re, replacement } = c;
        re.lastIndex = 0;
        let replaced: string;
        if (c.nth !== undefined) {
          let count = 0;
          replaced = line.replace(re, (...m) => (++count === c.nth ? (m[0] as string).replace(new RegExp(re.source, re.flags.replace('g', '')), replacement) : (m[0] as string)));
        } else replaced = line.replace(re, replacement);
        re.lastIndex = 0;
        const changed = replaced !== line || re.test(line);
        line = replaced;
        if (changed && c.print) out.push(line);
      }
    }
    if (!deleted && !quiet) out.push(line);
    if (quit) break;
  }
  if (out.length > 0) ctx.io.stdout(out.join('\n') + '\n');
  return files.length > 0 && files.some((f) => f !== '-' && !readFile(p, f).ok) ? 2 : 0;
};
