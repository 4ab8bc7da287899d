/**
 * cut: the -b/-c byte or character ranges, or the -f fields split by -d (TAB by default), of each
 * line of stdin or files; busybox's and GNU coreutils' error wording. Lines without the
 * delimiter pass whole unless -s.
 */
import { readFile } from './filesystem.ts';
import { failWith, linesOf, type Tool } from './registry.ts';

/** One range of a LIST, 1-based and inclusive (`to` Infinity for "N-"). */
interface Range {
  from: number;
  to: number;
}

interface Options {
  mode: 'chars' | 'fields';
  ranges: Range[];
  delimiter: string;
  onlyDelimited: boolean;
  files: string[];
}

/** LIST: N, N-, N-M and -M joined by commas; undefined when malformed. */
function parseList(text: string): Range[] | undefined {
  const ranges: Range[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    if (from < 1 || to < from) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

function parse(args: readonly string[], bb: boolean): Options | string {
  const o: Options = { mode: 'fields', ranges: [], delimiter: '\t', onlyDelimited: false, files: [] };
  let list: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-s') o.onlyDelimited = true;
    else if (/^-[bcfd]/.test(a)) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return bb ? `cut: option requires an argument -- '${a[1]}'` : `cut: option requires an argument -- '${a[1]}'\nTry 'cut --help' for more information.`;
      if (a[1] === 'd') {
        if ([...value].length !== 1) return bb ? 'cut: the delimiter must be a single character' : "cut: the delimiter must be a single character\nTry 'cut --help' for more information.";
        o.delimiter = value;
      } else {
        if (list !== undefined) return bb ? 'cut: only one list may be specified' : "cut: only one list may be specified\nTry 'cut --help' for more information.";
        list = value;
        o.mode = a[1] === 'f' ? 'fields' : 'chars';
      }
    } else if (a.startsWith('-') && a !== '-') return bb ? `cut: invalid option -- '${a[1]}'` : `cut: invalid option -- '${a[1]}'\nTry 'cut --help' for more information.`;
    else o.files.push(a);
  }
  if (list === undefined) return bb ? 'cut: expected a list of bytes, characters, or fields' : "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.";
  const ranges = parseList(list);
  if (ranges === undefined) return bb ? `cut: invalid byte or field list '${list}'` : `cut: invalid field range\nTry 'cut --help' for more information.`;
  o.ranges = ranges;
  return o;
}

function selected(ranges: readonly Range[], position: number): boolean {
  return ranges.some((r) => position >= r.from && position <= r.to);
}

function cutLine(line: string, o: Options): string | undefined {
  if (o.mode === 'chars') {
    return [...line].filter((_, i) => selected(o.ranges, i + 1)).join('');
  }
  if (!line.includes(o.delimiter)) return o.onlyDelimited ? undefined : line;
  return line
    .split(o.delimiter)
    .filter((_, i) => selected(o.ranges, i + 1))
    .join(o.delimiter);
}

/** The cut program. */
export const cut: Tool = async (p, ctx) => {
  const bb = p.toolset === 'busybox';
  const o = parse(ctx.argv.slice(1), bb);
  if (typeof o === 'string') return failWith(ctx, o);
  let status = 0;
  const inputs: string[] = [];
  for (const f of o.files.length === 0 ? ['-'] : o.files) {
    if (f === '-') {
      inputs.push(ctx.io.stdin);
      continue;
    }
    const r = readFile(p, f);
    if (r.ok) inputs.push(r.text);
    else {
      status = 1;
      ctx.io.stderr(bb ? `cut: can't open '${f}': No such file or directory\n` : `cut: ${f}: No such file or directory\n`);
    }
  }
  const out: string[] = [];
  for (const text of inputs) {
    for (const line of linesOf(text)) {
      const cutText = cutLine(line, o);
      if (cutText !== undefined) out.push(`${cutText}\n`);
    }
  }
  ctx.io.stdout(out.join(''));
  return status;
};
