/**
 * Go's fmt `%v` of a typed value (go-types.ts), as text/template prints an action's value: maps
 * as `map[k:v]` in key order, structs as `{a b}`, nil as `<nil>`, a pointer as `&{...}` at the top
 * and as its address inside a map, slice or struct, time.Time through its String method.
 */
import { concrete, fieldValue, isNil, type GoValue } from './go-types.ts';

/** Heap addresses handed out while printing one template, stable per pointed-to object. */
export class Addresses {
  private readonly seen = new Map<unknown, string>();
  private next = 0xc000010000;

  /** The address of the object `data` (Go's allocator hands out 0xc000... addresses). */
  of(data: unknown): string {
    const known = this.seen.get(data);
    if (known) return known;
    const addr = `0x${this.next.toString(16)}`;
    this.next += 0x180;
    this.seen.set(data, addr);
    return addr;
  }
}

/** time.Time's String(): `2006-01-02 15:04:05.999999999 -0700 MST` from the RFC 3339 data. */
export function timeString(rfc3339: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)$/.exec(rfc3339);
  if (!m) return rfc3339;
  const [, date = '', clock = '', zone = 'Z'] = m;
  return zone === 'Z' ? `${date} ${clock} +0000 UTC` : `${date} ${clock} ${zone.replace(':', '')} ${zone.replace(':', '')}`;
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
}

/** `%v` of `v` at nesting `depth` (0: the value handed to fmt itself). */
export function formatGo(v: GoValue, addresses: Addresses, depth = 0): string {
  const t = v.type;
  switch (t.kind) {
    case 'string':
      return v.data === undefined || v.data === null ? '' : String(v.data);
    case 'int':
    case 'float':
      return v.data === undefined || v.data === null ? '0' : String(v.data);
    case 'bool':
      return v.data === true ? 'true' : 'false';
    case 'time':
      return timeString(typeof v.data === 'string' ? v.data : '0001-01-01T00:00:00Z');
    case 'interface':
      return v.data === null || v.data === undefined ? '<nil>' : formatGo(concrete({ type: { kind: 'dynamic', loose: false }, data: v.data }), addresses, depth + 1);
    case 'dynamic':
      // A loose object's omitempty field left undefined prints as Go's zero value, "".
      if (v.data === undefined) return '';
      return formatGo(concrete(v), addresses, depth);
    case 'ptr': {
      if (isNil(v)) return '<nil>';
      const elem = t.elem.kind;
      if (depth === 0 && (elem === 'struct' || elem === 'slice' || elem === 'map')) return '&' + formatGo({ type: t.elem, data: v.data }, addresses, depth);
      return addresses.of(v.data);
    }
    case 'slice': {
      const items = Array.isArray(v.data) ? v.data : [];
      return `[${items.map((x) => formatGo({ type: t.elem, data: x }, addresses, depth + 1)).join(' ')}]`;
    }
    case 'map': {
      const obj = (v.data ?? {}) as Record<string, unknown>;
      return `map[${sortedKeys(obj)
        .map((k) => `${k}:${formatGo({ type: t.elem, data: obj[k] }, addresses, depth + 1)}`)
        .join(' ')}]`;
    }
    case 'struct':
      return `{${t.fields.map((f) => formatGo(fieldValue(v.data, f), addresses, depth + 1)).join(' ')}}`;
  }
}
