/**
 * nginx (and the image's /docker-entrypoint.sh): listens on port 80 in its namespace, serves the
 * welcome page, writes startup notices and access-log lines to the container's log, and quits on
 * docker stop's SIGQUIT.
 */
import { formatIp } from '../kernel/ipv4.ts';
import { listen, unlisten, type Socket } from '../kernel/socket.ts';
import type { Main, Tool } from './registry.ts';

/** The default index.html of nginx 1.21. */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's built-in error page (ngx_http_special_response.c), whose lines end in CRLF. */
const NOT_FOUND = ['<html>', '<head><title>404 Not Found</title></head>', '<body>', '<center><h1>404 Not Found</h1></center>', '<hr><center>nginx/1.21.5</center>', '</body>', '</html>', ''].join(
  '\r\n',
);

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

/** An HTTP/1.1 response as nginx sends it. */
function response(status: number, body: string, now: number, head: boolean, close: boolean): string {
  const reason = status === 200 ? 'OK' : 'Not Found';
  // nginx answers a client's `Connection: close` (busybox wget) in kind.
  const connection = `Connection: ${close ? 'close' : 'keep-alive'}`;
  const headers = [
    `HTTP/1.1 ${status} ${reason}`,
    'Server: nginx/1.21.5',
    `Date: ${httpDate(now)}`,
    'Content-Type: text/html',
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    ...(status === 200 ? ['Last-Modified: Tue, 28 Dec 2021 15:28:38 GMT', connection, 'ETag: "61cb2d26-267"', 'Accept-Ranges: bytes'] : [connection]),
  ];
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
  const socket: Socket = {
    proto: 'tcp',
    addr: 0,
    port: 80,
    process: 'nginx',
    respond(request, peer) {
      // A client that closes without sending a request (nc with empty stdin) gets nothing back
      // and leaves no access-log line: nginx just closes its end.
      if (request === '') return undefined;
      const line = request.split('\r\n')[0] ?? '';
      const [method = 'GET', path = '/'] = line.split(' ');
      const ok = path === '/' || path === '/index.html';
      const body = ok ? NGINX_WELCOME : NOT_FOUND;
      const agent = /User-Agent: ([^\r\n]*)/i.exec(request)?.[1] ?? '-';
      const size = new TextEncoder().encode(body).length;
      ctx.io.stdout(`${formatIp(peer.addr)} - - [${accessTime(now())}] "${line}" ${ok ? 200 : 404} ${method === 'HEAD' ? 0 : size} "-" "${agent}" "-"\n`);
      return response(ok ? 200 : 404, body, now(), method === 'HEAD', /\r\nConnection: close\r\n/i.test(request));
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
