/**
 * Each built page carries its own locale's strings only: no other locale's UI text in its HTML, and
 * no UI text at all in the shared script bundles (scripts read theirs from the page's data attributes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.ts';
import { REPO_ROOT } from './harness.ts';

const CLIENT = join(REPO_ROOT, 'dist/client');
/** Shorter strings ("Copy", "Vethlab", "172.18.0.3") are too likely to be shared or to occur in code. */
const MIN_LENGTH = 12;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Keys whose other-locale text a page shows on purpose: the language switch labels each link in its own language. */
const SWITCH_KEYS = new Set(['site.lang.switchTo']);

/**
 * The `sandbox` area is what the simulator's own tools say (explain, help, the packet path). The in-browser
 * sandbox worker answers in whichever language its page asks for, so it carries that area for every
 * locale; nothing else may.
 */
const WORKER_AREA = 'sandbox';
const isWorkerEntry = (file: string) => /sandbox-worker-[\w-]+\.js$/.test(file);

/**
 * The simulator worker's bundle, or a chunk only the worker loads (the static build's worker fetches its
 * programs after the first prompt, as a chunk of their own): it may hold the worker's own strings.
 */
function isWorker(file: string): boolean {
  if (isWorkerEntry(file)) return true;
  const scripts = files(join(CLIENT, '_astro'), '.js');
  const loaders = scripts.filter((script) => script !== file && readFileSync(script, 'utf8').includes(basename(file)));
  return loaders.length > 0 && loaders.every(isWorkerEntry);
}

/** A text found in `haystack` as a whole: "Published port" is not in "Published ports are discarded". */
function contains(haystack: string, text: string): boolean {
  if (!/[A-Za-z]$/.test(text)) return haystack.includes(text);
  return new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`).test(haystack);
}

/** Every text of a locale's table (all plural forms), as it appears in HTML once escaped. */
function tableTexts(locale: string, skipArea?: string): Set<string> {
  const table = JSON.parse(readFileSync(join(REPO_ROOT, 'src/i18n/locales', `${locale}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
  const texts = new Set<string>();
  for (const [area, messages] of Object.entries(table)) {
    if (area === 'locale' || area === skipArea) continue;
    for (const [key, message] of Object.entries(messages)) {
      if (SWITCH_KEYS.has(`${area}.${key}`)) continue;
      for (const form of typeof message === 'string' ? [message] : Object.values(message as Record<string, string>)) {
        // The fixed text between placeholders and line breaks, as a page or a bundle would hold it.
        for (const piece of form.split(/\{\w+\}|\n/)) if (piece.trim().length >= MIN_LENGTH) texts.add(piece.trim());
      }
    }
  }
  return texts;
}

/**
 * A page minus what it quotes rather than says: real tools' output and commands (`<pre>`, `<code>`, a copy button's `data-code`: tcpdump
 * prints "listening on" in every locale) and text marked as another language (`<span lang="en">network
 * namespace</span>`, the English term glossed in Chinese prose).
 */
function withoutQuotedText(html: string): string {
  return html
    .replace(/<pre\b[\s\S]*?<\/pre>/g, '')
    .replace(/<code\b[\s\S]*?<\/code>/g, '')
    .replace(/ data-code="[^"]*"/g, '')
    .replace(/<span lang="[^"]+">[^<]*<\/span>/g, '');
}

const texts = new Map(LOCALES.map((locale) => [locale, tableTexts(locale)] as const));
const workerForbidden = new Map(LOCALES.map((locale) => [locale, tableTexts(locale, WORKER_AREA)] as const));
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('strings in the built site', () => {
  const pages = files(CLIENT, '.html').filter((file) => !file.includes('/pagefind/'));

  it('has pages of every locale', () => {
    const locales = new Set(pages.map((file) => /data-locale="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1]));
    expect([...locales].sort()).toEqual([...LOCALES].sort());
  });

  it('gives each page no other locale’s UI text', () => {
    const leaks: string[] = [];
    for (const file of pages) {
      const html = withoutQuotedText(readFileSync(file, 'utf8'));
      const locale = /data-locale="([^"]+)"/.exec(html)?.[1] ?? '';
      const own = texts.get(locale) ?? new Set();
      for (const [other, otherTexts] of texts) {
        if (other === locale) continue;
        for (const text of otherTexts) {
          if (!own.has(text) && (contains(html, text) || contains(html, escapeHtml(text)))) leaks.push(`${relative(CLIENT, file)}: ${other} "${text}"`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('ships no locale table in a script bundle', () => {
    const found: string[] = [];
    for (const file of files(join(CLIENT, '_astro'), '.js')) {
      const code = readFileSync(file, 'utf8');
      for (const [locale, allTexts] of texts) {
        const localeTexts = isWorker(file) ? (workerForbidden.get(locale) ?? new Set<string>()) : allTexts;
        const inBundle = [...localeTexts].filter((text) => code.includes(text) || code.includes(JSON.stringify(text).slice(1, -1)));
        // One text can be the script's own (the topology panel says "host network namespace" too); a table is many.
        if (inBundle.length > 2) found.push(`${relative(CLIENT, file)}: ${inBundle.length} ${locale} texts, e.g. "${inBundle[0]}"`);
      }
    }
    expect(found).toEqual([]);
  });
});
