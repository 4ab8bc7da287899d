/**
 * The Go text/template subset docker's --format uses: fields ({{.Name}}, {{.IPAM.Config}}),
 * methods with arguments ({{.Label "x"}}), variables, range (with $k, $v :=), if/else/with,
 * pipelines and the CLI's functions (json, index, len, join, split, upper, lower, title, println,
 * printf with %s/%d/%v/%q/%T). Templates run on typed values (go-types.ts), so printing follows the
 * Go type; plain objects are read loosely (capitalised keys as a struct). Execution errors carry
 * text/template's wording and position: `template: :1:2: executing "" at <.Nope>: ...`.
 */
import { Addresses, formatGo } from './go-fmt.ts';
import { goSprintf, MAX_FORMAT_WIDTH } from './go-printf.ts';
import { goUnquote } from './go-strconv.ts';
import { BOOL, concrete, fieldValue, findField, INT, INTERFACE, isNil, map, STRING, slice, typeName, type GoType, type GoValue } from './go-types.ts';
import { goJson } from './json.ts';

/** reflect's invalid Value (a missing map key): prints `<no value>`. */
type Val = GoValue | undefined;

/** Where an operand sits in the template, for error positions. */
interface At {
  pos: number;
  text: string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline }
  | { kind: 'if' | 'with'; pipe: Pipeline; body: Node[]; else: Node[] }
  | { kind: 'range'; pipe: Pipeline; vars: string[]; body: Node[]; else: Node[] };

interface Pipeline {
  /** Variables the pipeline sets: declared (`$x :=`) or, with `assign`, assigned (`$x =`). */
  decl: string[];
  assign?: boolean;
  cmds: Operand[][];
}

type Operand = At & ({ kind: 'field'; base: 'dot' | string; path: string[] } | { kind: 'lit'; value: GoValue } | { kind: 'func'; name: string } | { kind: 'sub'; pipe: Pipeline; path: string[] });

/** A template error, worded like Go's; `at` is the node it happened at (execution errors). */
export class TemplateError extends Error {
  readonly at: At | undefined;
  constructor(message: string, at?: At) {
    super(message);
    this.at = at;
  }
}

interface Token {
  text: string;
  pos: number;
}

function tokenizeAction(src: string, offset: number): Token[] {
  const toks: Token[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|:=|=|\||\(|\)(?:\.[A-Za-z_]\w*)*|,|[^\s|(),":=]+)/y;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(pos))) break;
      throw new TemplateError(`unexpected "${src[pos]}" in command`);
    }
    const text = m[1] ?? '';
    toks.push({ text, pos: offset + re.lastIndex - text.length });
    pos = re.lastIndex;
  }
  return toks;
}

function parsePipeline(toks: Token[]): Pipeline {
  let i = 0;
  const decl: string[] = [];
  const assign = toks.findIndex((t) => t.text === ':=' || t.text === '=');
  let assigns = false;
  if (assign > 0 && toks.slice(0, assign).every((t) => t.text.startsWith('$') || t.text === ',')) {
    decl.push(...toks.slice(0, assign).flatMap((t) => (t.text === ',' ? [] : [t.text])));
    assigns = toks[assign]?.text === '=';
    i = assign + 1;
  }
  let current: Operand[] = [];
  const cmds: Operand[][] = [current];
  for (let t = toks[i]; t !== undefined; t = toks[++i]) {
    if (t.text === '|') {
      current = [];
      cmds.push(current);
      continue;
    }
    if (t.text === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < toks.length && depth > 0; j++) {
        if (toks[j]?.text === '(') depth++;
        if (toks[j]?.text.startsWith(')')) depth--;
      }
      // "(pipeline).Field.Chain" arrives as one closing token carrying the chain.
      const close = toks[j - 1]?.text ?? ')';
      const path = close.length > 1 ? close.slice(2).split('.') : [];
      current.push({ kind: 'sub', pipe: parsePipeline(toks.slice(i + 1, j - 1)), path, pos: t.pos, text: close.length > 1 ? close.slice(1) : '(' });
      i = j - 1;
      continue;
    }
    current.push(parseOperand(t));
  }
  if (cmds.some((c) => c.length === 0)) throw new TemplateError('missing value for command');
  return assigns ? { decl, assign: true, cmds } : { decl, cmds };
}

function literal(type: GoType, data: unknown): GoValue {
  return { type, data };
}

function parseOperand({ text: t, pos }: Token): Operand {
  const at = { pos, text: t };
  if (t.startsWith('"')) {
    const unquoted = goUnquote(t);
    if (unquoted === undefined) throw new TemplateError('invalid syntax');
    return { kind: 'lit', value: literal(STRING, unquoted), ...at };
  }
  if (t.startsWith('`')) return { kind: 'lit', value: literal(STRING, t.slice(1, -1)), ...at };
  if (/^-?\d+$/.test(t)) return { kind: 'lit', value: literal(INT, Number(t)), ...at };
  if (/^-?\d+\.\d+$/.test(t)) return { kind: 'lit', value: literal({ kind: 'float', name: 'float64' }, Number(t)), ...at };
  if (t === 'true' || t === 'false') return { kind: 'lit', value: literal(BOOL, t === 'true'), ...at };
  if (t === 'nil') return { kind: 'lit', value: literal(INTERFACE, null), ...at };
  if (t.startsWith('.')) return { kind: 'field', base: 'dot', path: t === '.' ? [] : t.slice(1).split('.'), ...at };
  if (t.startsWith('$')) {
    const [variable = t, ...path] = t.split('.');
    return { kind: 'field', base: variable, path, ...at };
  }
  if (!/^[A-Za-z_]\w*$/.test(t)) throw new TemplateError(`bad character in "${t}"`);
  // The parser looks functions up: an unknown one fails the whole template before it runs.
  if (!Object.hasOwn(FUNCS, t)) throw new TemplateError(`function "${t}" not defined`);
  return { kind: 'func', name: t, ...at };
}

/** Where the action opened before `from` closes: the next `}}` outside a quoted or raw string (-1: none). */
function actionEnd(src: string, from: number): number {
  const comment = /(?:-\s+)?\/\*/y;
  comment.lastIndex = from;
  if (comment.test(src)) {
    const close = src.indexOf('*/', from);
    return close < 0 ? -1 : src.indexOf('}}', close + 2);
  }
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === '`') {
      // An unterminated string leaves the rest to the tokenizer's error.
      for (i++; i < src.length && src[i] !== c; i++) if (c === '"' && src[i] === '\\') i++;
      continue;
    }
    if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
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
    const inner = actionEnd(src, open + 2);
    if (inner < 0) throw new TemplateError('unclosed action');
    let body = src.slice(open + 2, inner);
    let bodyStart = open + 2;
    if (body.startsWith('-') && /^-\s/.test(body)) {
      text = text.replace(/\s+$/, '');
      body = body.slice(1);
      bodyStart++;
    }
    let next = inner + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      next += src.slice(next).length - src.slice(next).trimStart().length;
    }
    if (text) top().into.push({ kind: 'text', text });
    pos = next;
    // A comment is read whole, whatever it holds.
    if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) continue;
    const toks = tokenizeAction(body, bodyStart);
    const head = toks[0]?.text;
    const frame = top();
    if (head === 'end') {
      if (stack.length === 1) throw new TemplateError('unexpected {{end}}');
      stack.pop();
    } else if (head === 'else') {
      const n = frame.node;
      if (!n || n.kind === 'text' || n.kind === 'action') throw new TemplateError('unexpected {{else}}');
      if (toks[1]?.text === 'if') {
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
    } else if (head !== undefined) {
      frame.into.push({ kind: 'action', pipe: parsePipeline(toks) });
    }
  }
  if (stack.length > 1) throw new TemplateError('unexpected EOF');
  return root;
}

/** How one execution behaves: the raw fallback runs with missingkey=error. */
interface Exec {
  missingKeyError: boolean;
  /** The function map: the CLI's basic functions, or its header functions for a table's header row. */
  funcs: Readonly<Record<string, Func>>;
  addresses: Addresses;
  at: At;
}

/** Through pointers and interfaces to the value they hold; `nil` says the chain ended at a nil. */
function indirect(v: GoValue): { v: GoValue; nil: boolean } {
  let cur = v;
  for (;;) {
    const k = cur.type.kind;
    if (k !== 'ptr' && k !== 'interface' && k !== 'dynamic') return { v: cur, nil: false };
    if (isNil(cur)) return { v: cur, nil: true };
    cur = cur.type.kind === 'ptr' ? { type: cur.type.elem, data: cur.data } : concrete(cur);
  }
}

/** text/template's evalField: a method, a struct field (promoted through embedding) or a map key. */
function evalField(x: Exec, receiver: Val, name: string, args: readonly GoValue[] | undefined): Val {
  if (receiver === undefined) {
    if (x.missingKeyError) throw new TemplateError(`nil data; no entry for key "${name}"`, x.at);
    return undefined;
  }
  const typ = typeName(receiver.type.kind === 'dynamic' && receiver.type.loose ? concrete(receiver).type : receiver.type);
  const { v, nil } = indirect(receiver);
  const k = receiver.type.kind;
  if (nil && (k === 'interface' || k === 'dynamic')) throw new TemplateError(`nil pointer evaluating ${typ}.${name}`, x.at);
  const t = v.type;
  if (t.kind === 'struct') {
    const method = t.methods?.[name];
    if (method && !nil) return method(v.data, args ?? []);
    const f = findField(t, name);
    if (f && !nil) {
      if (args !== undefined) throw new TemplateError(`${name} has arguments but cannot be invoked as function`, x.at);
      return fieldValue(v.data, f);
    }
    if (f && nil) throw new TemplateError(`nil pointer evaluating ${typ}.${name}`, x.at);
  } else if (t.kind === 'map' && (t.key.kind === 'string' || t.key.kind === 'dynamic')) {
    if (args !== undefined) throw new TemplateError(`${name} is not a method but has arguments`, x.at);
    const obj = (v.data ?? {}) as Record<string, unknown>;
    const loose = t.elem.kind === 'dynamic' && t.elem.loose;
    // Own keys only: `constructor` is no key of a Go map.
    if (Object.hasOwn(obj, name) && (loose || obj[name] !== undefined)) return { type: t.elem, data: obj[name] };
    if (x.missingKeyError) throw new TemplateError(`map has no entry for key "${name}"`, x.at);
    return undefined;
  }
  throw new TemplateError(`can't evaluate field ${name} in type ${typ}`, x.at);
}

/** After each command of a pipeline, an empty interface is replaced by what it holds (nil: invalid). */
function unwrapInterface(v: Val): Val {
  if (v === undefined) return undefined;
  if (v.type.kind !== 'interface' && v.type.kind !== 'dynamic') return v;
  // A loose object's omitempty field left undefined prints as Go's zero value, "".
  if (v.type.kind === 'dynamic' && v.type.loose && v.data === undefined) return { type: STRING, data: '' };
  const c = concrete(v);
  return c.type.kind === 'interface' ? undefined : c;
}

/** text/template's isTrue. */
function truthy(v: Val): boolean {
  if (v === undefined) return false;
  const { v: c, nil } = indirect(v);
  if (nil) return false;
  switch (c.type.kind) {
    case 'bool':
      return c.data === true;
    case 'int':
    case 'float':
      return Number(c.data ?? 0) !== 0;
    case 'string':
      return String(c.data ?? '') !== '';
    case 'slice':
      return Array.isArray(c.data) && c.data.length > 0;
    case 'map':
      return Object.values((c.data ?? {}) as object).some((e) => e !== undefined);
    default:
      return true;
  }
}

/** The printed form of an action's value (text/template's printableValue, then fmt.Fprint). */
function printable(x: Exec, v: Val): string {
  if (v === undefined) return '<no value>';
  let cur = v;
  while (cur.type.kind === 'ptr' && !isNil(cur)) cur = { type: cur.type.elem, data: cur.data };
  return formatGo(cur, x.addresses);
}

type Func = (x: Exec, args: Val[]) => Val;

const str = (s: string): GoValue => ({ type: STRING, data: s });

/** The text of a string argument (fmt's %v of anything else). */
function text(x: Exec, v: Val): string {
  return v === undefined ? '' : formatGo(v, x.addresses);
}

/** The elements of a slice, or the entries of a map in key order. */
function elements(v: Val): [GoValue, GoValue][] | undefined {
  if (v === undefined) return [];
  const { v: c } = indirect(v);
  const t = c.type;
  if (t.kind === 'slice')
    return (Array.isArray(c.data) ? c.data : []).map((e, i) => [
      { type: INT, data: i },
      { type: t.elem, data: e },
    ]);
  if (t.kind === 'map') {
    const obj = (c.data ?? {}) as Record<string, unknown>;
    return Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => [
        { type: t.key.kind === 'dynamic' ? STRING : t.key, data: k },
        { type: t.elem, data: obj[k] },
      ]);
  }
  if (isNil(c)) return [];
  return undefined;
}

function arity(name: string, args: readonly Val[], want: number, at: At): void {
  if (args.length !== want) throw new TemplateError(`wrong number of args for ${name}: want ${want} got ${args.length}`, at);
}

/** A comparison's operand (text/template's basicKind after indirectInterface): its kind and value. */
function comparable(x: Exec, name: string, v: Val): { kind: string; value: unknown } {
  const c = v === undefined ? undefined : concrete(v);
  const kind = c?.type.kind;
  if (c === undefined || (kind !== 'int' && kind !== 'float' && kind !== 'string' && kind !== 'bool')) throw new TemplateError(`error calling ${name}: invalid type for comparison`, x.at);
  return { kind, value: scalar(c) };
}

/** text/template's lt: numbers as numbers, strings byte-wise; other kinds or mixed kinds are errors. */
function less(x: Exec, name: string, a: Val, b: Val): boolean {
  const l = comparable(x, name, a);
  const r = comparable(x, name, b);
  if (l.kind !== r.kind) throw new TemplateError(`error calling ${name}: incompatible types for comparison`, x.at);
  if (l.kind === 'bool') throw new TemplateError(`error calling ${name}: invalid type for comparison`, x.at);
  return l.kind === 'string' ? String(l.value) < String(r.value) : Number(l.value) < Number(r.value);
}

/** At least one argument, as and, or and eq require. */
function atLeastOne(x: Exec, name: string, args: readonly Val[]): void {
  if (args.length === 0) throw new TemplateError(`wrong number of args for ${name}: want at least 1 got 0`, x.at);
}

/** Comparable scalar of a value, for eq/ne/lt... */
function scalar(v: Val): unknown {
  if (v === undefined) return undefined;
  const c = indirect(v).v;
  return c.data ?? (c.type.kind === 'string' ? '' : c.type.kind === 'int' ? 0 : c.type.kind === 'bool' ? false : null);
}

const FUNCS: Record<string, Func> = {
  json: (x, args) => {
    arity('json', args, 1, x.at);
    const v = args[0];
    return str(goJson(v === undefined ? null : v.data));
  },
  len: (x, args) => {
    arity('len', args, 1, x.at);
    const v = args[0];
    const c = v === undefined ? undefined : indirect(v).v;
    if (c?.type.kind === 'string') return { type: INT, data: String(c.data ?? '').length };
    const items = elements(c);
    if (items === undefined || c === undefined) throw new TemplateError(`error calling len: len of type ${c ? typeName(c.type) : '<nil>'}`, x.at);
    return { type: INT, data: items.length };
  },
  index: (x, [item, ...keys]) => {
    let cur = item;
    for (const key of keys) {
      if (cur === undefined) throw new TemplateError('error calling index: index of untyped nil', x.at);
      const { v: c } = indirect(cur);
      const t = c.type;
      if (t.kind === 'slice') {
        const arr = Array.isArray(c.data) ? c.data : [];
        const n = Number(scalar(key));
        if (!(n >= 0 && n < arr.length)) throw new TemplateError(`error calling index: index out of range: ${n}`, x.at);
        cur = { type: t.elem, data: arr[n] };
      } else if (t.kind === 'map') {
        // A missing key gives the element type's zero value (nil for pointers).
        const obj = (c.data ?? {}) as Record<string, unknown>;
        const k = String(scalar(key));
        cur = { type: t.elem, data: (Object.hasOwn(obj, k) ? obj[k] : undefined) ?? (t.elem.kind === 'dynamic' && !t.elem.loose ? null : undefined) };
      } else throw new TemplateError(`error calling index: can't index item of type ${typeName(t)}`, x.at);
    }
    return cur;
  },
  join: (x, [v, sep]) => {
    const items = elements(v);
    return str(items ? items.map(([, e]) => text(x, e)).join(text(x, sep)) : text(x, v));
  },
  split: (x, [v, sep]) => ({ type: slice(STRING), data: text(x, v).split(text(x, sep)) }),
  upper: (x, [v]) => str(text(x, v).toUpperCase()),
  lower: (x, [v]) => str(text(x, v).toLowerCase()),
  title: (x, [v]) => str(text(x, v).replace(/\b\w/g, (c) => c.toUpperCase())),
  println: (x, args) => str(args.map((a) => text(x, a)).join(' ') + '\n'),
  print: (x, args) => str(args.map((a) => text(x, a)).join('')),
  printf: (x, [format, ...args]) => str(goSprintf(text(x, format), args, x.addresses)),
  eq: (x, args) => {
    atLeastOne(x, 'eq', args);
    const [a, ...bs] = args;
    return { type: BOOL, data: bs.some((b) => scalar(a) === scalar(b)) };
  },
  ne: (_x, [a, b]) => ({ type: BOOL, data: scalar(a) !== scalar(b) }),
  lt: (x, [a, b]) => ({ type: BOOL, data: less(x, 'lt', a, b) }),
  le: (x, [a, b]) => ({ type: BOOL, data: less(x, 'le', a, b) || scalar(a) === scalar(b) }),
  gt: (x, [a, b]) => ({ type: BOOL, data: !(less(x, 'gt', a, b) || scalar(a) === scalar(b)) }),
  ge: (x, [a, b]) => ({ type: BOOL, data: !less(x, 'ge', a, b) }),
  not: (_x, [a]) => ({ type: BOOL, data: !truthy(a) }),
  and: (x, args) => {
    atLeastOne(x, 'and', args);
    return args.find((a) => !truthy(a)) ?? args[args.length - 1];
  },
  or: (x, args) => {
    atLeastOne(x, 'or', args);
    return args.find((a) => truthy(a)) ?? args[args.length - 1];
  },
  // The CLI's padWithSpace (nothing for an empty text); the widths are clamped like printf's, for the process every simulation shares.
  pad: (x, [v, l, r]) => {
    const s = text(x, v);
    return str(s === '' ? s : spaces(scalar(l)) + s + spaces(scalar(r)));
  },
  truncate: (x, [v, n]) => str([...text(x, v)].slice(0, Number(scalar(n))).join('')),
};

/** The first argument as it is: the CLI's HeaderFunctions keep a column's name intact. */
const unchanged: Func = (x, [v]) => str(text(x, v));

/** templates.HeaderFunctions: what a table's header row runs with instead of the basic functions. */
const HEADER_FUNCS: Readonly<Record<string, Func>> = { ...FUNCS, json: unchanged, split: unchanged, join: unchanged, title: unchanged, lower: unchanged, upper: unchanged, truncate: unchanged };

function spaces(n: unknown): string {
  return ' '.repeat(Math.max(0, Math.min(Number(n) || 0, MAX_FORMAT_WIDTH)));
}

/** The variables in scope: a control structure's own, then those around it (text/template's variable stack). */
class Vars {
  private readonly own = new Map<string, Val>();
  private readonly parent: Vars | undefined;

  constructor(parent?: Vars) {
    this.parent = parent;
  }

  /** A scope inside this one (a control structure's body, one range iteration). */
  child(): Vars {
    return new Vars(this);
  }

  has(name: string): boolean {
    return this.own.has(name) || (this.parent?.has(name) ?? false);
  }

  get(name: string): Val {
    return this.own.has(name) ? this.own.get(name) : this.parent?.get(name);
  }

  /** `$x := v`: a new variable here, until this scope's {{end}}. */
  declare(name: string, v: Val): void {
    this.own.set(name, v);
  }

  /** `$x = v`: the nearest variable of that name changes, wherever it was declared; false if none. */
  assign(name: string, v: Val): boolean {
    if (this.own.has(name)) {
      this.own.set(name, v);
      return true;
    }
    return this.parent?.assign(name, v) ?? false;
  }
}

function evalChain(x: Exec, start: Val, path: readonly string[], op: At, args?: readonly GoValue[]): Val {
  let v = start;
  x.at = op;
  path.forEach((name, i) => {
    v = evalField(x, v, name, i === path.length - 1 ? args : undefined);
  });
  return v;
}

function evalOperand(x: Exec, op: Operand, dot: Val, vars: Vars, args?: readonly GoValue[]): Val {
  switch (op.kind) {
    case 'lit':
      return op.value;
    case 'sub':
      return evalChain(x, evalPipeline(x, op.pipe, dot, vars), op.path, op, args);
    case 'func': {
      x.at = op;
      const fn = x.funcs[op.name];
      if (!fn) throw new TemplateError(`function "${op.name}" not defined`, op);
      return fn(x, []);
    }
    case 'field': {
      let base: Val;
      if (op.base === 'dot') base = dot;
      else {
        if (!vars.has(op.base)) throw new TemplateError(`undefined variable "${op.base}"`, op);
        base = vars.get(op.base);
      }
      return evalChain(x, base, op.path, op, args);
    }
  }
}

function evalPipeline(x: Exec, pipe: Pipeline, dot: Val, vars: Vars): Val {
  let prev: Val;
  let hasPrev = false;
  for (const cmd of pipe.cmds) {
    const [head, ...rest] = cmd;
    if (!head) throw new TemplateError('missing value for command');
    const args = rest.map((o) => unwrapInterface(evalOperand(x, o, dot, vars)));
    if (hasPrev) args.push(prev);
    if (head.kind === 'func') {
      const fn = x.funcs[head.name];
      if (!fn) throw new TemplateError(`function "${head.name}" not defined`, head);
      x.at = head;
      prev = fn(x, args);
    } else if (args.length > 0 && (head.kind === 'field' || head.kind === 'sub') && head.path.length > 0) {
      // Arguments go to the last field of the chain: a method ({{.Label "x"}}), or an error.
      prev = evalOperand(
        x,
        head,
        dot,
        vars,
        args.map((a) => a ?? { type: INTERFACE, data: null }),
      );
    } else {
      if (args.length > 0) throw new TemplateError(`can't give argument to non-function ${head.text}`, head);
      prev = evalOperand(x, head, dot, vars);
    }
    prev = unwrapInterface(prev);
    hasPrev = true;
  }
  for (const d of pipe.decl) {
    if (!pipe.assign) vars.declare(d, prev);
    // Go's parser refuses this before running anything, hence no position.
    else if (!vars.assign(d, prev)) throw new TemplateError(`undefined variable "${d}"`);
  }
  return prev;
}

function exec(x: Exec, nodes: Node[], dot: Val, vars: Vars, out: string[]): void {
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out.push(n.text);
        break;
      case 'action': {
        const v = evalPipeline(x, n.pipe, dot, vars);
        if (n.pipe.decl.length === 0) out.push(printable(x, v));
        break;
      }
      case 'if':
      case 'with': {
        // A variable the pipeline declares lives until the {{end}}, in both branches.
        const scope = vars.child();
        const v = evalPipeline(x, n.pipe, dot, scope);
        if (truthy(v)) exec(x, n.body, n.kind === 'with' ? v : dot, scope.child(), out);
        else exec(x, n.else, dot, scope.child(), out);
        break;
      }
      case 'range': {
        const v = evalPipeline(x, n.pipe, dot, vars);
        const entries = elements(v);
        if (entries === undefined) throw new TemplateError(`range can't iterate over ${printable(x, v)}`, x.at);
        if (entries.length === 0) exec(x, n.else, dot, vars.child(), out);
        for (const [k, e] of entries) {
          // Each iteration is a scope of its own; `$x = ...` still reaches a variable declared outside.
          const scope = vars.child();
          // {{range $v := ...}} binds the element; {{range $k, $v := ...}} the key (or index) too.
          const [first, second] = n.vars;
          if (first !== undefined && second === undefined) scope.declare(first, e);
          if (first !== undefined && second !== undefined && n.vars.length === 2) {
            scope.declare(first, k);
            scope.declare(second, e);
          }
          exec(x, n.body, e, scope, out);
        }
        break;
      }
    }
  }
}

/** The outermost scope: `$` is the value the template runs on. */
function rootScope(dot: GoValue): Vars {
  const vars = new Vars();
  vars.declare('$', dot);
  return vars;
}

/** `template: :LINE:COL: executing "" at <NODE>: MESSAGE`, as text/template words an execution error. */
function located(template: string, e: TemplateError): string {
  if (!e.at) return `template: :1: ${e.message}`;
  const before = template.slice(0, e.at.pos);
  const line = before.split('\n').length;
  const col = e.at.pos - (before.lastIndexOf('\n') + 1);
  return `template: :${line}:${col}: executing "" at <${e.at.text}>: ${e.message}`;
}

export type TemplateResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Execute `template` on a typed value; the error is text/template's whole message. With
 * `missingKeyError` a missing map key is an error (the inspect fallback's missingkey=error).
 */
export function executeTemplate(template: string, value: GoValue, missingKeyError = false): TemplateResult {
  try {
    const nodes = parse(template);
    const out: string[] = [];
    const x: Exec = { missingKeyError, funcs: FUNCS, addresses: new Addresses(), at: { pos: 0, text: '' } };
    exec(x, nodes, value, rootScope(value), out);
    return { ok: true, text: out.join('') };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: located(template, e) };
    return { ok: false, error: String(e) };
  }
}

/**
 * A table's header row (formatter.Context.postFormat): the template on the column names (a
 * map[string]string) with the header functions. The CLI ignores the error of this run, so what
 * was written before a failing action is the header.
 */
export function renderTableHeader(template: string, headers: Readonly<Record<string, string>>): string {
  const out: string[] = [];
  try {
    const x: Exec = { missingKeyError: false, funcs: HEADER_FUNCS, addresses: new Addresses(), at: { pos: 0, text: '' } };
    const dot: GoValue = { type: map(STRING, STRING), data: headers };
    exec(x, parse(template), dot, rootScope(dot), out);
  } catch {
    // Ignored, as the CLI ignores it: the header is what was written before the failure.
  }
  return out.join('');
}

/** Render `template` with plain `data` as dot, read loosely (objects with capitalised keys as structs). */
export function renderTemplate(template: string, data: unknown): TemplateResult {
  return executeTemplate(template, { type: { kind: 'dynamic', loose: true }, data });
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
