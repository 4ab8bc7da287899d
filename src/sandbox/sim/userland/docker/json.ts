/**
 * JSON as Go's encoding/json writes it for the docker CLI: keys in struct order (our objects keep
 * insertion order), 4-space indent via json.Indent, and <, >, & escaped as \u003c \u003e \u0026.
 */

/** Go-style escaping of a JSON string. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Object entries as Go encodes them: undefined marks an omitempty field that is empty. */
function present(v: Record<string, unknown>): [string, unknown][] {
  return Object.entries(v).filter(([, x]) => x !== undefined);
}

/** Compact encoding, as `{{json .}}` prints. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const entries = present(v as Record<string, unknown>);
  return `{${entries.map(([k, x]) => `${quote(k)}:${goJson(x)}`).join(',')}}`;
}

/** Indented encoding with `indent` per level; empty objects and arrays stay `{}` and `[]`. */
export function goJsonIndent(v: unknown, indent = '    ', prefix = ''): string {
  if (v === null || v === undefined || typeof v !== 'object') return goJson(v);
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + goJsonIndent(x, indent, inner)).join(',\n')}\n${prefix}]`;
  }
  const entries = present(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${quote(k)}: ${goJsonIndent(x, indent, inner)}`).join(',\n')}\n${prefix}}`;
}
