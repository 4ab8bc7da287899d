/**
 * Serves the build's precompressed files (src/build/compress.ts wrote `x.br` and `x.gz` beside each
 * text asset and page of dist/client) in front of Astro's static handler: brotli or gzip as the
 * browser accepts, `Vary: Accept-Encoding` always, the adapter's immutable caching for /_astro/, and
 * ETag revalidation. Anything else (no compressed copy, an identity-only client, on-demand pages)
 * goes on to Astro's handler unchanged.
 *
 * The copies are read into memory at start (2.2 MB for the whole course in December 2026): a response is then
 * one write of headers and body, with no file to open and read on the thread pool while a page's
 * twenty requests arrive at once.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { siteFiles } from '../build/site-files.ts';

type Encoding = 'br' | 'gzip';

interface CompressedFile {
  contentType: string;
  /** The compressed copies that exist, with their bytes. */
  copies: Partial<Record<Encoding, { body: Buffer; etag: string }>>;
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
/** What @astrojs/node sends for its hashed assets. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The compressed copies of a built site, found once at start-up. */
export interface PrecompressedFiles {
  /** URL paths that have a compressed copy. */
  readonly count: number;
  /** Answer from them in front of `server`'s request listeners (call before any other prependListener). */
  install(server: Server): void;
}

/** Find and read the precompressed files of `clientDir` (before the server listens: this reads the disk). */
export async function precompressedFiles(clientDir: string): Promise<PrecompressedFiles> {
  const files = await indexCompressed(clientDir);
  return {
    count: files.size,
    install(server) {
      const next = server.listeners('request') as RequestListener[];
      server.removeAllListeners('request');
      server.on('request', (request: IncomingMessage, response: ServerResponse) => {
        if (!serve(files, request, response)) for (const listener of next) listener.call(server, request, response);
      });
    },
  };
}

/** URL path → its compressed copies; a folder's index.html also answers for `folder/`. */
async function indexCompressed(clientDir: string): Promise<Map<string, CompressedFile>> {
  const index = new Map<string, CompressedFile>();
  const all = await siteFiles(clientDir);
  const present = new Set(all);
  for (const file of all) {
    const contentType = CONTENT_TYPES[extname(file)];
    if (!contentType || !(present.has(`${file}.br`) || present.has(`${file}.gz`))) continue;
    const entry: CompressedFile = { contentType, copies: {}, immutable: file.startsWith('_astro/') };
    for (const encoding of ['br', 'gzip'] as const) {
      const path = join(clientDir, file + SUFFIX[encoding]);
      if (!present.has(file + SUFFIX[encoding])) continue;
      const [info, body] = await Promise.all([stat(path), readFile(path)]);
      entry.copies[encoding] = { body, etag: `W/"${encoding}-${body.length.toString(36)}-${info.mtimeMs.toString(36)}"` };
    }
    index.set(`/${file}`, entry);
    if (file === 'index.html' || file.endsWith('/index.html')) index.set(`/${file.slice(0, -'index.html'.length)}`, entry);
  }
  return index;
}

/** Answer from a compressed copy when there is one the client accepts; false to pass the request on. */
function serve(files: Map<string, CompressedFile>, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = pathOf(request.url);
  const file = path === undefined ? undefined : files.get(path);
  if (!file) return false;
  response.setHeader('Vary', 'Accept-Encoding');
  const encoding = preferredEncoding(request.headers['accept-encoding'], file);
  const copy = encoding ? file.copies[encoding] : undefined;
  if (!encoding || !copy) return false;
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Encoding', encoding);
  response.setHeader('ETag', copy.etag);
  if (file.immutable) response.setHeader('Cache-Control', IMMUTABLE);
  if (request.headers['if-none-match'] === copy.etag) {
    response.writeHead(304).end();
    return true;
  }
  response.setHeader('Content-Length', copy.body.length);
  if (request.method === 'HEAD') {
    response.writeHead(200).end();
    return true;
  }
  response.writeHead(200).end(copy.body);
  return true;
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return undefined;
  }
}

/** br before gzip, among the encodings the client accepts (q=0 refuses) and the file has. */
export function preferredEncoding(header: string | string[] | undefined, file: Pick<CompressedFile, 'copies'>): Encoding | undefined {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (name && !refused) accepted.add(name.trim());
  }
  for (const encoding of ['br', 'gzip'] as const) {
    if (file.copies[encoding] && (accepted.has(encoding) || accepted.has('*'))) return encoding;
  }
  return undefined;
}
