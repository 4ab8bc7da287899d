/**
 * Reading a request's JSON body with a hard size limit. The limit is counted on the bytes as they
 * arrive, so a chunked body (no Content-Length) is cut off at the limit instead of being buffered whole:
 * the Node adapter hands us the socket's stream, and `request.text()` would read all of it first.
 */
import { ClassroomError } from '../errors.ts';
import * as input from '../input.ts';
import { ignoreError } from '../../errors/ignore-error.ts';

/** Far above any form or progress report we send; small enough that a flood of bodies costs little memory. */
export const MAX_BODY_BYTES = 256 * 1024;

function tooLarge(limit: number): ClassroomError {
  return new ClassroomError('bad-request', `request body too large (more than ${limit} bytes)`, { reason: 'too-large' });
}

/** The body's bytes, refusing (400, reason too-large) as soon as more than `limit` have arrived, whatever the framing. */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      // Stop pulling: the rest of the upload is never read into memory.
      await reader.cancel().catch(ignoreError('the upload is refused as too large either way'));
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The JSON body as a record: 400 past the limit, when it is not JSON or not an object. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const bytes = await readBodyBytes(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ClassroomError('bad-request', 'the body is not valid UTF-8');
  }
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ClassroomError('bad-request', 'the body is not valid JSON');
  }
  return input.record(body);
}
