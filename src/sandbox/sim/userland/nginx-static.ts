/**
 * nginx's static file handler for the image's default.conf (`root /usr/share/nginx/html; index
 * index.html index.htm;`): maps a request's URI to the container's files, as the filesystem
 * model holds them, and answers with the file, a redirect for a directory without its slash, 403
 * for a directory without an index, or 404, as nginx does.
 */
import { fileMtime, listDir, normalizePath, readFile } from './filesystem.ts';
import type { Proc } from './proc.ts';

/** The web root of the image's default server. */
const WEB_ROOT = '/usr/share/nginx/html';
const INDEXES = ['index.html', 'index.htm'];

/** What the handler decided: a file to send, or an error status (with the error log's reason). */
export type StaticResult = { status: 200; path: string; body: string; mtime: number | undefined } | { status: 301; location: string } | { status: 403 | 404; logged: string };

/** The URI's path without its query, %XX decoded (undecodable URIs stay as sent). */
function uriPath(uri: string): string {
  const bare = uri.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** Resolve the request URI `uri` against the web root; `host` is the Host header's name (for redirects). */
export function serveStatic(p: Proc, uri: string, host: string): StaticResult {
  const path = uriPath(uri);
  const file = normalizePath(WEB_ROOT + path);
  const isDir = (dir: string) => listDir(p, dir).ok;
  if (path.endsWith('/')) {
    for (const index of INDEXES) {
      const candidate = `${file}/${index}`;
      const read = readFile(p, candidate);
      if (read.ok) return { status: 200, path: candidate, body: read.text, mtime: fileMtime(p, candidate) };
    }
    if (isDir(file)) return { status: 403, logged: `directory index of "${file}/" is forbidden` };
    return { status: 404, logged: `"${file}/index.html" is not found (2: No such file or directory)` };
  }
  const read = readFile(p, file);
  if (read.ok) return { status: 200, path: file, body: read.text, mtime: fileMtime(p, file) };
  // port_in_redirect: the Location names the server's own port (80, left out), not the client's.
  if (isDir(file)) return { status: 301, location: `http://${host.replace(/:\d+$/, '')}${path}/` };
  return { status: 404, logged: `open() "${file}" failed (2: No such file or directory)` };
}
