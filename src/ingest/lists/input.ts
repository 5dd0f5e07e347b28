import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];
// A zip archive's first local file header, as an .xlsx workbook starts.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(path: string, magic: number[]): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const read = readSync(fd, head, 0, magic.length, 0);
    return read === magic.length && magic.every((byte, i) => head[i] === byte);
  } finally {
    closeSync(fd);
  }
}

/** Whether the file at `path` is a zip archive (an .xlsx workbook), whatever its name. */
export const isZipFile = (path: string): boolean => startsWith(path, ZIP_MAGIC);

/**
 * A byte stream of the file at `path`, gunzipped when the name ends in `.gz` or the content starts with the
 * gzip magic bytes (lists are often mirrored compressed under their original name).
 */
export function openFile(path: string): Readable {
  const gzipped = path.toLowerCase().endsWith('.gz') || startsWith(path, GZIP_MAGIC);
  const file = createReadStream(path);
  if (!gzipped) return file;
  const gunzip = createGunzip();
  // pipe() does not forward errors: a read error on the file must fail the consumer of the gunzipped stream.
  file.on('error', (err) => gunzip.destroy(err));
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}
