/** URLs of the course: zh at the root, English under /en/, lessons under lessons/<slug>/. */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';

/** Path prefix of a locale: "" for the default locale, "/en" otherwise. */
function prefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `/${locale}`;
}

/** The course home page of a locale. */
export function homeUrl(locale: Locale): string {
  return `${prefix(locale)}/`;
}

/** The page of one lesson. */
export function lessonUrl(locale: Locale, slug: string): string {
  return `${prefix(locale)}/lessons/${slug}/`;
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

/**
 * The same place in another locale: the same lesson when it is translated,
 * the course home otherwise (a missing translation must not lead to a 404).
 */
export function alternateUrl(pathname: string, target: Locale, targetSlugs: ReadonlySet<string>): string {
  const { slug } = parsePath(pathname);
  if (slug !== undefined && targetSlugs.has(slug)) return lessonUrl(target, slug);
  return homeUrl(target);
}
