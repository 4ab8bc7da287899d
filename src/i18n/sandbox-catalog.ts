/**
 * The words the simulator's own tools say (`explain`, `help`, the packet trace that `explain` and
 * "What happened?" show): the `sandbox` area of every locale table, and nothing else, so the
 * in-browser simulator's bundle carries these few strings rather than whole tables. Real tools'
 * output is not here; it stays as the real tools print it.
 *
 * Vite (the site, the worker, vitest) imports only the `sandbox` and `locale` keys of each table;
 * the server on plain Node reads the same files (locale-files-node.ts). The tables are validated
 * as a whole by registry.ts at build time, so every locale has every key here.
 */
import { readLocaleTablesWithNode } from './locale-files-node.ts';
import { formatMessage, type Message, type MessageVars } from './message.ts';
import type { AreaKey, LocaleInfo } from './registry.ts';

/** A key of the simulator's own messages, e.g. `trace.sends`. */
export type SandboxKey = AreaKey<'sandbox'>;

/** One message to be worded later, in whichever language the reader has. */
export interface SandboxMessage {
  key: SandboxKey;
  vars: MessageVars;
}

/** Turns a message into text in one language. */
export type SandboxTranslator = (key: SandboxKey, vars?: MessageVars) => string;

/** What the tools speak when nobody said which language: English, like the real tools they sit beside. */
export const SANDBOX_FALLBACK_LOCALE = 'en';

interface Catalog {
  info: LocaleInfo;
  messages: Record<string, Message>;
}

function codeOf(path: string): string {
  return (
    path
      .split('/')
      .pop()
      ?.replace(/\.json$/, '') ?? ''
  );
}

function viteCatalogs(): Map<string, Catalog> | undefined {
  let messages: Record<string, unknown>;
  let infos: Record<string, unknown>;
  try {
    messages = import.meta.glob('./locales/*.json', { eager: true, import: 'sandbox' });
    infos = import.meta.glob('./locales/*.json', { eager: true, import: 'locale' });
  } catch {
    return undefined;
  }
  const catalogs = new Map<string, Catalog>();
  for (const [path, area] of Object.entries(messages)) {
    catalogs.set(codeOf(path), { info: infos[path] as LocaleInfo, messages: area as Record<string, Message> });
  }
  return catalogs;
}

function nodeCatalogs(): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  for (const [path, table] of Object.entries(readLocaleTablesWithNode())) {
    const { locale, sandbox } = table as { locale: LocaleInfo; sandbox: Record<string, Message> };
    catalogs.set(codeOf(path), { info: locale, messages: sandbox });
  }
  return catalogs;
}

let catalogs: Map<string, Catalog> | undefined;

function loaded(): Map<string, Catalog> {
  catalogs ??= viteCatalogs() ?? nodeCatalogs();
  return catalogs;
}

/** Whether the simulator can speak `locale`. */
export function isSandboxLocale(locale: unknown): locale is string {
  return typeof locale === 'string' && loaded().has(locale);
}

/** The translator for `locale` (an unknown one speaks the fallback); a missing key shows as itself. */
export function sandboxTranslator(locale: string): SandboxTranslator {
  const catalog = loaded().get(locale) ?? loaded().get(SANDBOX_FALLBACK_LOCALE);
  const lang = catalog?.info.htmlLang ?? 'en';
  return (key, vars = {}) => {
    const found = catalog?.messages[key];
    return found === undefined ? key : formatMessage(found, vars, lang);
  };
}

/** A message worded by `t`. */
export function wordMessage(t: SandboxTranslator, message: SandboxMessage): string {
  return t(message.key, message.vars);
}
