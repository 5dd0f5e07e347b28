import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const read = readSync(fd, head, 0, 2, 0);
    return read === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    closeSync(fd);
  }
}

/**
 * A byte stream of the file at `path`, gunzipped when the name ends in `.gz` or the content starts with the
 * gzip magic bytes (lists are often mirrored compressed under their original name).
 */
export function openFile(path: string): Readable {
  const gzipped = path.toLowerCase().endsWith('.gz') || startsWithGzipMagic(path);
  const file = createReadStream(path);
  if (!gzipped) return file;
  const gunzip = createGunzip();
  // pipe() does not forward errors: a read error on the file must fail the consumer of the gunzipped stream.
  file.on('error', (err) => gunzip.destroy(err));
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}
