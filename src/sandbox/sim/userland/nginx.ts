/**
 * nginx (and the image's /docker-entrypoint.sh): listens on port 80 in its namespace, serves the
 * container's /usr/share/nginx/html (nginx-static.ts), writes startup notices and access-log lines to the container's log, and quits on
 * docker stop's SIGQUIT.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import { nginxContentType } from './nginx-mime.ts';
import { serveStatic, type StaticResult } from './nginx-static.ts';
import type { Main, Tool } from './registry.ts';

/** The reason phrases of the statuses the static handler answers with. */
const REASONS: Readonly<Record<number, string>> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found' };

/** nginx's built-in page for an error or redirect status (CRLF line ends, as nginx sends it). */
function errorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  return [`<html>`, `<head><title>${title}</title></head>`, '<body>', `<center><h1>${title}</h1></center>`, '<hr><center>nginx/1.21.5</center>', '</body>', '</html>', ''].join('\r\n');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** nginx's error-log timestamp: 2026/01/01 09:00:00. */
function logTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** The access-log timestamp: 01/Jan/2026:09:00:00 +0000. */
function accessTime(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${two(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** The HTTP date header value. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The ETag nginx makes of a file's mtime (seconds) and size, both in hex. */
function etag(mtime: number, size: number): string {
  return `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`;
}

/** An HTTP/1.1 response as nginx sends it for what the static handler decided. */
function response(result: StaticResult, body: string, now: number, head: boolean, close: boolean): string {
  // nginx answers a client's `Connection: close` (busybox wget) in kind.
  const connection = `Connection: ${close ? 'close' : 'keep-alive'}`;
  const size = new TextEncoder().encode(body).length;
  const headers = [
    `HTTP/1.1 ${result.status} ${REASONS[result.status] ?? ''}`,
    'Server: nginx/1.21.5',
    `Date: ${httpDate(now)}`,
    `Content-Type: ${result.status === 200 ? nginxContentType(result.path) : 'text/html'}`,
    `Content-Length: ${size}`,
  ];
  if (result.status === 200) {
    const { mtime } = result;
    if (mtime === undefined) headers.push(connection, 'Accept-Ranges: bytes');
    else headers.push(`Last-Modified: ${httpDate(mtime)}`, connection, `ETag: ${etag(mtime, size)}`, 'Accept-Ranges: bytes');
  } else if (result.status === 301) headers.push(`Location: ${result.location}`, connection);
  else headers.push(connection);
  return headers.join('\r\n') + '\r\n\r\n' + (head ? '' : body);
}

/** The nginx program: foreground server until stopped. */
export const nginx: Tool = async (p, ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-v')) {
    ctx.io.stderr('nginx version: nginx/1.21.5\n');
    return 0;
  }
  const now = () => ctx.clock.now();
  const log = (msg: string) => ctx.io.stderr(`${logTime(now())} [notice] 1#1: ${msg}\n`);
  // The worker numbers its connections (`*N` in the error log) from 1.
  let connections = 0;
  const socket: Socket = {
    proto: 'tcp',
    addr: 0,
    port: 80,
    process: 'nginx',
    respond(request, peer) {
      // The request line's parser skips CR and LF before it (ngx_http_parse_request_line's
      // sw_start), so a client that closes having sent nothing else (nc with empty stdin, or
      // `echo |`) gets nothing back and leaves no access-log line: nginx just closes its end.
      const sent = request.replace(/^[\r\n]+/, '');
      if (sent === '') return undefined;
      const line = sent.split('\r\n')[0] ?? '';
      const [method = 'GET', uri = '/'] = line.split(' ');
      const host = /\r\nHost: ([^\r\n]*)/i.exec(sent)?.[1];
      const result = serveStatic(p, uri, host ?? 'localhost');
      const body = result.status === 200 ? result.body : errorPage(result.status);
      connections += 1;
      if (result.status === 403 || result.status === 404) {
        ctx.io.stderr(
          `${logTime(now())} [error] 31#31: *${connections} ${result.logged}, client: ${formatIp(peer.addr)}, server: localhost, request: "${line}"${host === undefined ? '' : `, host: "${host}"`}\n`,
        );
      }
      const agent = /User-Agent: ([^\r\n]*)/i.exec(sent)?.[1] ?? '-';
      const size = new TextEncoder().encode(body).length;
      ctx.io.stdout(`${formatIp(peer.addr)} - - [${accessTime(now())}] "${line}" ${result.status} ${method === 'HEAD' ? 0 : size} "-" "${agent}" "-"\n`);
      return response(result, body, now(), method === 'HEAD', /\r\nConnection: close\r\n/i.test(sent));
    },
  };
  // default.conf listens on 80 and, after 10-listen-on-ipv6-by-default.sh, on [::]:80 too.
  const socket6: Socket = { ...socket, v6: true };
  if (!listen(p.netns, socket)) {
    ctx.io.stderr(`${logTime(now())} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
    return 1;
  }
  if (!listen(p.netns, socket6)) {
    unlisten(p.netns, socket);
    ctx.io.stderr(`${logTime(now())} [emerg] 1#1: bind() to [::]:80 failed (98: Address already in use)\nnginx: [emerg] bind() to [::]:80 failed (98: Address already in use)\n`);
    return 1;
  }
  log('using the "epoll" event method');
  log('nginx/1.21.5');
  log('built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ');
  log(`OS: Linux ${p.netns.sysctl.get('kernel.osrelease') ?? ''}`);
  log('getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  log('start worker processes');
  log('start worker process 31');
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  unlisten(p.netns, socket);
  unlisten(p.netns, socket6);
  return 0;
};

/** /docker-entrypoint.sh of the nginx image: configuration notices, then exec of its arguments. */
export const dockerEntrypoint: Main = async (_p, ctx, exec) => {
  const args = ctx.argv.slice(1);
  if (args[0] === 'nginx' || args[0] === 'nginx-debug') {
    ctx.io.stdout(
      [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ].join('\n') + '\n',
    );
  }
  if (args.length === 0) return 0;
  return exec(args, ctx);
};
