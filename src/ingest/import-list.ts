import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { DatasetCounts, NameKeysOf } from '../db/dataset-writer.js';
import { type ServingVersion, servingVersion, versionParties } from '../db/datasets-repo.js';
import type { PartyChange } from '../db/version-changes-repo.js';
import type { WritePacing, WriteStats } from '../db/sliced-writes.js';
import { storeVersion } from '../db/version-store.js';
import type { DatasetBundle, EntityRecord } from '../model.js';
import { ImportOptionError, checkListDate, checkReplacement } from './import-rules.js';
import { contentHashes, listVersion } from './list-hashes.js';
import { csvPaths, inputSha256, localInput } from './list-input.js';
import { ListFormatError } from './lists/errors.js';
import { parseEuXml } from './lists/eu-xml.js';
import { openFile } from './lists/input.js';
import { parseOfacCsv } from './lists/ofac-csv.js';
import { parseOfacXml } from './lists/ofac-xml.js';
import type { ListDatasetId, ParsedList, ProgressCallback } from './lists/types.js';
import { parseUkConList } from './lists/uk-conlist.js';
import { parseUkFcdoXml } from './lists/uk-fcdo-xml.js';
import { parseUnXml } from './lists/un-xml.js';

export type { PartyChange } from '../db/version-changes-repo.js';

export const LIST_FORMATS = ['ofac-xml', 'ofac-csv', 'un-xml', 'eu-xml', 'uk-conlist', 'uk-fcdo-xml'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** The dataset each format is imported as: both UK formats are the one `uk` dataset. */
export const DATASET_OF: Record<ListFormat, ListDatasetId> = {
  'ofac-xml': 'ofac-sdn',
  'ofac-csv': 'ofac-sdn',
  'un-xml': 'un-sc',
  'eu-xml': 'eu-fsf',
  'uk-conlist': 'uk',
  'uk-fcdo-xml': 'uk',
};

/** Formats whose files carry no list date of their own, so `--published-at` must give it. */
const UNDATED_FORMATS: readonly ListFormat[] = ['ofac-csv'];

export const DATASET_TITLES: Record<ListDatasetId, string> = {
  'ofac-sdn': 'OFAC Specially Designated Nationals and Blocked Persons List',
  'un-sc': 'United Nations Security Council Consolidated List',
  'eu-fsf': 'EU Consolidated Financial Sanctions List',
  // ConList and the FCDO's UK Sanctions List that replaced it are one dataset (see lists/uk-records.ts).
  uk: 'UK Sanctions List (FCDO), formerly the OFSI Consolidated List',
};

export interface ImportSummary {
  /** `unchanged`: the input is the serving version (same file, or the same content under the same date); nothing was written. */
  outcome: 'imported' | 'unchanged';
  datasetId: string;
  version: string;
  previousVersion: string | null;
  publishedAt: string;
  counts: DatasetCounts;
  added: PartyChange[];
  removed: PartyChange[];
  changed: PartyChange[];
  /** How the import held the database's write lock (null when nothing was written). */
  writes: WriteStats | null;
}

export interface ImportOptions {
  onProgress?: ProgressCallback;
  /** For `ofac-csv` (required): the list date, which the CSV files do not carry. */
  publishedAt?: string;
  /** Import even a list older than the serving version, or one that removes more than half of its parties. */
  force?: boolean;
  /** Stores each name's candidate-index keys with the new version, so servers swap it in without preparing them. */
  nameKeys?: NameKeysOf;
  /** How many of the dataset's newest versions keep their parties for comparing (LIST_KEEP_VERSIONS). */
  keepVersions?: number;
  downloadTimeoutMs?: number;
  /**
   * How the write shares the database's write lock (default IMPORT_PACING). Only where no other writer waits, as
   * when a test builds a database before anything else opens it, is a longer slice without pauses worth having.
   */
  pacing?: WritePacing;
}

const listDateMissing = (format: ListFormat) =>
  new ImportOptionError(`${format} needs --published-at YYYY-MM-DD: its files carry no list date of their own`);

/** The list date the caller gives: required for a format whose files carry none, refused for the others. */
function givenListDate(format: ListFormat, publishedAt: string | undefined): string | undefined {
  const undated = UNDATED_FORMATS.includes(format);
  if (publishedAt === undefined) {
    if (undated) throw listDateMissing(format);
    return undefined;
  }
  if (!undated) throw new ImportOptionError(`--published-at is only for ${UNDATED_FORMATS.join(', ')}: ${format} files carry their own list date`);
  return checkListDate(publishedAt);
}

const filesOf = (format: ListFormat, input: string) => {
  if (format !== 'ofac-csv') return [input];
  const csv = csvPaths(input);
  return [csv.sdn, csv.add, csv.alt, csv.comments];
};

async function parse(format: ListFormat, file: string, options: ImportOptions, publishedAt: string | undefined): Promise<ParsedList> {
  const onProgress = options.onProgress;
  switch (format) {
    case 'ofac-xml':
      return parseOfacXml(openFile(file), { onProgress });
    case 'un-xml':
      return parseUnXml(openFile(file), { onProgress });
    case 'ofac-csv':
      if (publishedAt === undefined) throw listDateMissing(format);
      return parseOfacCsv(csvPaths(file), { onProgress, publishedAt });
    case 'eu-xml':
      return parseEuXml(openFile(file), { onProgress });
    case 'uk-conlist':
      return parseUkConList(file, { onProgress });
    case 'uk-fcdo-xml':
      return parseUkFcdoXml(openFile(file), { onProgress });
  }
}

/**
 * The index keys of every screenable name of the bundle, computed before the write begins: inside the write's
 * short transactions their cost would count against the time the write lock is held.
 */
function precomputedKeys(bundle: DatasetBundle, keysOf: NameKeysOf): NameKeysOf {
  const keys = new Map<string, string>();
  const keyOf = (name: string, kind: string) => `${kind}\0${name}`;
  for (const e of bundle.entities) {
    if (e.status === 'unflagged') continue;
    for (const name of [e.name, ...e.names.map((n) => n.name)]) keys.set(keyOf(name, e.kind), keysOf(name, e.kind));
  }
  return (name, kind) => keys.get(keyOf(name, kind)) ?? keysOf(name, kind);
}

const unchanged = (datasetId: string, serving: ServingVersion): ImportSummary => ({
  outcome: 'unchanged',
  datasetId,
  version: serving.version,
  previousVersion: serving.version,
  publishedAt: serving.listDate ?? '',
  counts: serving.counts,
  added: [],
  removed: [],
  changed: [],
  writes: null,
});

/**
 * Imports an official list (a file, a folder for the CSV set, or a URL) as a new version of its dataset. The same
 * input as the serving version is recognised and nothing is written. A download failure, a malformed, truncated or
 * empty list, a refused replacement or a database error leaves the serving version in place and throws.
 */
export async function importList(db: Db, format: ListFormat, input: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const givenDate = givenListDate(format, options.publishedAt);
  const datasetId = DATASET_OF[format];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-import-'));
  try {
    const file = await localInput(input, format === 'ofac-csv', workDir, options.downloadTimeoutMs ?? 120_000);
    const inputHash = await inputSha256(filesOf(format, file), givenDate);
    const serving = servingVersion(db, datasetId);
    if (serving?.inputSha256 === inputHash) return unchanged(datasetId, serving);
    const list = await parse(format, file, options, givenDate);
    if (list.entities.length === 0) throw new ListFormatError('the list contains no parties');
    const sourceId = `${list.datasetId}:${list.publishedAt}`;
    // List sources are namespaced by dataset so they never collide with the curated dataset's own source records.
    retargetCitations(list.entities, list.source.id, sourceId);
    const previous = serving ? versionParties(db, serving.versionId) : new Map<string, { hash: string }>();
    const { hashes, datedHashesOf } = contentHashes(list, sourceId, previous, serving?.datedHashesOf ?? null);
    const version = listVersion(list.publishedAt, hashes);
    if (serving?.version === version) return unchanged(datasetId, serving);
    if (serving && !options.force) {
      const removed = [...previous.keys()].filter((id) => !hashes.has(id)).length;
      checkReplacement({ datasetId, version: serving.version, listDate: serving.listDate, parties: previous.size }, list.publishedAt, removed);
    }
    const bundle: DatasetBundle = {
      id: list.datasetId,
      title: DATASET_TITLES[list.datasetId],
      version,
      publishedAt: list.publishedAt,
      sources: [{ ...list.source, id: sourceId }],
      entities: list.entities,
      events: [],
    };
    const nameKeys = options.nameKeys ? precomputedKeys(bundle, options.nameKeys) : undefined;
    const stored = await storeVersion(db, {
      bundle,
      contentHashes: hashes,
      nameKeys,
      inputSha256: inputHash,
      datedHashesOf,
      keepVersions: options.keepVersions,
    }, options.pacing);
    return {
      outcome: 'imported',
      datasetId,
      version,
      previousVersion: serving?.version ?? null,
      publishedAt: list.publishedAt,
      counts: stored.counts,
      ...stored.changes,
      writes: stored.writes,
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** Points the list's citations at the namespaced source id, in place (the parsed records are ours alone). */
function retargetCitations(entities: EntityRecord[], from: string, to: string): void {
  for (const e of entities) {
    for (const part of [e, ...e.names, ...e.designations, ...e.identifiers, ...(e.qualifiers ?? []), ...e.relations]) {
      for (const c of part.citations) if (c.sourceId === from) c.sourceId = to;
    }
  }
}
