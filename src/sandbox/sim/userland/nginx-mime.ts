/**
 * The common part of nginx's mime.types: the Content-Type nginx sends for a file's extension
 * (default_type application/octet-stream for the rest, as the image's nginx.conf sets).
 */
const MIME_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html',
  htm: 'text/html',
  shtml: 'text/html',
  css: 'text/css',
  xml: 'text/xml',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  js: 'application/javascript',
  txt: 'text/plain',
  png: 'image/png',
  svg: 'image/svg+xml',
  svgz: 'image/svg+xml',
  ico: 'image/x-icon',
  webp: 'image/webp',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  tar: 'application/x-tar',
  woff: 'font/woff',
  woff2: 'font/woff2',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  xhtml: 'application/xhtml+xml',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
};

/** The Content-Type nginx sends for a file path. */
export function nginxContentType(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}
