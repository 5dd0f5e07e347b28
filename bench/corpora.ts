import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../src/db/database.js';
import { listDatasets } from '../src/db/datasets-repo.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { AdversarialResult } from './adversarial.js';
import type { Corpus } from './options.js';
import type { QualifierResult } from './qualifiers.js';
import type { LatencySummary } from './stats.js';

export const CURATED_DIR = path.join(PROJECT_ROOT, 'data');
const SHARED_DATA = path.join(PROJECT_ROOT, '..', 'shared', 'data');
export const OFAC_SDN_XML = path.join(SHARED_DATA, 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
export const UN_XML = path.join(SHARED_DATA, 'un', 'UN_consolidated_2026-02-27.xml');

export const CORPUS_TITLES: Record<Corpus, string> = {
  a: '(a) curated',
  b: '(b) curated + OFAC SDN + UN',
  c: '(c) synthetic',
};

/** Whether the official lists corpus (b) is built from are on this machine. */
export const listsPresent = () => fs.existsSync(OFAC_SDN_XML) && fs.existsSync(UN_XML);

export interface DatasetSize {
  id: string;
  entities: number;
  names: number;
}

export const datasetSizes = (db: Db): DatasetSize[] =>
  listDatasets(db).map((d) => ({ id: d.id, entities: d.counts.entities, names: d.counts.names }));

/** What `prepare-db.ts` prints: how long each step of writing the database took, and what it holds. */
export interface PreparedDb {
  corpus: Corpus;
  steps: { step: string; ms: number }[];
  datasets: DatasetSize[];
  notes: string[];
}

/** Reads the one JSON line a benchmark child process prints last on its stdout. */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}

export interface RecallCount {
  queries: number;
  /** Queries whose intended party is among the first five matches. */
  top5: number;
}

/** What `in-process.ts` prints for one corpus. */
export interface InProcessResult {
  corpus: Corpus;
  datasets: DatasetSize[];
  indexedNames: number;
  buildMs: number;
  rssMb: number;
  /** The highest resident memory of the process so far (VmHWM; null where /proc is absent): after the build, its peak. */
  peakRssMb: number | null;
  heapUsedMb: number;
  /** Resident memory once every query ran (the prepared-name cache filled as they went), and its peak by then. */
  afterQueries?: { rssMb: number; peakRssMb: number | null };
  names?: {
    summary: LatencySummary;
    warmup: number;
    recall: Record<string, RecallCount>;
    unlisted: { queries: number; matchVerdict: number; anyResult: number };
  };
  /** The adversarial queries' cost beside the normal queries' (with `names`). */
  adversarial?: AdversarialResult;
  /** The same names screened with identity qualifiers beside by name alone (with `names`). */
  qualifiers?: QualifierResult;
  addresses?: {
    summary: LatencySummary;
    listed: number;
    unlisted: number;
    listedFound: number;
    unlistedFound: number;
    rejected: number;
  };
}
