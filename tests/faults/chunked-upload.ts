/**
 * An unauthenticated client that streams a huge chunked body (no Content-Length) at an API route, the
 * way `head -c 268435456 /dev/zero | curl -H 'Transfer-Encoding: chunked' --data-binary @-` does,
 * until the server answers or hangs up.
 */
import { request } from 'node:http';

export interface UploadResult {
  /** The status the server answered, or 0 when it hung up (or reset) before the answer was read. */
  status: number;
  /** Bytes of the body written before the server answered or closed. */
  sent: number;
  ms: number;
}

/** POST `totalBytes` of zeros to `url` in 64 KiB chunks; resolves once the server answered or closed. */
export function chunkedUpload(url: string, origin: string, totalBytes: number): Promise<UploadResult> {
  const started = performance.now();
  const chunk = Buffer.alloc(64 * 1024);
  return new Promise((resolve) => {
    let sent = 0;
    let status = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      resolve({ status, sent, ms: performance.now() - started });
    };
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', origin, 'transfer-encoding': 'chunked' } });
    req.on('response', (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      response.on('end', finish);
      req.destroy();
      finish();
    });
    req.on('error', finish);
    req.on('close', finish);
    const pump = () => {
      while (!finished && sent < totalBytes) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!finished && sent >= totalBytes) req.end();
    };
    pump();
  });
}
