/**
 * busybox httpd: `httpd -h DIR [-p PORT]` daemonizes (the command returns at once) and serves the
 * files of DIR from the container's filesystem on :::80 until the container stops.
 */
import { listen } from '../kernel/socket.ts';
import { readFile } from './filesystem.ts';
import { spawnProcess } from './process-table.ts';
import { failWith, type Tool } from './registry.ts';

/** The httpd program. */
export const httpd: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  let home = '/www';
  let port = 80;
  let foreground = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-h') home = args[++i] ?? home;
    else if (a === '-p') port = Number((args[++i] ?? '80').split(':').pop());
    else if (a === '-f') foreground = true;
  }
  const ok = listen(p.netns, {
    proto: 'tcp',
    addr: 0,
    port,
    process: 'httpd',
    v6: true,
    respond(request) {
      const path = (request.split(' ')[1] ?? '/').split('?')[0] ?? '/';
      const file = readFile(p, `${home}/${path.endsWith('/') ? path + 'index.html' : path}`);
      if (!file.ok) {
        const body = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
        return `HTTP/1.1 404 Not Found\r\nContent-type: text/html\r\n\r\n${body}`;
      }
      const length = new TextEncoder().encode(file.text).length;
      return `HTTP/1.1 200 OK\r\nContent-type: ${contentType(path)}\r\nContent-Length: ${length}\r\n\r\n${file.text}`;
    },
  });
  if (!ok) return failWith(ctx, 'httpd: bind: Address in use');
  // Without -f it forks into the background and lives as long as the container (or host).
  if (!foreground) spawnProcess(p.node.processes, ctx.clock.now(), ctx.argv, p.container);
  if (foreground) await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  return 0;
};

/** busybox httpd's built-in suffix table (the common part of it); other files are application/octet-stream. */
const MIME_TYPES: Record<string, string> = {
  htm: 'text/html',
  html: 'text/html',
  txt: 'text/plain',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
};

function contentType(path: string): string {
  const name = path.endsWith('/') ? 'index.html' : (path.split('/').pop() ?? '');
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? MIME_TYPES[name.slice(dot + 1).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/** mkdir: directories are implicit in the model, so it only has to succeed. */
export const mkdir: Tool = async (_p, ctx) => (ctx.argv.length > 1 ? 0 : failWith(ctx, 'mkdir: missing operand'));
