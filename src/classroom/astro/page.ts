/** Runs a classroom page loader inside an Astro page: cookies, private headers, redirects, 404. */
import type { AstroGlobal } from 'astro';
import type { Locale } from '../../i18n/locales.ts';
import { localeFromParam } from '../../navigation/urls.ts';
import type { ApiDeps } from '../http/api.ts';
import type { PageResult } from '../http/pages.ts';
import { PRIVATE_PAGE_HEADERS } from '../http/responses.ts';
import { deps } from './deps.ts';

type Loader<T> = (request: Request, deps: ApiDeps, locale: Locale) => Promise<PageResult<T>>;

/**
 * The page's data (undefined when the thing is not found or not yours: the page then shows its
 * not-found state with status 404), or the Response the page must return instead: a redirect, or a
 * bare 404 when the path's first segment names no locale (`[...locale]` matches any prefix).
 */
export async function loadPage<T>(Astro: AstroGlobal, loader: Loader<T>): Promise<{ data: T | undefined; locale: Locale } | Response> {
  const locale = localeFromParam(Astro.params.locale);
  if (locale === undefined) return new Response(null, { status: 404, headers: PRIVATE_PAGE_HEADERS });
  const result = await loader(Astro.request, deps, locale);
  for (const [name, value] of Object.entries(PRIVATE_PAGE_HEADERS)) Astro.response.headers.set(name, value);
  if (result.kind === 'redirect') {
    const response = Astro.redirect(result.location, 303);
    for (const cookie of result.setCookies) response.headers.append('set-cookie', cookie);
    return response;
  }
  for (const cookie of result.setCookies) Astro.response.headers.append('set-cookie', cookie);
  if (result.kind === 'not-found') {
    Astro.response.status = 404;
    return { data: undefined, locale };
  }
  return { data: result.data, locale };
}
