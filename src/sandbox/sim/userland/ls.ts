/**
 * ls over the directories the model knows (filesystem.ts listDir): names sorted, in columns on a
 * terminal (GNU fits the most columns of varying width; busybox uses one width for all), one per
 * line otherwise or with -1; -a adds . and .. and dot files, -A dot files, -l a long listing.
 */
import { listDir, readFile } from './filesystem.ts';
import type { Proc } from './proc.ts';
import type { ProgramContext } from './program.ts';
import type { Tool } from './registry.ts';

interface Opts {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  one: boolean;
  directory: boolean;
}

/** GNU layout: the most columns (vertical fill) whose widths (name + 2, last without) fit. */
function gnuColumns(names: readonly string[], width: number): string {
  const n = names.length;
  for (let cols = Math.min(n, Math.max(1, Math.floor(width / 3))); cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    if (Math.ceil(n / rows) !== cols) continue;
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((s) => s.length)) + (c < cols - 1 ? 2 : 0));
    if (widths.reduce((a, b) => a + b, 0) <= width) return layout(names, rows, cols, (c) => widths[c] ?? 0);
  }
  return names.map((s) => s + '\n').join('');
}

/** Busybox layout: every column as wide as the longest name plus 2. */
function busyboxColumns(names: readonly string[], width: number): string {
  const colWidth = Math.max(...names.map((s) => s.length)) + 2;
  const cols = Math.max(1, Math.floor(width / colWidth));
  const rows = Math.ceil(names.length / cols);
  return layout(names, rows, cols, () => colWidth);
}

function layout(names: readonly string[], rows: number, cols: number, widthOf: (c: number) => number): string {
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      const name = names[c * rows + r];
      if (name !== undefined) cells.push(name);
    }
    out += cells.map((s, c) => (c < cells.length - 1 ? s.padEnd(widthOf(c)) : s)).join('') + '\n';
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One long-listing line: files are their text's length, directories 4096. */
function longLine(p: Proc, dir: string, name: string, ms: number): { line: string; blocks: number } {
  const full = name === '.' ? dir : name === '..' ? `${dir}/..` : `${dir === '/' ? '' : dir}/${name}`;
  const isDir = listDir(p, full).ok;
  const file = isDir ? undefined : readFile(p, full);
  const size = isDir ? 4096 : file?.ok ? file.text.length : 0;
  const d = new Date(ms);
  const date = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const mode = isDir ? 'drwxr-xr-x' : '-rw-r--r--';
  const line =
    p.toolset === 'busybox'
      ? `${mode} ${String(isDir ? 2 : 1).padStart(4)} root     root     ${String(size).padStart(9)} ${date} ${name}`
      : `${mode} ${isDir ? 2 : 1} root root ${String(size).padStart(4)} ${date} ${name}`;
  return { line, blocks: Math.ceil(size / 4096) * 4 };
}

function render(p: Proc, ctx: ProgramContext, o: Opts, dir: string, names: string[]): string {
  if (names.length === 0) return o.long ? 'total 0\n' : '';
  if (o.long) {
    const lines = names.map((n) => longLine(p, dir, n, p.container?.startedAt ?? p.kernel.bootedAt));
    return `total ${lines.reduce((a, l) => a + l.blocks, 0)}\n` + lines.map((l) => l.line + '\n').join('');
  }
  if (o.one || !ctx.interactive) return names.map((s) => s + '\n').join('');
  const width = ctx.session.columns();
  return p.toolset === 'busybox' ? busyboxColumns(names, width) : gnuColumns(names, width);
}

/** The ls program. */
export const ls: Tool = async (p, ctx) => {
  const busybox = p.toolset === 'busybox';
  const o: Opts = { all: false, almostAll: false, long: false, one: false, directory: false };
  const operands: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1 && a !== '--') {
      for (const f of a.slice(1)) {
        if (f === 'a') o.all = true;
        else if (f === 'A') o.almostAll = true;
        else if (f === 'l') o.long = true;
        else if (f === '1') o.one = true;
        else if (f === 'd') o.directory = true;
        else if (!'hFp'.includes(f)) {
          ctx.io.stderr(busybox ? `ls: unrecognized option: ${f}\n` : `ls: invalid option -- '${f}'\nTry 'ls --help' for more information.\n`);
          return 2;
        }
      }
    } else if (a !== '--') operands.push(a);
  }
  const cwd = ctx.env.PWD ?? '/';
  const args = operands.length ? operands : ['.'];
  const files: string[] = [];
  const dirs: { name: string; path: string; entries: string[] }[] = [];
  let status = 0;
  for (const arg of args) {
    const path = arg.startsWith('/') ? arg : `${cwd === '/' ? '' : cwd}/${arg}`;
    const r = listDir(p, path);
    if (r.ok && !o.directory) {
      let entries = r.entries;
      if (!o.all && !o.almostAll) entries = entries.filter((e) => !e.startsWith('.'));
      if (o.all) entries = ['.', '..', ...entries];
      dirs.push({ name: arg, path, entries });
    } else if (r.ok || r.error === 'ENOTDIR') files.push(arg);
    else {
      ctx.io.stderr(busybox ? `ls: ${arg}: No such file or directory\n` : `ls: cannot access '${arg}': No such file or directory\n`);
      status = busybox ? 1 : 2;
    }
  }
  const blocks: string[] = [];
  if (files.length) blocks.push(render(p, ctx, { ...o, long: false }, cwd, files.sort()));
  const headers = args.length > 1;
  for (const d of dirs) blocks.push((headers ? `${d.name}:\n` : '') + render(p, ctx, o, d.path, d.entries));
  ctx.io.stdout(blocks.join(headers ? '\n' : ''));
  return status;
};
