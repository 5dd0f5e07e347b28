import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/database.js';
import { type DatasetCounts, entityContentHash, replaceDataset } from '../db/dataset-writer.js';
import { datasetVersion, entityHashes } from '../db/datasets-repo.js';
import type { DatasetBundle, EntityRecord } from '../model.js';
import { ListFormatError } from './lists/errors.js';
import { parseEuXml } from './lists/eu-xml.js';
import { openFile } from './lists/input.js';
import { parseOfacCsv } from './lists/ofac-csv.js';
import { parseOfacXml } from './lists/ofac-xml.js';
import type { ParsedList, ProgressCallback } from './lists/types.js';
import { parseUkConList } from './lists/uk-conlist.js';
import { parseUkFcdoXml } from './lists/uk-fcdo-xml.js';
import { parseUnXml } from './lists/un-xml.js';

export const LIST_FORMATS = ['ofac-xml', 'ofac-csv', 'un-xml', 'eu-xml', 'uk-conlist', 'uk-fcdo-xml'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export const DATASET_TITLES: Record<ParsedList['datasetId'], string> = {
  'ofac-sdn': 'OFAC Specially Designated Nationals and Blocked Persons List',
  'un-sc': 'United Nations Security Council Consolidated List',
  'eu-fsf': 'EU Consolidated Financial Sanctions List',
  // ConList and the FCDO's UK Sanctions List that replaced it are one dataset (see lists/uk-records.ts).
  uk: 'UK Sanctions List (FCDO), formerly the OFSI Consolidated List',
};

// The legacy CSV set is four files published side by side; only sdn.csv is required.
const OFAC_CSV_FILES = { sdn: 'sdn.csv', add: 'add.csv', alt: 'alt.csv', comments: 'sdn_comments.csv' } as const;

export interface PartyChange {
  id: string;
  name: string;
}

export interface ImportSummary {
  datasetId: string;
  version: string;
  previousVersion: string | null;
  publishedAt: string;
  counts: DatasetCounts;
  added: PartyChange[];
  removed: PartyChange[];
  changed: PartyChange[];
}

export interface ImportOptions {
  onProgress?: ProgressCallback;
  /** For `ofac-csv`: the list date, which the CSV files do not carry. */
  publishedAt?: string;
  downloadTimeoutMs?: number;
}

export const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** Downloads `url` to `file`, failing on any non-2xx answer, timeout or broken stream. */
async function download(url: string, file: string, timeoutMs: number): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((err: unknown) => {
    throw new ListFormatError(`download of ${url} failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (!res.ok || !res.body) throw new ListFormatError(`download of ${url} failed: HTTP ${res.status}`);
  await pipeline(Readable.fromWeb(res.body), fs.createWriteStream(file));
}

/** Local paths for the input: a file or folder as given, or the download of a URL into `workDir`. */
async function localInput(format: ListFormat, input: string, workDir: string, timeoutMs: number): Promise<string> {
  if (!isUrl(input)) {
    if (!fs.existsSync(input)) throw new ListFormatError(`no such file or folder: ${input}`);
    return input;
  }
  if (format !== 'ofac-csv') {
    const file = path.join(workDir, 'list');
    await download(input, file, timeoutMs);
    return file;
  }
  // A URL of sdn.csv (or of its folder): the other three files sit beside it and are optional.
  const base = input.endsWith('.csv') ? input.slice(0, input.lastIndexOf('/') + 1) : `${input.replace(/\/$/, '')}/`;
  await download(new URL(OFAC_CSV_FILES.sdn, base).href, path.join(workDir, OFAC_CSV_FILES.sdn), timeoutMs);
  for (const name of [OFAC_CSV_FILES.add, OFAC_CSV_FILES.alt, OFAC_CSV_FILES.comments]) {
    await download(new URL(name, base).href, path.join(workDir, name), timeoutMs).catch(() => undefined);
  }
  return workDir;
}

function csvPaths(input: string) {
  const dir = fs.statSync(input).isDirectory() ? input : path.dirname(input);
  const beside = (name: string) => (fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
  const sdn = fs.statSync(input).isDirectory() ? path.join(dir, OFAC_CSV_FILES.sdn) : input;
  return { sdn, add: beside(OFAC_CSV_FILES.add), alt: beside(OFAC_CSV_FILES.alt), comments: beside(OFAC_CSV_FILES.comments) };
}

async function parse(format: ListFormat, file: string, options: ImportOptions): Promise<ParsedList> {
  const onProgress = options.onProgress;
  switch (format) {
    case 'ofac-xml':
      return parseOfacXml(openFile(file), { onProgress });
    case 'un-xml':
      return parseUnXml(openFile(file), { onProgress });
    case 'ofac-csv':
      return parseOfacCsv(csvPaths(file), { onProgress, publishedAt: options.publishedAt });
    case 'eu-xml':
      return parseEuXml(openFile(file), { onProgress });
    case 'uk-conlist':
      return parseUkConList(file, { onProgress });
    case 'uk-fcdo-xml':
      return parseUkFcdoXml(openFile(file), { onProgress });
  }
}

/** `2025-11-19+sha256:…`: the list's own date, then a hash over what it says of every party. */
function listVersion(publishedAt: string, hashes: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const id of [...hashes.keys()].sort()) hash.update(id).update('\0').update(hashes.get(id) ?? '').update('\n');
  return `${publishedAt}+sha256:${hash.digest('hex').slice(0, 16)}`;
}

function changesSince(db: Db, datasetId: string, entities: EntityRecord[], hashes: Map<string, string>) {
  const previous = entityHashes(db, datasetId);
  const name = (e: EntityRecord) => ({ id: e.id, name: e.name });
  const added = entities.filter((e) => !previous.has(e.id)).map(name);
  const changed = entities.filter((e) => previous.has(e.id) && previous.get(e.id)?.hash !== hashes.get(e.id)).map(name);
  const removed = [...previous].filter(([id]) => !hashes.has(id)).map(([id, p]) => ({ id, name: p.name }));
  return { added, changed, removed };
}

/**
 * Imports an official list (a file, a folder for the CSV set, or a URL) as one dataset, replacing its previous
 * version atomically. A download failure, a malformed, truncated or empty list, or a database error leaves the
 * previous version in place and throws; nothing is half-written.
 */
export async function importList(db: Db, format: ListFormat, input: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-import-'));
  try {
    const file = await localInput(format, input, workDir, options.downloadTimeoutMs ?? 120_000);
    const list = await parse(format, file, options);
    if (list.entities.length === 0) throw new ListFormatError('the list contains no parties');
    const sourceId = `${list.datasetId}:${list.publishedAt}`;
    // List sources are namespaced by dataset so they never collide with the curated dataset's own source records.
    retargetCitations(list.entities, list.source.id, sourceId);
    const entities = list.entities;
    const hashes = new Map(entities.map((e) => [e.id, entityContentHash(e)]));
    const bundle: DatasetBundle = {
      id: list.datasetId,
      title: DATASET_TITLES[list.datasetId],
      version: listVersion(list.publishedAt, hashes),
      publishedAt: list.publishedAt,
      sources: [{ ...list.source, id: sourceId }],
      entities,
      events: [],
    };
    const previousVersion = datasetVersion(db, list.datasetId);
    const changes = changesSince(db, list.datasetId, entities, hashes);
    const counts = replaceDataset(db, bundle);
    return { datasetId: list.datasetId, version: bundle.version, previousVersion, publishedAt: list.publishedAt, counts, ...changes };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Points the list's citations at the namespaced source id, in place (the parsed records are ours alone). */
function retargetCitations(entities: EntityRecord[], from: string, to: string): void {
  for (const e of entities) {
    for (const part of [e, ...e.names, ...e.designations, ...e.identifiers, ...e.relations]) {
      for (const c of part.citations) if (c.sourceId === from) c.sourceId = to;
    }
  }
}
