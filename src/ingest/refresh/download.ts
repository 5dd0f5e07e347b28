import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Why a download did not give a usable file; its message is what GET /v1/datasets shows as `lastError`. */
export class DownloadError extends Error {}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type Download =
  | { kind: 'notModified' }
  | { kind: 'downloaded'; file: string; sha256: string; validators: Validators };

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

/** Copies `from` into `file` whole, hashing the bytes and failing past `maxBytes`. */
async function copyCounting(from: Readable, file: string, maxBytes: number, what: string): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new DownloadError(`${what} is larger than LIST_MAX_BYTES (${maxBytes} bytes)`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(from, count, fs.createWriteStream(file));
  return hash.digest('hex');
}

/**
 * Fetches a list into `file` with a timeout and a size limit, asking the server only for a version newer than
 * `validators` describe (If-None-Match / If-Modified-Since). A file path is copied as it is. An HTTP error, a
 * timeout, a body shorter than its Content-Length or a broken connection throws a DownloadError.
 */
export async function downloadList(source: string, file: string, validators: Validators, limits: DownloadLimits): Promise<Download> {
  if (!isUrl(source)) {
    if (!fs.existsSync(source)) throw new DownloadError(`no such file: ${source}`);
    const sha256 = await copyCounting(fs.createReadStream(source), file, limits.maxBytes, source);
    return { kind: 'downloaded', file, sha256, validators: { etag: null, lastModified: null } };
  }
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const failed = (err: unknown) =>
    new DownloadError(
      signal.aborted
        ? `download of ${source} timed out after ${limits.timeoutMs} ms`
        : `download of ${source} failed: ${err instanceof Error ? describeCause(err) : String(err)}`,
    );
  const res = await fetch(source, { headers, signal }).catch((err: unknown) => {
    throw failed(err);
  });
  if (res.status === 304) return { kind: 'notModified' };
  if (!res.ok || !res.body) throw new DownloadError(`download of ${source} failed: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > limits.maxBytes) throw new DownloadError(`${source} is larger than LIST_MAX_BYTES (${declared} > ${limits.maxBytes} bytes)`);
  const sha256 = await copyCounting(Readable.fromWeb(res.body), file, limits.maxBytes, source).catch((err: unknown) => {
    throw err instanceof DownloadError ? err : failed(err);
  });
  return {
    kind: 'downloaded',
    file,
    sha256,
    validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') },
  };
}

// undici reports a cut-off body as "terminated" with the socket's reason as its cause.
function describeCause(err: Error): string {
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
