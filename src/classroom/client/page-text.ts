/**
 * The classroom strings a page's scripts need, read from the page (ClassroomShell renders them into
 * data-vl-strings, in the page's locale only), and the page's locale and home from <html>.
 */
import { stringsOf } from '../../i18n/client-strings.ts';
import type { MessageVars } from '../../i18n/message.ts';
import type { ClassroomKey } from '../../components/classroom/strings.ts';

/** The page's locale code (BaseLayout's <html data-locale>). */
export function pageLocale(): string {
  return document.documentElement.dataset.locale ?? '';
}

/** Path prefix of the page's locale: "" at the root, "/en" for English (from <html data-home>). */
export function pagePrefix(): string {
  return (document.documentElement.dataset.home ?? '/').replace(/\/$/, '');
}

/** Translator of the classroom keys ClassroomShell provided for this page's scripts. */
export function classroomText(): (key: ClassroomKey, vars?: MessageVars) => string {
  const t = stringsOf(document.querySelector('.vl-classroom[data-vl-strings]'));
  return (key, vars) => t(`classroom.${key}`, vars);
}
