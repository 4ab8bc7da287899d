/**
 * Every response carries the security headers, except that a script or a stylesheet the browser
 * fetched for a page goes without the ones only documents and workers read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, applySecurityHeaders } from '../../../src/server/security-headers.ts';

/** The headers applySecurityHeaders sets for a request with `headers`. */
function headersFor(headers: Record<string, string>): Record<string, string> {
  const set: Record<string, string> = {};
  const request = { headers, socket: {} } as unknown as IncomingMessage;
  const response = { setHeader: (name: string, value: string) => (set[name] = value) } as unknown as ServerResponse;
  applySecurityHeaders(request, response);
  return set;
}

describe('security headers', () => {
  it('are all on a page', () => {
    expect(headersFor({ 'sec-fetch-dest': 'document' })).toEqual(SECURITY_HEADERS);
  });

  it('are all on a request that does not say what it is for', () => {
    expect(headersFor({})).toEqual(SECURITY_HEADERS);
  });

  it('are all on a worker script, which runs under the CSP of its own response', () => {
    expect(headersFor({ 'sec-fetch-dest': 'worker' })).toEqual(SECURITY_HEADERS);
    expect(headersFor({ 'sec-fetch-dest': 'serviceworker' })).toEqual(SECURITY_HEADERS);
  });

  it('leave the document-only ones off a script or a stylesheet of the page', () => {
    for (const destination of ['script', 'style']) {
      const set = headersFor({ 'sec-fetch-dest': destination });
      expect(Object.keys(set).sort()).toEqual(['Cross-Origin-Resource-Policy', 'Referrer-Policy', 'X-Content-Type-Options']);
    }
  });

  it('stay on an image, which an SVG could turn into a document', () => {
    expect(headersFor({ 'sec-fetch-dest': 'image' })).toEqual(SECURITY_HEADERS);
  });
});
