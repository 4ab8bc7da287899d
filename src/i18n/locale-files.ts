/**
 * The locale tables on disk: every src/i18n/locales/<code>.json, parsed. The one place that lists
 * them, so adding a language is adding a file (tests substitute this module to add a made-up one).
 *
 * Vite (the site, dev server, vitest) turns `import.meta.glob` into the tables. The sandbox server
 * runs from source on plain Node (`node src/server/main.ts`), where `import.meta.glob` does not
 * exist; it reads the same folder with Node's fs (locale-files-node.ts). sandbox-catalog.ts takes
 * only the simulator's area of the same files.
 */
import { readLocaleTablesWithNode } from './locale-files-node.ts';

function viteTables(): Record<string, unknown> | undefined {
  try {
    return import.meta.glob('./locales/*.json', { eager: true, import: 'default' });
  } catch {
    return undefined;
  }
}

export const LOCALE_FILES: Record<string, unknown> = viteTables() ?? readLocaleTablesWithNode();
