/**
 * Adding a language is adding files: with a French table added to the locale files (the only thing
 * substituted here; everything else is the site's real code), routes, URLs, the language switch's
 * alternates, strings for pages and scripts, and lesson ids all know French without a code change.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/i18n/locale-files.ts', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = join(import.meta.dirname, '../../../src/i18n/locales');
  const files: Record<string, unknown> = {};
  for (const file of readdirSync(dir)) files[`./locales/${file}`] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const fr = structuredClone(files['./locales/en.json']) as { locale: object; site: Record<string, unknown> };
  fr.locale = { htmlLang: 'fr', name: 'Français', dir: 'ltr' };
  fr.site['nav.next'] = 'Suivant';
  fr.site['lang.switchTo'] = 'Lire cette page en français';
  fr.site['home.totals'] = { one: '{count} leçon, environ {minutes} minutes', many: '{count} de leçons, environ {minutes} minutes', other: '{count} leçons, environ {minutes} minutes' };
  files['./locales/fr.json'] = fr;
  return { LOCALE_FILES: files };
});

const { LOCALES, DEFAULT_LOCALE, htmlLang, isLocale } = await import('../../../src/i18n/locales.ts');
const { t, translator } = await import('../../../src/i18n/translate.ts');
const { pageStrings } = await import('../../../src/i18n/page-strings.ts');
const { readPageStrings } = await import('../../../src/i18n/client-strings.ts');
const { terminalStrings } = await import('../../../src/components/terminal/strings.ts');
const { classroomStrings } = await import('../../../src/components/classroom/strings.ts');
const urls = await import('../../../src/navigation/urls.ts');
const { courseLessons, lessonRef } = await import('../../../src/navigation/lessons.ts');

describe('a third language added as a file', () => {
  it('is a locale, after the default', () => {
    expect(LOCALES).toEqual(['zh', 'en', 'fr']);
    expect(DEFAULT_LOCALE).toBe('zh');
    expect(isLocale('fr')).toBe(true);
    expect(htmlLang('fr')).toBe('fr');
  });

  it('gets its pages from the one route per page', () => {
    expect(urls.localeStaticPaths()).toEqual([
      { params: { locale: undefined }, props: { locale: 'zh' } },
      { params: { locale: 'en' }, props: { locale: 'en' } },
      { params: { locale: 'fr' }, props: { locale: 'fr' } },
    ]);
    expect(urls.localeFromParam('fr')).toBe('fr');
    expect(urls.localeFromParam('de')).toBeUndefined();
    expect(urls.localeFromParam('zh')).toBeUndefined();
  });

  it('has URLs under /fr/ that parse back', () => {
    expect(urls.homeUrl('fr')).toBe('/fr/');
    expect(urls.lessonUrl('fr', '1-1-veth')).toBe('/fr/lessons/1-1-veth/');
    expect(urls.parsePath('/fr/lessons/1-1-veth/')).toEqual({ locale: 'fr', slug: '1-1-veth' });
    expect(urls.localizedPath('/fr/teach/classes/x/', 'en')).toBe('/en/teach/classes/x/');
  });

  it('is offered by the language switch of every page, and offers the others', () => {
    const slugs = new Map([
      ['zh', new Set(['1-1-veth', '1-2-connect'])],
      ['en', new Set(['1-1-veth', '1-2-connect'])],
      ['fr', new Set(['1-1-veth'])],
    ]);
    expect(Object.fromEntries(urls.lessonAlternates('/lessons/1-2-connect/', slugs))).toEqual({
      zh: '/lessons/1-2-connect/',
      en: '/en/lessons/1-2-connect/',
      fr: '/fr/',
    });
    expect(Object.fromEntries(urls.pathAlternates('/fr/join/me/'))).toEqual({ zh: '/join/me/', en: '/en/join/me/', fr: '/fr/join/me/' });
    expect(t('fr', 'lang.switchTo')).toBe('Lire cette page en français');
  });

  it('translates with its own plural rules, on the server and in page scripts', () => {
    expect(t('fr', 'nav.next')).toBe('Suivant');
    expect(translator('fr', 'site')('home.totals', { count: 1, minutes: 5 })).toBe('1 leçon, environ 5 minutes');
    expect(translator('fr', 'site')('home.totals', { count: 1_000_000, minutes: 5 })).toBe('1000000 de leçons, environ 5 minutes');
    const script = readPageStrings(pageStrings('fr', ['site.nav.next', 'site.home.totals']));
    expect(script('site.home.totals', { count: 2, minutes: 30 })).toBe('2 leçons, environ 30 minutes');
    expect(classroomStrings('fr')('teach.title')).toBe(classroomStrings('en')('teach.title'));
    expect(terminalStrings('fr').status.connected).toBe('Connected');
  });

  it('takes lessons from src/content/lessons/fr/', () => {
    const ref = lessonRef('fr/1-1-veth', { title: 'veth', minutes: 10, draft: false });
    expect(ref).toMatchObject({ locale: 'fr', chapter: 1, section: '1.1' });
    expect(courseLessons([ref, { ...ref, locale: 'en' }], 'fr')).toEqual([ref]);
  });
});
