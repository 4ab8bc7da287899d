/** JSON responses of the classroom API, never cached, never sniffed. */
import { isClassroomError } from '../errors.ts';

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A response with no body. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: BASE_HEADERS });
}

/** A text download (CSV). */
export function download(body: string, type: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: { ...BASE_HEADERS, 'content-type': type, 'content-disposition': `attachment; filename="${filename}"` },
  });
}

/** The JSON body for a refusal; unexpected errors are logged and answered with a bare 500. */
export function errorResponse(error: unknown): Response {
  if (isClassroomError(error)) {
    const headers: Record<string, string> = error.retryAfter !== undefined ? { 'retry-after': String(error.retryAfter) } : {};
    return json({ error: { code: error.code, message: error.message, field: error.field, reason: error.reason } }, error.status, headers);
  }
  console.error('classroom: unexpected error', error);
  return json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

/** Headers that every page of the instructor and join UI sends: private, not cached. */
export const PRIVATE_PAGE_HEADERS: Readonly<Record<string, string>> = BASE_HEADERS;
