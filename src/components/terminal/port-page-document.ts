/**
 * The document the Ports pane's frame shows for a port's answer (the in-browser simulator's pages
 * come as bytes through the sandbox connection): HTML as the page, decoded in its charset; an image
 * as an image (a data: URL, which the course's CSP allows for images); any other body as text, as a
 * browser shows text/plain. The frame is sandboxed without scripts, so none of it runs.
 */
import { toBase64 } from '../../sandbox/base64.ts';
import { escapeXml } from '../topology/render.ts';

/** A port's answer as the pane gets it. */
export interface PortBody {
  headers: readonly [string, string][];
  body: Uint8Array;
}

/** The frame's `srcdoc` for `page`. */
export function portPageDocument(page: PortBody): string {
  const contentType = page.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (/^image\/[a-z0-9.+-]+$/.test(mediaType)) {
    return `<!doctype html><body style="margin:0"><img alt="" src="data:${mediaType};base64,${toBase64(page.body)}"></body>`;
  }
  const text = decode(page.body, /;\s*charset="?([^";\s]+)/i.exec(contentType)?.[1]);
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml' || mediaType === '') return text;
  return `<!doctype html><pre style="white-space:pre-wrap">${escapeXml(text)}</pre>`;
}

function decode(body: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    // An unknown charset label: UTF-8, as a browser would guess for a page without one.
    return new TextDecoder().decode(body);
  }
}
