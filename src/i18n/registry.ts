/**
 * The locales of the course as a value: one table per locale (src/i18n/locales/<code>.json), checked
 * against the default locale's table. Pure, so tests can build a registry with a made-up locale.
 */
import type referenceTable from './locales/zh.json';
import { isPluralMessage, placeholders, type Message } from './message.ts';

/** The default locale's table: it defines the areas and keys every other table must have. */
export type ReferenceTable = typeof referenceTable;
/** A part of the site with its own keys: `site`, `classroom`, `terminal`, `search`, `topology`. */
export type Area = Exclude<keyof ReferenceTable, 'locale'>;
/** A key inside one area, e.g. `teach.title` in `classroom`. */
export type AreaKey<A extends Area> = Extract<keyof ReferenceTable[A], string>;
/** A key with its area, e.g. `classroom.teach.title`. */
export type UiKey = { [A in Area]: `${A}.${AreaKey<A>}` }[Area];

/** What a table says about its own locale. */
export interface LocaleInfo {
  /** BCP 47 tag for <html lang>, hreflang and Intl (plural rules, dates). */
  htmlLang: string;
  /** The language's name in itself, for the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
}

/** A validated table: its locale info and, per area, key → message. */
export interface LocaleTable {
  locale: LocaleInfo;
  areas: ReadonlyMap<string, ReadonlyMap<string, Message>>;
}

export interface LocaleRegistry {
  /** Locale codes, the default first, then alphabetical. */
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  isLocale(value: unknown): value is string;
  info(locale: string): LocaleInfo;
  /** Every key → message of one area. */
  area(locale: string, area: string): ReadonlyMap<string, Message>;
}

/** A locale code is the table's file name: lowercase, e.g. `en`, `fr`, `pt-br`; it is also the URL prefix. */
export const LOCALE_CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;

/** Tables keyed by locale code, from import.meta.glob's `{'./locales/en.json': table}`. */
export function tablesFromFiles(files: Record<string, unknown>): Record<string, unknown> {
  const tables: Record<string, unknown> = {};
  for (const [path, table] of Object.entries(files)) {
    const code =
      path
        .split('/')
        .pop()
        ?.replace(/\.json$/, '') ?? '';
    tables[code] = table;
  }
  return tables;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems of the `locale` block; empty when it is complete. */
function infoProblems(code: string, info: unknown): string[] {
  if (!isRecord(info)) return [`${code}: "locale" must be an object with htmlLang, name and dir`];
  const problems: string[] = [];
  if (typeof info.htmlLang !== 'string' || info.htmlLang === '') problems.push(`${code}: locale.htmlLang is missing`);
  else if (Intl.PluralRules.supportedLocalesOf([info.htmlLang]).length === 0) problems.push(`${code}: locale.htmlLang "${info.htmlLang}" is not a language Intl knows`);
  if (typeof info.name !== 'string' || info.name === '') problems.push(`${code}: locale.name is missing`);
  if (info.dir !== 'ltr' && info.dir !== 'rtl') problems.push(`${code}: locale.dir must be "ltr" or "rtl"`);
  return problems;
}

/** Problems of one message against the reference message of the same key. */
function messageProblems(where: string, message: unknown, reference: Message, htmlLang: string): string[] {
  if (typeof message !== 'string' && !isPluralMessage(message)) return [`${where}: must be text or plural forms with "other"`];
  const problems: string[] = [];
  if (isPluralMessage(message)) {
    const categories = new Set<string>(new Intl.PluralRules(htmlLang).resolvedOptions().pluralCategories);
    for (const [category, form] of Object.entries(message)) {
      if (!categories.has(category)) problems.push(`${where}: "${category}" is not a plural category of ${htmlLang} (${[...categories].join(', ')})`);
      if (typeof form !== 'string') problems.push(`${where}.${category}: must be text`);
    }
  }
  const want = [...placeholders(reference)].sort().join(', ');
  const have = [...placeholders(message)].sort().join(', ');
  if (problems.length === 0 && want !== have) problems.push(`${where}: placeholders {${have}} differ from the default locale's {${want}}`);
  return problems;
}

/** Everything that keeps `table` from matching the reference table; empty when it is complete. */
export function tableProblems(code: string, table: unknown, reference: Record<string, unknown>): string[] {
  if (!LOCALE_CODE.test(code)) return [`${code}: a locale file is named by its lowercase code, e.g. en.json or pt-br.json`];
  if (!isRecord(table)) return [`${code}: the table must be a JSON object`];
  const problems = infoProblems(code, table.locale);
  const htmlLang = isRecord(table.locale) && typeof table.locale.htmlLang === 'string' ? table.locale.htmlLang : 'en';
  for (const [area, referenceMessages] of Object.entries(reference)) {
    if (area === 'locale' || !isRecord(referenceMessages)) continue;
    const messages = table[area];
    if (!isRecord(messages)) {
      problems.push(`${code}: area "${area}" is missing`);
      continue;
    }
    for (const [key, referenceMessage] of Object.entries(referenceMessages)) {
      if (!(key in messages)) problems.push(`${code}: ${area}.${key} is missing`);
      else problems.push(...messageProblems(`${code}: ${area}.${key}`, messages[key], referenceMessage as Message, htmlLang));
    }
    for (const key of Object.keys(messages)) {
      if (!(key in referenceMessages)) problems.push(`${code}: ${area}.${key} is not a key of the default locale`);
    }
  }
  for (const area of Object.keys(table)) {
    if (!(area in reference)) problems.push(`${code}: area "${area}" is not in the default locale`);
  }
  return problems;
}

/** A validated table as maps (call after tableProblems found nothing). */
function toLocaleTable(table: Record<string, unknown>): LocaleTable {
  const areas = new Map<string, Map<string, Message>>();
  for (const [area, messages] of Object.entries(table)) {
    if (area === 'locale' || !isRecord(messages)) continue;
    areas.set(area, new Map(Object.entries(messages as Record<string, Message>)));
  }
  return { locale: table.locale as LocaleInfo, areas };
}

/**
 * The registry of `tables` (code → parsed JSON). Throws with every problem listed when a table is
 * incomplete, so a missing translation stops the build instead of reaching a page.
 */
export function createLocaleRegistry(tables: Record<string, unknown>, defaultLocale: string): LocaleRegistry {
  const reference = tables[defaultLocale];
  if (!isRecord(reference)) throw new Error(`locale tables: no table for the default locale "${defaultLocale}" (src/i18n/locales/${defaultLocale}.json)`);
  const problems = Object.entries(tables).flatMap(([code, table]) => tableProblems(code, table, reference));
  if (problems.length > 0) throw new Error(`locale tables (src/i18n/locales/):\n  ${problems.join('\n  ')}`);
  const validated = new Map(Object.entries(tables).map(([code, table]) => [code, toLocaleTable(table as Record<string, unknown>)] as const));
  const locales = [defaultLocale, ...[...validated.keys()].filter((code) => code !== defaultLocale).sort()];
  const tableOf = (locale: string): LocaleTable => {
    const table = validated.get(locale);
    if (!table) throw new Error(`unknown locale "${locale}" (known: ${locales.join(', ')})`);
    return table;
  };
  return {
    locales,
    defaultLocale,
    isLocale: (value): value is string => typeof value === 'string' && validated.has(value),
    info: (locale) => tableOf(locale).locale,
    area: (locale, area) => {
      const messages = tableOf(locale).areas.get(area);
      if (!messages) throw new Error(`locale table ${locale} has no area "${area}"`);
      return messages;
    },
  };
}
