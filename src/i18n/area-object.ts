/**
 * One area of a locale table as a plain object for a component's element data, e.g. the terminal's
 * `data-strings`: `status.idle` becomes `status: { idle }`. Its type follows the default table, so a
 * component's strings interface that asks for a key the tables lack fails the typecheck.
 */
import { htmlLang, LOCALE_REGISTRY, type Locale } from './locales.ts';
import { formatMessage } from './message.ts';
import type { Area, AreaKey } from './registry.ts';

type Flat<K extends string> = { [P in K as P extends `${string}.${string}` ? never : P]: string };
type Groups<K extends string> = { [G in K extends `${infer H}.${string}` ? H : never]: { [S in K extends `${G}.${infer T}` ? T : never]: string } };

/** Keys without a dot as fields, `group.key` as `group: { key }` (one level). */
export type AreaObject<K extends string> = Flat<K> & Groups<K>;

/** Every string of `area` in `locale`, as an object (plural messages give their `other` form). */
export function areaObject<A extends Area>(locale: Locale, area: A): AreaObject<AreaKey<A>> {
  const lang = htmlLang(locale);
  const result: Record<string, string | Record<string, string>> = {};
  for (const [key, message] of LOCALE_REGISTRY.area(locale, area)) {
    const text = formatMessage(message, {}, lang);
    const dot = key.indexOf('.');
    if (dot === -1) {
      result[key] = text;
      continue;
    }
    const group = key.slice(0, dot);
    const existing = result[group];
    const fields = typeof existing === 'object' ? existing : {};
    fields[key.slice(dot + 1)] = text;
    result[group] = fields;
  }
  return result as AreaObject<AreaKey<A>>;
}
