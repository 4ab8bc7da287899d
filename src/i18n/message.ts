/**
 * One message of a locale table and how it becomes text: `{name}` placeholders filled from vars,
 * and plural forms picked with Intl.PluralRules. No tables here, so browser scripts can use it.
 */

/** Plural forms of a message, by CLDR category; `other` is required (zh needs nothing else). */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A message as written in src/i18n/locales/<locale>.json. */
export type Message = string | PluralMessage;

/** Values for a message's `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();

/** Plural rules of a BCP 47 language tag, built once per tag. */
function rulesFor(htmlLang: string): Intl.PluralRules {
  let rules = pluralRules.get(htmlLang);
  if (!rules) {
    rules = new Intl.PluralRules(htmlLang);
    pluralRules.set(htmlLang, rules);
  }
  return rules;
}

/** Whether a table value is a plural message (an object of forms) rather than plain text. */
export function isPluralMessage(value: unknown): value is PluralMessage {
  return typeof value === 'object' && value !== null && typeof (value as { other?: unknown }).other === 'string';
}

/** The number that picks a plural form: the `count` variable, else `n`. */
function pluralCount(vars: MessageVars): number {
  const value = vars.count ?? vars.n;
  return typeof value === 'number' ? value : Number(value);
}

/** The form of `message` for `vars` in the language `htmlLang`. */
function pickForm(message: Message, vars: MessageVars, htmlLang: string): string {
  if (typeof message === 'string') return message;
  const count = pluralCount(vars);
  if (!Number.isFinite(count)) return message.other;
  return message[rulesFor(htmlLang).select(count)] ?? message.other;
}

/** Text of a message: the plural form for vars, with `{name}` filled in (unknown names stay visible). */
export function formatMessage(message: Message, vars: MessageVars, htmlLang: string): string {
  return pickForm(message, vars, htmlLang).replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The placeholder names a message uses, over all its forms. */
export function placeholders(message: Message): Set<string> {
  const forms = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const form of forms) for (const match of form.matchAll(/\{(\w+)\}/g)) names.add(match[1] ?? '');
  return names;
}
