/**
 * The locale tables read with Node's fs, for the sandbox server that runs from source on plain Node
 * where `import.meta.glob` does not exist. fs is taken with `process.getBuiltinModule`, so that no
 * browser bundle ever imports a node: module (browser bundles take the Vite branch and never call this).
 */

/** The part of node:fs this needs (kept structural: browser code must not import node: modules). */
interface FileReader {
  readdirSync(path: URL): string[];
  readFileSync(path: URL, encoding: 'utf8'): string;
}

/** Every src/i18n/locales/<code>.json, parsed, keyed like import.meta.glob's `./locales/<code>.json`. */
export function readLocaleTablesWithNode(): Record<string, unknown> {
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
