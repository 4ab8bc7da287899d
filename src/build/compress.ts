/**
 * Precompression at build time: every text asset of a built site gets `name.br` (brotli, best
 * quality) and `name.gz` (gzip -9) beside it, so the production server (src/server/precompressed.ts)
 * and static hosts that look for such files send compressed bytes without compressing per request.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Extensions worth compressing (images other than SVG, fonts and Pagefind's index are compressed already). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|txt|xml|wasm|webmanifest)$/;
/** Below this a compressed copy saves less than its extra headers cost. */
const MIN_BYTES = 1024;

export interface CompressionTotals {
  files: number;
  original: number;
  brotli: number;
  gzip: number;
}

/** Write .br and .gz beside every compressible file of `files` (relative to `root`) that shrinks. */
export async function precompress(root: string, files: readonly string[]): Promise<CompressionTotals> {
  const totals: CompressionTotals = { files: 0, original: 0, brotli: 0, gzip: 0 };
  for (const file of files) {
    if (!COMPRESSIBLE.test(file)) continue;
    const path = join(root, file);
    const body = await readFile(path);
    if (body.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    if (br.length >= body.length && gz.length >= body.length) continue;
    await writeFile(`${path}.br`, br);
    await writeFile(`${path}.gz`, gz);
    totals.files++;
    totals.original += body.length;
    totals.brotli += br.length;
    totals.gzip += gz.length;
  }
  return totals;
}
