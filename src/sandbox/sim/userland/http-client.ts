/**
 * wget (busybox and GNU) and curl: an HTTP GET or HEAD over one TCP exchange through the model,
 * so the answer depends on routes, rules, DNAT and whether something listens.
 */
import { exchange } from '../kernel/delivery.ts';
import { formatIp } from '../kernel/ipv4.ts';
import { writeFile } from './filesystem.ts';
import type { Proc } from './proc.ts';
import type { ProgramContext } from './program.ts';
import { failWith, type Tool } from './registry.ts';
import { resolveHost } from './resolve.ts';
import { progressEnd, progressStart } from './curl-progress.ts';
import { busyboxUsage } from './busybox-usage.ts';

interface Url {
  host: string;
  port: number;
  path: string;
}

function parseUrl(text: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(text);
  const host = m?.[2];
  if (!m || host === undefined) return undefined;
  return { host, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ?? '/' };
}

type Fetched = { ok: true; status: string; headers: string; body: string; addr: number } | { ok: false; reason: 'resolve' | 'refused' | 'timeout' | 'unreachable'; addr?: number };

function fetchUrl(p: Proc, url: Url, method: 'GET' | 'HEAD', agent: string): Fetched {
  const r = resolveHost(p, url.host);
  if (r.addr === undefined) return { ok: false, reason: 'resolve' };
  // busybox wget closes after one request and says so; GNU wget and curl accept anything.
  const tail = agent === 'Wget' ? 'Connection: close' : 'Accept: */*';
  const request = `${method} ${url.path} HTTP/1.1\r\nHost: ${url.host}${url.port === 80 ? '' : ':' + url.port}\r\nUser-Agent: ${agent}\r\n${tail}\r\n\r\n`;
  const out = exchange(p.netns, { proto: 'tcp', dst: r.addr, dport: url.port, bytes: 60 + request.length, request }, p.daemon.uplink);
  if (out.kind === 'refused') return { ok: false, reason: 'refused', addr: r.addr };
  if (out.kind === 'no-route' || out.kind === 'host-unreachable') return { ok: false, reason: 'unreachable', addr: r.addr };
  if (out.kind !== 'reply' || out.response === undefined) return { ok: false, reason: 'timeout', addr: r.addr };
  const split = out.response.indexOf('\r\n\r\n');
  const headers = split < 0 ? out.response : out.response.slice(0, split);
  const body = split < 0 ? '' : out.response.slice(split + 4);
  return { ok: true, status: headers.split('\r\n')[0] ?? '', headers, body, addr: r.addr };
}

/** GNU wget's `--2026-01-01 09:00:00--  URL` line: the local time (the machines run UTC) it starts fetching. */
function gnuStartLine(now: number, target: string): string {
  const stamp = new Date(now).toISOString().slice(0, 19).replace('T', ' ');
  return `--${stamp}--  ${/^https?:\/\//.test(target) ? target : `http://${target}`}\n`;
}

/** busybox wget -S: the status line and each header, indented by two spaces. */
function serverResponse(headers: string): string {
  return headers
    .split('\r\n')
    .map((line) => `  ${line}\n`)
    .join('');
}

/** busybox wget / GNU wget (the options lessons use: -q, -O FILE, -O-, -S, --spider, -T). */
export const wget: Tool = async (p, ctx) => {
  const bb = p.toolset === 'busybox';
  let quiet = false;
  let showResponse = false;
  let output: string | undefined;
  let target: string | undefined;
  // A silent peer: both wait 900 s; GNU wget's -T shortens that. The recording host's Debian
  // busybox 1.35-static wget segfaults on -T (exit 139, no output: host-info #27); the busybox
  // modelled here is the Docker Hub image's 1.36.1, the one learners pull, whose -T works, so the
  // segfault is not reproduced (listed as a known divergence).
  let timeoutMs = 900_000;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-S' || a === '--server-response') showResponse = true;
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T' || a === '--timeout' || a.startsWith('--timeout=')) {
      const seconds = Number(a.startsWith('--timeout=') ? a.slice('--timeout='.length) : args[++i]);
      if (!bb && Number.isFinite(seconds) && seconds > 0) timeoutMs = seconds * 1000;
    } else if (a.startsWith('-')) continue;
    else target = a;
  }
  if (target === undefined)
    return failWith(
      ctx,
      bb
        ? busyboxUsage('wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...')
        : 'wget: missing URL',
      bb ? 1 : 1,
    );
  const url = parseUrl(target);
  if (!url) return failWith(ctx, bb ? `wget: bad address '${target}'` : `${target}: Invalid URL`);
  if (!bb && !quiet) ctx.io.stderr(gnuStartLine(ctx.clock.now(), target));
  const got = fetchUrl(p, url, 'GET', bb ? 'Wget' : 'Wget/1.21.3');
  const hostShown = (addr: number | undefined) => formatIp(addr ?? 0);
  // busybox says where it connects once the name resolved, before connect() answers.
  const connecting = (addr: number | undefined) => `Connecting to ${url.host}${url.port === 80 ? '' : ':' + url.port} (${hostShown(addr)}:${url.port})\n`;
  if (!got.ok) {
    // GNU wget -q reports no errors at all, only its exit status; busybox's -q keeps them.
    const gnuQuiet: ProgramContext = { ...ctx, io: { ...ctx.io, stderr: () => undefined } };
    if (!bb && quiet) ctx = gnuQuiet;
    if (got.reason === 'resolve') return failWith(ctx, bb ? `wget: bad address '${url.host}'` : `wget: unable to resolve host address ‘${url.host}’`, bb ? 1 : 4);
    if (bb && !quiet) ctx.io.stderr(connecting(got.addr));
    if (!bb && !quiet) ctx.io.stderr(`Connecting to ${url.host}:${url.port}... `);
    if (got.reason === 'refused') return failWith(ctx, bb ? `wget: can't connect to remote host (${hostShown(got.addr)}): Connection refused` : 'failed: Connection refused.', bb ? 1 : 4);
    if (got.reason === 'unreachable') return failWith(ctx, bb ? `wget: can't connect to remote host (${hostShown(got.addr)}): No route to host` : 'failed: No route to host.', bb ? 1 : 4);
    await ctx.clock.sleep(timeoutMs, ctx.signal).catch(() => undefined);
    return failWith(ctx, bb ? 'wget: download timed out' : 'failed: Connection timed out.', bb ? 1 : 4);
  }
  if (bb && !quiet) ctx.io.stderr(connecting(got.addr));
  if (bb && showResponse) ctx.io.stderr(serverResponse(got.headers));
  const code = Number(got.status.split(' ')[1]);
  if (code >= 400) return failWith(ctx, bb ? `wget: server returned error: ${got.status}` : `${got.status.replace('HTTP/1.1 ', 'ERROR ')}.`, bb ? 1 : 8);
  const file = output ?? (url.path.split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet && bb) ctx.io.stderr('writing to stdout\n');
    ctx.io.stdout(got.body);
    if (!quiet && bb) ctx.io.stderr(`-                    100% |********************************|   ${got.body.length}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  if (file !== '/dev/null') writeFile(p, file.startsWith('/') ? file : `/${file}`, got.body);
  if (!quiet) {
    if (bb) ctx.io.stderr(`saving to '${file}'\n${(file.split('/').pop() ?? file).padEnd(20)} 100% |********************************|   ${got.body.length}  0:00:00 ETA\n'${file}' saved\n`);
    else
      ctx.io.stderr(
        `Connecting to ${url.host}:${url.port}... connected.\nHTTP request sent, awaiting response... ${got.status.slice(9)}\nLength: ${got.body.length} [text/html]\nSaving to: ‘${file}’\n\n‘${file}’ saved [${got.body.length}/${got.body.length}]\n\n`,
      );
  }
  return 0;
};

/** curl 7.88 (the options lessons use: -s, -S, -I, -i, -o FILE, -O, -m). */
export const curl: Tool = async (p, ctx: ProgramContext) => {
  let silent = false;
  let head = false;
  let include = false;
  let agent = 'curl/7.88.1';
  let target: string | undefined;
  /** Where the body goes: stdout, a file (-o FILE), or the URL's own file name (-O). */
  let output: { kind: 'stdout' } | { kind: 'file'; path: string } | { kind: 'remote-name' } = { kind: 'stdout' };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) break;
    if (a === '-A' || a === '--user-agent') {
      agent = args[++i] ?? agent;
      continue;
    }
    if (a === '-o' || a === '--output') {
      const path = args[++i];
      if (path === undefined) return failWith(ctx, `curl: option ${a}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`, 2);
      output = { kind: 'file', path };
      continue;
    }
    if (a === '-m' || a === '--max-time' || a === '--max-filesize' || a === '-H') {
      i++;
      continue;
    }
    if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('s')) silent = true;
      if (a.includes('I')) head = true;
      if (a.includes('i')) include = true;
      if (a.includes('O')) output = { kind: 'remote-name' };
      continue;
    }
    if (a === '--silent') silent = true;
    else if (a === '--head') head = true;
    else if (a === '--include') include = true;
    else if (a === '--remote-name') output = { kind: 'remote-name' };
    else if (!a.startsWith('-')) target = a;
  }
  const showErr = !silent || args.some((a) => /^-[a-zA-Z]*S/.test(a));
  if (target === undefined) return failWith(ctx, "curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const url = parseUrl(target);
  if (!url) return showErr ? failWith(ctx, `curl: (3) URL using bad/illegal format or missing URL`, 3) : 3;
  // -O names the file after the URL's last path segment, and refuses an empty one before connecting.
  const file = output.kind === 'file' ? output.path : output.kind === 'remote-name' ? (url.path.split('/').pop() ?? '') : undefined;
  if (file === '') {
    if (showErr) ctx.io.stderr('curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n');
    return 23;
  }
  // The body goes into a pipe or a file: curl shows its progress meter on stderr (-s hides it).
  const meter = !silent && (file !== undefined || ctx.io.stdoutIsPipe === true);
  if (meter) ctx.io.stderr(progressStart());
  const started = ctx.clock.now();
  const got = fetchUrl(p, url, head ? 'HEAD' : 'GET', agent);
  if (!got.ok) {
    if (meter) ctx.io.stderr('\n');
    const [code, msg] =
      got.reason === 'resolve'
        ? [6, `Could not resolve host: ${url.host}`]
        : got.reason === 'refused'
          ? [7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`]
          : got.reason === 'unreachable'
            ? [7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: No route to host`]
            : [28, `Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server`];
    if (code === 28) await ctx.clock.sleep(130_000, ctx.signal).catch(() => undefined);
    if (showErr) ctx.io.stderr(`curl: (${code}) ${msg}\n`);
    return code as number;
  }
  if (meter) ctx.io.stderr(progressEnd(head ? 0 : got.body.length, ctx.clock.now() - started));
  const headerBlock = got.headers.split('\r\n').join('\r\n') + '\r\n\r\n';
  const body = head ? headerBlock : (include ? headerBlock : '') + got.body;
  if (file === undefined || file === '-') ctx.io.stdout(body);
  else if (file !== '/dev/null' && !writeFile(p, file, body).ok) {
    if (showErr) ctx.io.stderr('curl: (23) Failure writing output to destination\n');
    return 23;
  }
  return 0;
};
