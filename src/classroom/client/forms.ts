/** Forms of the classroom pages: sent as JSON by script (never as a cross-site-capable form post). */
import type { ApiError, ApiResult } from './api.ts';
import type { ClassroomKey } from '../../components/classroom/strings.ts';
import { classroomText } from './page-text.ts';

export { pageLocale, pagePrefix } from './page-text.ts';

/** The classroom keys errorMessage shows: every page with a form provides them (ClassroomShell). */
export const ERROR_KEYS = [
  'error.generic',
  'error.unauthenticated',
  'error.rate-limited',
  'error.conflict',
  'error.not-found',
  'error.password',
  'error.commonPassword',
  'error.currentPassword',
  'error.removed',
] as const satisfies readonly ClassroomKey[];

/** A message for the user from an API error, in the page's language. */
export function errorMessage(error: ApiError): string {
  const t = classroomText();
  if (error.reason === 'common') return t('error.commonPassword');
  if (error.reason === 'removed') return t('error.removed');
  if (error.field === 'currentPassword') return t('error.currentPassword');
  if (error.field === 'password' && error.code === 'bad-request') return t('error.password');
  const key = `error.${error.code}` as ClassroomKey;
  if (['error.unauthenticated', 'error.rate-limited', 'error.conflict', 'error.not-found'].includes(key)) return t(key);
  return error.code === 'bad-request' ? error.message : t('error.generic');
}

/**
 * Submit `form` as JSON through `send`; shows errors in its [data-vl-error] element (as text) and calls
 * `done` on success. Fields are the form's named inputs; empty ones are left out.
 */
export function bindJsonForm<T>(form: HTMLFormElement, send: (fields: Record<string, string>) => Promise<ApiResult<T>>, done: (data: T) => void | Promise<void>): void {
  const errorBox = form.querySelector<HTMLElement>('[data-vl-error]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value !== '') fields[name] = value;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    if (errorBox) errorBox.hidden = true;
    try {
      const result = await send(fields);
      if (result.ok) {
        await done(result.data);
        return;
      }
      if (errorBox) {
        errorBox.textContent = errorMessage(result.error);
        errorBox.hidden = false;
      }
    } finally {
      if (button) button.disabled = false;
    }
  });
}
