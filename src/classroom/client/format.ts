/** Times in the browser's own time zone (the server cannot know it), and due dates from date inputs. */

/** "2026年11月29日" / "Nov 29, 2026" (with the time when `withTime`). */
export function formatTime(iso: string, locale: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, withTime).format(date);
}

// Making a DateTimeFormat costs far more than using one; the dashboard formats thousands of times per draw.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
    formatters.set(key, format);
  }
  return format;
}

/** A date input's "YYYY-MM-DD" → the end of that day in this time zone, as ISO; "" → null. */
export function endOfLocalDay(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999).toISOString();
}

/** ISO → "YYYY-MM-DD" in this time zone, for a date input. */
export function localDateValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Fill every <time data-vl-local> with its datetime in the reader's zone and the page's language. */
export function localizeTimes(root: ParentNode = document): void {
  const locale = document.documentElement.lang || 'zh-CN';
  for (const el of root.querySelectorAll<HTMLTimeElement>('time[data-vl-local]')) {
    el.textContent = formatTime(el.dateTime, locale, el.dataset.vlLocal === 'time');
  }
}
