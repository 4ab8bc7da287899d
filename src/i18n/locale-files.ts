/**
 * The locale tables on disk: every src/i18n/locales/<code>.json, parsed. The one place that lists
 * them, so adding a language is adding a file (tests substitute this module to add a made-up one).
 *
 * Vite (the site, dev server, vitest) turns `import.meta.glob` into the tables. The sandbox server
 * runs from source on plain Node (`node src/server/main.ts`), where `import.meta.glob` does not
 * exist; it reads the same folder with Node's fs, taken with `process.getBuiltinModule` so that no
 * browser bundle ever imports it.
 */

/** The part of node:fs this needs (kept structural: browser code must not import node: modules). */
interface FileReader {
  readdirSync(path: URL): string[];
  readFileSync(path: URL, encoding: 'utf8'): string;
}

function viteTables(): Record<string, unknown> | undefined {
  try {
    return import.meta.glob('./locales/*.json', { eager: true, import: 'default' });
  } catch {
    return undefined;
  }
}

function nodeTables(): Record<string, unknown> {
  const runtime = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const fs = runtime?.getBuiltinModule?.('node:fs') as FileReader | undefined;
  if (!fs) throw new Error('the locale tables cannot be loaded: neither Vite nor Node is running this');
  const folder = new URL('./locales/', import.meta.url);
  const tables: Record<string, unknown> = {};
  for (const name of fs.readdirSync(folder).sort()) {
    if (name.endsWith('.json')) tables[`./locales/${name}`] = JSON.parse(fs.readFileSync(new URL(name, folder), 'utf8')) as unknown;
  }
  return tables;
}

export const LOCALE_FILES: Record<string, unknown> = viteTables() ?? nodeTables();
