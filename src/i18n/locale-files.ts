/**
 * The locale tables on disk: every src/i18n/locales/<code>.json, parsed. The one place that lists
 * them, so adding a language is adding a file (tests substitute this module to add a made-up one).
 */
export const LOCALE_FILES: Record<string, unknown> = import.meta.glob('./locales/*.json', { eager: true, import: 'default' });
