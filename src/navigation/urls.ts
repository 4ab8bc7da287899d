/** URLs of the course: the default locale at the root, every other under /<code>/, lessons under lessons/<slug>/. */
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../i18n/locales.ts';

/** Path prefix of a locale: "" for the default locale, "/en" otherwise. */
export function localePrefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `/${locale}`;
}

/** The `[...locale]` route parameter of a locale: undefined (the root) for the default locale. */
export function localeParam(locale: Locale): string | undefined {
  return locale === DEFAULT_LOCALE ? undefined : locale;
}

/** The locale a `[...locale]` route parameter names; undefined when it names none (the page is a 404). */
export function localeFromParam(param: string | undefined): Locale | undefined {
  if (param === undefined || param === '') return DEFAULT_LOCALE;
  return isLocale(param) && param !== DEFAULT_LOCALE ? param : undefined;
}

/** getStaticPaths entries of a `[...locale]` route: one per locale. */
export function localeStaticPaths(): Array<{ params: { locale: string | undefined }; props: { locale: Locale } }> {
  return LOCALES.map((locale) => ({ params: { locale: localeParam(locale) }, props: { locale } }));
}

/** The course home page of a locale. */
export function homeUrl(locale: Locale): string {
  return `${localePrefix(locale)}/`;
}

/** The page of one lesson. */
export function lessonUrl(locale: Locale, slug: string): string {
  return `${localePrefix(locale)}/lessons/${slug}/`;
}

/** What a pathname points at: the locale and, on a lesson page, the lesson's slug. */
export function parsePath(pathname: string): { locale: Locale; slug: string | undefined } {
  const parts = pathname.split('/').filter(Boolean);
  const first = parts[0];
  const locale: Locale = isLocale(first) && first !== DEFAULT_LOCALE ? first : DEFAULT_LOCALE;
  const rest = locale === DEFAULT_LOCALE ? parts : parts.slice(1);
  const slug = rest[0] === 'lessons' && rest.length >= 2 ? rest[1] : undefined;
  return { locale, slug };
}

/** The same path in another locale (for pages every locale has, such as the classroom's). */
export function localizedPath(pathname: string, target: Locale): string {
  const { locale } = parsePath(pathname);
  const rest = pathname.slice(localePrefix(locale).length) || '/';
  return `${localePrefix(target)}${rest}`;
}

/**
 * The same place in another locale: the same lesson when it is translated,
 * the course home otherwise (a missing translation must not lead to a 404).
 */
export function alternateUrl(pathname: string, target: Locale, targetSlugs: ReadonlySet<string>): string {
  const { slug } = parsePath(pathname);
  if (slug !== undefined && targetSlugs.has(slug)) return lessonUrl(target, slug);
  return homeUrl(target);
}

/** This page in every locale: a lesson where translated, else that locale's home. */
export function lessonAlternates(pathname: string, slugsByLocale: ReadonlyMap<Locale, ReadonlySet<string>>): Map<Locale, string> {
  return new Map(LOCALES.map((target) => [target, alternateUrl(pathname, target, slugsByLocale.get(target) ?? new Set())] as const));
}

/** This page in every locale, for pages that exist in all of them. */
export function pathAlternates(pathname: string): Map<Locale, string> {
  return new Map(LOCALES.map((target) => [target, localizedPath(pathname, target)] as const));
}
