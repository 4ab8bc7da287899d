/** Browser side of the classroom API: JSON in and out, same-origin, the content type the server demands. */

export interface ApiError {
  code: string;
  message: string;
  field?: string;
  reason?: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

/** Call `/api/classroom<path>`; network failures come back as status 0, never as a throw. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/classroom${path}`, {
      method,
      credentials: 'same-origin',
      headers: method === 'GET' ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'network error' } };
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const error = (data as { error?: ApiError } | undefined)?.error ?? { code: 'internal', message: response.statusText };
  return { ok: false, status: response.status, error };
}
