/**
 * The Go text/template subset docker's --format uses: fields ({{.Name}}, {{.IPAM.Config}}),
 * variables, range (with $k, $v :=), if/else/with, pipelines and the CLI's functions (json, index,
 * len, join, split, upper, lower, title, println, printf with %s/%d/%v). Values print the way
 * Go's fmt prints them (maps as map[k:v], structs as {a b}, nil as <nil>).
 */
import { goJson } from './json.ts';

type Value = unknown;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline }
  | { kind: 'if' | 'with'; pipe: Pipeline; body: Node[]; else: Node[] }
  | { kind: 'range'; pipe: Pipeline; vars: string[]; body: Node[]; else: Node[] };

interface Pipeline {
  decl: string[];
  cmds: Operand[][];
}

type Operand = { kind: 'field'; base: 'dot' | string; path: string[] } | { kind: 'lit'; value: Value } | { kind: 'func'; name: string } | { kind: 'sub'; pipe: Pipeline; path: string[] };

/** A template error, worded like Go's. */
export class TemplateError extends Error {}

function tokenizeAction(src: string): string[] {
  const toks: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|:=|\||\(|\)(?:\.[A-Za-z_]\w*)*|,|[^\s|(),"]+)/y;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(pos))) break;
      throw new TemplateError(`unexpected "${src[pos]}" in command`);
    }
    toks.push(m[1] ?? '');
    pos = re.lastIndex;
  }
  return toks;
}

function parsePipeline(toks: string[]): Pipeline {
  let i = 0;
  const decl: string[] = [];
  const assign = toks.indexOf(':=');
  if (assign > 0 && toks.slice(0, assign).every((t) => t.startsWith('$') || t === ',')) {
    decl.push(...toks.slice(0, assign).filter((t) => t !== ','));
    i = assign + 1;
  }
  let current: Operand[] = [];
  const cmds: Operand[][] = [current];
  for (let t = toks[i]; t !== undefined; t = toks[++i]) {
    if (t === '|') {
      current = [];
      cmds.push(current);
      continue;
    }
    if (t === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < toks.length && depth > 0; j++) {
        if (toks[j] === '(') depth++;
        if (toks[j]?.startsWith(')')) depth--;
      }
      // "(pipeline).Field.Chain" arrives as one closing token carrying the chain.
      const close = toks[j - 1] ?? ')';
      const path = close.length > 1 ? close.slice(2).split('.') : [];
      current.push({ kind: 'sub', pipe: parsePipeline(toks.slice(i + 1, j - 1)), path });
      i = j - 1;
      continue;
    }
    current.push(parseOperand(t));
  }
  if (cmds.some((c) => c.length === 0)) throw new TemplateError('missing value for command');
  return { decl, cmds };
}

function parseOperand(t: string): Operand {
  if (t.startsWith('"')) return { kind: 'lit', value: JSON.parse(t) as string };
  if (t.startsWith('`')) return { kind: 'lit', value: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'lit', value: Number(t) };
  if (t === 'true' || t === 'false') return { kind: 'lit', value: t === 'true' };
  if (t === 'nil') return { kind: 'lit', value: null };
  if (t.startsWith('.')) return { kind: 'field', base: 'dot', path: t === '.' ? [] : t.slice(1).split('.') };
  if (t.startsWith('$')) {
    const [variable = t, ...path] = t.split('.');
    return { kind: 'field', base: variable, path };
  }
  if (!/^[A-Za-z_]\w*$/.test(t)) throw new TemplateError(`bad character in "${t}"`);
  return { kind: 'func', name: t };
}

/** Parse a template into nodes. */
function parse(src: string): Node[] {
  const root: Node[] = [];
  const rootFrame: { node: Node | null; into: Node[] } = { node: null, into: root };
  const stack = [rootFrame];
  // {{end}} never pops the root frame, so the stack is never empty.
  const top = () => stack.at(-1) ?? rootFrame;
  let pos = 0;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) {
      top().into.push({ kind: 'text', text: src.slice(pos) });
      break;
    }
    let text = src.slice(pos, open);
    const inner = src.indexOf('}}', open);
    if (inner < 0) throw new TemplateError('unclosed action');
    let body = src.slice(open + 2, inner);
    if (body.startsWith('-') && /^-\s/.test(body)) {
      text = text.replace(/\s+$/, '');
      body = body.slice(1);
    }
    let next = inner + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      next += src.slice(next).length - src.slice(next).trimStart().length;
    }
    if (text) top().into.push({ kind: 'text', text });
    pos = next;
    const toks = tokenizeAction(body.trim());
    const head = toks[0];
    const frame = top();
    if (head === 'end') {
      if (stack.length === 1) throw new TemplateError('unexpected {{end}}');
      stack.pop();
    } else if (head === 'else') {
      const n = frame.node;
      if (!n || n.kind === 'text' || n.kind === 'action') throw new TemplateError('unexpected {{else}}');
      if (toks[1] === 'if') {
        // {{else if X}} is an if nested in the else branch, closed by the same {{end}}.
        const nested: Node = { kind: 'if', pipe: parsePipeline(toks.slice(2)), body: [], else: [] };
        n.else.push(nested);
        stack[stack.length - 1] = { node: nested, into: nested.body };
      } else frame.into = n.else;
    } else if (head === 'if' || head === 'with') {
      const n: Node = { kind: head, pipe: parsePipeline(toks.slice(1)), body: [], else: [] };
      frame.into.push(n);
      stack.push({ node: n, into: n.body });
    } else if (head === 'range') {
      const pipe = parsePipeline(toks.slice(1));
      const n: Node = { kind: 'range', pipe: { decl: [], cmds: pipe.cmds }, vars: pipe.decl, body: [], else: [] };
      frame.into.push(n);
      stack.push({ node: n, into: n.body });
    } else if (head !== undefined && !head.startsWith('/*')) {
      frame.into.push({ kind: 'action', pipe: parsePipeline(toks) });
    }
  }
  if (stack.length > 1) throw new TemplateError('unexpected EOF');
  return root;
}

function isStruct(v: Value): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^[A-Z][A-Za-z0-9]*$/.test(k));
}

/** Go's %v formatting of a value. */
export function formatValue(v: Value): string {
  // undefined is an omitempty struct field left empty: Go prints its zero value, "".
  if (v === undefined) return '';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  const obj = v as Record<string, Value>;
  if (isStruct(obj))
    return `{${Object.values(obj)
      .map((x) => (x === undefined ? '' : formatValue(x)))
      .join(' ')}}`;
  return `map[${Object.keys(obj)
    .sort()
    .map((k) => `${k}:${formatValue(obj[k])}`)
    .join(' ')}]`;
}

function truthy(v: Value): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

const MISSING = Symbol('missing');

function field(v: Value, name: string): Value {
  if (v === null || v === undefined) throw new TemplateError(`nil pointer evaluating interface {}.${name}`);
  if (typeof v !== 'object' || Array.isArray(v)) throw new TemplateError(`can't evaluate field ${name} in type ${Array.isArray(v) ? '[]interface {}' : typeof v}`);
  const obj = v as Record<string, Value>;
  if (Object.hasOwn(obj, name)) return obj[name];
  if (isStruct(obj)) throw new TemplateError(`can't evaluate field ${name} in type struct`);
  return MISSING;
}

type Vars = Map<string, Value>;

const FUNCS: Record<string, (args: Value[]) => Value> = {
  json: ([v]) => goJson(v === MISSING ? null : v),
  len: ([v]) => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  index: ([v, ...keys]) => {
    let cur = v;
    for (const k of keys) {
      if (Array.isArray(cur)) cur = cur[Number(k)];
      else if (cur && typeof cur === 'object') cur = (cur as Record<string, Value>)[String(k)] ?? MISSING;
      else throw new TemplateError("can't index item of type " + typeof cur);
    }
    return cur;
  },
  join: ([v, sep]) => (Array.isArray(v) ? v.map(formatValue).join(String(sep ?? '')) : formatValue(v)),
  split: ([v, sep]) => String(v).split(String(sep)),
  upper: ([v]) => String(v).toUpperCase(),
  lower: ([v]) => String(v).toLowerCase(),
  title: ([v]) => String(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  println: (args) => args.map(formatValue).join(' ') + '\n',
  print: (args) => args.map(formatValue).join(''),
  printf: ([fmt, ...args]) => {
    let i = 0;
    return String(fmt).replace(/%[svdq%]/g, (m) => (m === '%%' ? '%' : m === '%q' ? JSON.stringify(formatValue(args[i++])) : formatValue(args[i++])));
  },
  eq: ([a, ...bs]) => bs.some((b) => a === b),
  ne: ([a, b]) => a !== b,
  not: ([a]) => !truthy(a),
  and: (args) => args.find((a) => !truthy(a)) ?? args[args.length - 1],
  or: (args) => args.find((a) => truthy(a)) ?? args[args.length - 1],
  pad: ([v, l, r]) => ' '.repeat(Number(l)) + formatValue(v) + ' '.repeat(Number(r)),
  truncate: ([v, n]) => String(v).slice(0, Number(n)),
};

function evalOperand(op: Operand, dot: Value, vars: Vars): Value {
  switch (op.kind) {
    case 'lit':
      return op.value;
    case 'sub': {
      let v = evalPipeline(op.pipe, dot, vars);
      for (const name of op.path) v = field(v === MISSING ? undefined : v, name);
      return v;
    }
    case 'func': {
      const fn = FUNCS[op.name];
      if (!fn) throw new TemplateError(`function "${op.name}" not defined`);
      return fn([]);
    }
    case 'field': {
      let v: Value;
      if (op.base === 'dot') v = dot;
      else {
        if (!vars.has(op.base)) throw new TemplateError(`undefined variable "${op.base}"`);
        v = vars.get(op.base);
      }
      for (const name of op.path) v = field(v === MISSING ? undefined : v, name);
      return v;
    }
  }
}

function evalPipeline(pipe: Pipeline, dot: Value, vars: Vars): Value {
  let prev: Value;
  let hasPrev = false;
  for (const cmd of pipe.cmds) {
    const [head, ...rest] = cmd;
    if (!head) throw new TemplateError('missing value for command');
    if (head.kind === 'func') {
      const fn = FUNCS[head.name];
      if (!fn) throw new TemplateError(`function "${head.name}" not defined`);
      const args = rest.map((o) => evalOperand(o, dot, vars));
      if (hasPrev) args.push(prev);
      prev = fn(args);
    } else {
      if (rest.length > 0) throw new TemplateError(`can't give argument to non-function ${formatOperand(head)}`);
      prev = evalOperand(head, dot, vars);
    }
    hasPrev = true;
  }
  for (const d of pipe.decl) vars.set(d, prev);
  return prev;
}

function formatOperand(op: Operand): string {
  return op.kind === 'field' ? (op.base === 'dot' ? '.' : op.base) + op.path.join('.') : '';
}

function exec(nodes: Node[], dot: Value, vars: Vars, out: string[]): void {
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out.push(n.text);
        break;
      case 'action': {
        const v = evalPipeline(n.pipe, dot, vars);
        if (n.pipe.decl.length === 0) out.push(v === MISSING ? '<no value>' : formatValue(v));
        break;
      }
      case 'if':
      case 'with': {
        const v = evalPipeline(n.pipe, dot, new Map(vars));
        if (truthy(v === MISSING ? undefined : v)) exec(n.body, n.kind === 'with' ? v : dot, new Map(vars), out);
        else exec(n.else, dot, new Map(vars), out);
        break;
      }
      case 'range': {
        const v = evalPipeline(n.pipe, dot, vars);
        const entries: [Value, Value][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object'
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, Value>)[k]])
            : [];
        if (entries.length === 0) exec(n.else, dot, vars, out);
        for (const [k, x] of entries) {
          const scope = new Map(vars);
          // {{range $v := ...}} binds the element; {{range $k, $v := ...}} the key (or index) too.
          const [first, second] = n.vars;
          if (first !== undefined && second === undefined) scope.set(first, x);
          if (first !== undefined && second !== undefined && n.vars.length === 2) {
            scope.set(first, k);
            scope.set(second, x);
          }
          exec(n.body, x, scope, out);
        }
        break;
      }
    }
  }
}

/** Render `template` with `data` as dot; errors carry Go's wording. */
export function renderTemplate(template: string, data: Value): { ok: true; text: string } | { ok: false; error: string } {
  try {
    const nodes = parse(template);
    const out: string[] = [];
    exec(nodes, data, new Map([['$', data]]), out);
    return { ok: true, text: out.join('') };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: e.message };
    return { ok: false, error: String(e) };
  }
}

/** Whether a template parses (the CLI reports parse errors before running anything). */
export function checkTemplate(template: string): string | undefined {
  try {
    parse(template);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
