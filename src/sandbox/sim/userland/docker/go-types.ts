/**
 * Go's types, as far as the docker CLI's templates see them: the CLI executes `--format` on typed
 * structs (types.ContainerJSON, types.NetworkResource ...), so what a template prints follows the
 * Go type of each field, not the JSON the daemon sent (a nil map prints `map[]`, a nil pointer
 * `<nil>`, a pointer inside a struct its address, `struct{}` `{}`). A value is a type with its data
 * in the JSON form the inspect builders produce (a struct's fields keyed by their JSON names).
 */

/** A struct field: its Go name, its JSON key when that differs, an embedded struct's fields promoted. */
export interface GoField {
  name: string;
  json?: string;
  type: GoType;
  embedded?: boolean;
}

/** A method of a formatter context (`{{.Label "x"}}` of docker ps): called on the receiver's data with the template's arguments. */
export type GoMethod = (data: unknown, args: readonly GoValue[]) => GoValue;

export type GoType =
  | { kind: 'string' | 'int' | 'bool' | 'float'; name: string }
  | { kind: 'struct'; name: string; fields: readonly GoField[]; methods?: Readonly<Record<string, GoMethod>> }
  | { kind: 'ptr'; elem: GoType }
  | { kind: 'slice'; name?: string; elem: GoType }
  | { kind: 'map'; name?: string; key: GoType; elem: GoType }
  | { kind: 'interface' }
  // time.Time: data is RFC 3339; prints through its String method
  | { kind: 'time' }
  // a value decoded from JSON into interface{} (the CLI's raw fallback): its type follows the data
  | { kind: 'dynamic'; loose: boolean };

/** A typed value: data undefined or null is the type's zero value (nil for pointers, maps, slices, interfaces). */
export interface GoValue {
  type: GoType;
  data: unknown;
}

export const STRING: GoType = { kind: 'string', name: 'string' };
export const INT: GoType = { kind: 'int', name: 'int' };
export const INT64: GoType = { kind: 'int', name: 'int64' };
export const BOOL: GoType = { kind: 'bool', name: 'bool' };
export const TIME: GoType = { kind: 'time' };
export const INTERFACE: GoType = { kind: 'interface' };
/** encoding/json's Number: the raw fallback decodes numbers with UseNumber. */
export const JSON_NUMBER: GoType = { kind: 'string', name: 'json.Number' };
/** struct{} (the values of nat.PortSet and Config.Volumes). */
export const EMPTY_STRUCT: GoType = { kind: 'struct', name: 'struct {}', fields: [] };

/** A named string type (container.NetworkMode, nat.Port ...). */
export function named(name: string, base: GoType = STRING): GoType {
  return base.kind === 'string' || base.kind === 'int' || base.kind === 'bool' || base.kind === 'float' ? { kind: base.kind, name } : base;
}
export const ptr = (elem: GoType): GoType => ({ kind: 'ptr', elem });
export const slice = (elem: GoType, name?: string): GoType => ({ kind: 'slice', elem, ...(name ? { name } : {}) });
export const map = (key: GoType, elem: GoType, name?: string): GoType => ({ kind: 'map', key, elem, ...(name ? { name } : {}) });
export const struct = (name: string, fields: readonly GoField[], methods?: Readonly<Record<string, GoMethod>>): GoType => ({ kind: 'struct', name, fields, ...(methods ? { methods } : {}) });
/** A field whose JSON key differs from its Go name (`json:"Id"`). */
export const field = (name: string, type: GoType, json?: string): GoField => ({ name, type, ...(json ? { json } : {}) });
export const embed = (type: GoType): GoField => ({ name: typeName(type).replace(/^\*?[\w]+\./, ''), type, embedded: true });

/** The type's name as `printf "%T"` prints it. */
export function typeName(t: GoType): string {
  switch (t.kind) {
    case 'string':
    case 'int':
    case 'bool':
    case 'float':
    case 'struct':
      return t.name;
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'slice':
      return t.name ?? `[]${typeName(t.elem)}`;
    case 'map':
      return t.name ?? `map[${typeName(t.key)}]${typeName(t.elem)}`;
    case 'interface':
      return 'interface {}';
    case 'time':
      return 'time.Time';
    case 'dynamic':
      return 'interface {}';
  }
}

/** Whether the value is nil (a nil pointer, map, slice or interface). */
export function isNil(v: GoValue): boolean {
  const k = v.type.kind;
  return (k === 'ptr' || k === 'map' || k === 'slice' || k === 'interface' || k === 'dynamic') && (v.data === null || v.data === undefined);
}

/** The concrete value behind a dynamic one: what encoding/json decodes into interface{}, or the old loose view of plain objects. */
export function concrete(v: GoValue): GoValue {
  if (v.type.kind !== 'dynamic' && v.type.kind !== 'interface') return v;
  const loose = v.type.kind === 'dynamic' && v.type.loose;
  const d = v.data;
  const dyn: GoType = { kind: 'dynamic', loose };
  if (d === null || d === undefined) return { type: INTERFACE, data: null };
  if (typeof d === 'string') return { type: STRING, data: d };
  if (typeof d === 'boolean') return { type: BOOL, data: d };
  if (typeof d === 'number') return { type: loose ? (Number.isInteger(d) ? INT : { kind: 'float', name: 'float64' }) : JSON_NUMBER, data: loose ? d : String(d) };
  if (Array.isArray(d)) return { type: slice(dyn, loose ? undefined : '[]interface {}'), data: d };
  if (typeof d === 'function') return { type: INTERFACE, data: null };
  const obj = d as Record<string, unknown>;
  // JSON has no undefined: an omitempty field left out. Loose objects keep it (it prints as "").
  const keys = Object.keys(obj).filter((k) => loose || obj[k] !== undefined);
  // Plain objects handed to templates without a schema: capitalised keys read as a struct, as before.
  if (loose && keys.length > 0 && keys.every((k) => /^[A-Z][A-Za-z0-9]*$/.test(k)))
    return {
      type: struct(
        'struct',
        keys.map((k) => field(k, dyn)),
      ),
      data: obj,
    };
  return { type: map(STRING, dyn, 'map[string]interface {}'), data: obj };
}

/** A struct's field by Go name, promoted through embedded structs; with the path of data to read it from. */
export function findField(t: GoType & { kind: 'struct' }, name: string): GoField | undefined {
  for (const f of t.fields) if (f.name === name && !f.embedded) return f;
  for (const f of t.fields) {
    if (f.name === name) return f;
    const inner = f.embedded ? (f.type.kind === 'ptr' ? f.type.elem : f.type) : undefined;
    if (inner?.kind === 'struct') {
      const found = findField(inner, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** The value of field `f` of struct data (embedded structs share the flat JSON object). */
export function fieldValue(data: unknown, f: GoField): GoValue {
  const obj = (data ?? {}) as Record<string, unknown>;
  if (f.embedded) return { type: f.type, data: obj };
  return { type: f.type, data: obj[f.json ?? f.name] };
}
