import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ListFormatError } from './lists/errors.js';

// The legacy CSV set is four files published side by side; only sdn.csv is required.
export const OFAC_CSV_FILES = { sdn: 'sdn.csv', add: 'add.csv', alt: 'alt.csv', comments: 'sdn_comments.csv' } as const;

export const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** Downloads `url` to `file`, failing on any non-2xx answer, timeout or broken stream. */
async function download(url: string, file: string, timeoutMs: number): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((err: unknown) => {
    throw new ListFormatError(`download of ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (!res.ok || !res.body) throw new ListFormatError(`download of ${url} failed: HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body), fs.createWriteStream(file));
}

/**
 * Local paths for the input: a file or folder as given, or the download of a URL into `workDir`. `csvSet`: the
 * input is the legacy CSV set, whose other three files sit beside sdn.csv and are optional.
 */
export async function localInput(input: string, csvSet: boolean, workDir: string, timeoutMs: number): Promise<string> {
  if (!isUrl(input)) {
    if (!fs.existsSync(input)) throw new ListFormatError(`no such file or folder: ${input}`);
    return input;
  }
  if (!csvSet) {
    const file = path.join(workDir, 'list');
    await download(input, file, timeoutMs);
    return file;
  }
  const base = input.endsWith('.csv') ? input.slice(0, input.lastIndexOf('/') + 1) : `${input.replace(/\/$/, '')}/`;
  await download(new URL(OFAC_CSV_FILES.sdn, base).href, path.join(workDir, OFAC_CSV_FILES.sdn), timeoutMs);
  for (const name of [OFAC_CSV_FILES.add, OFAC_CSV_FILES.alt, OFAC_CSV_FILES.comments]) {
    await download(new URL(name, base).href, path.join(workDir, name), timeoutMs).catch(() => undefined);
  }
  return workDir;
}

export function csvPaths(input: string) {
  const dir = fs.statSync(input).isDirectory() ? input : path.dirname(input);
  const beside = (name: string) => (fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
  const sdn = fs.statSync(input).isDirectory() ? path.join(dir, OFAC_CSV_FILES.sdn) : input;
  return { sdn, add: beside(OFAC_CSV_FILES.add), alt: beside(OFAC_CSV_FILES.alt), comments: beside(OFAC_CSV_FILES.comments) };
}

/**
 * A hash of what an import reads: the bytes of its file(s) and the list date given with them, so the same input
 * is recognised before it is parsed. A missing file hashes as absent, so adding one changes the hash.
 */
export async function inputSha256(files: readonly (string | undefined)[], listDate: string | undefined): Promise<string> {
  const hash = createHash('sha256').update(`list date ${listDate ?? '-'}\n`);
  for (const file of files) {
    if (file === undefined) {
      hash.update('absent\n');
      continue;
    }
    hash.update(`${fs.statSync(file).size} bytes\n`);
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
