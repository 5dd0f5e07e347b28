import type { DatasetBundle } from '../model.js';
import type { Db } from './database.js';
import { type DatasetCounts, DatasetIntegrityError, type RowsOptions, versionRows } from './dataset-writer.js';
import { assertVersionIntact } from './version-integrity.js';
import { IMPORT_PACING, PacedWrites, type WritePacing, type WriteStats, type WriteSteps, runWhole } from './sliced-writes.js';
import { type PartyChanges, partyChanges } from './version-changes-repo.js';

/** The tables holding each version's rows, children before the records they belong to. */
const ROW_TABLES = [
  'citation_rows',
  'entity_name_rows',
  'designation_rows',
  'identifier_rows',
  'qualifier_rows',
  'relation_rows',
  'event_participant_rows',
  'event_claim_rows',
  'event_rows',
  'entity_rows',
  'source_rows',
] as const;

const DELETE_BATCH = 200;

/** How many of a dataset's newest versions keep their parties, unless told otherwise (LIST_KEEP_VERSIONS). */
export const KEEP_VERSIONS = 30;

export interface VersionInput extends RowsOptions {
  bundle: DatasetBundle;
  /** How many of the dataset's newest versions keep their parties (for comparing); older ones keep their record. */
  keepVersions?: number | undefined;
  importedAt?: Date | undefined;
  /** The hash of the imported file(s), to recognise the same file next time. */
  inputSha256?: string | null | undefined;
  /** The list date that some of the content hashes given name (see dataset_versions.dated_hashes_of). */
  datedHashesOf?: string | null | undefined;
}

export interface StoredVersion {
  versionId: number;
  previousId: number | null;
  counts: DatasetCounts;
  changes: PartyChanges;
  /** How the write held the database's write lock. */
  writes: WriteStats;
}

function beginVersion(db: Db, input: VersionInput): { versionId: number; previousId: number | null } {
  const { bundle } = input;
  const previous = db.prepare('SELECT version_id AS id FROM datasets WHERE id = ?').get(bundle.id) as { id: number } | undefined;
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO dataset_versions (dataset_id, version, list_date, imported_at, status, counts_json, previous_id,
         input_sha256, dated_hashes_of) VALUES (?, ?, ?, ?, 'staging', '{}', ?, ?, ?)`,
    )
    .run(bundle.id, bundle.version, bundle.publishedAt ?? null, (input.importedAt ?? new Date()).toISOString(), previous?.id ?? null,
      input.inputSha256 ?? null, input.datedHashesOf ?? null);
  return { versionId: Number(lastInsertRowid), previousId: previous?.id ?? null };
}

/** Makes the staged version the serving one, in one short transaction: readers see the old version or the new. */
function publishVersion(db: Db, bundle: DatasetBundle, versionId: number, counts: DatasetCounts, changes: PartyChanges, at: Date): void {
  const countsJson = JSON.stringify(counts);
  const staged = db
    .prepare(`UPDATE dataset_versions SET status = 'serving', counts_json = ?, added = ?, removed = ?, changed = ?
              WHERE id = ? AND status = 'staging'`)
    .run(countsJson, changes.added.length, changes.removed.length, changes.changed.length, versionId);
  if (staged.changes !== 1) {
    throw new DatasetIntegrityError(`the version being written of "${bundle.id}" was discarded by another import of the same dataset`);
  }
  db.prepare("UPDATE dataset_versions SET status = 'superseded' WHERE dataset_id = ? AND status = 'serving' AND id <> ?").run(bundle.id, versionId);
  db.prepare(
    `INSERT INTO datasets (id, title, version, loaded_at, counts_json, published_at, version_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, version = excluded.version, loaded_at = excluded.loaded_at,
       counts_json = excluded.counts_json, published_at = excluded.published_at, version_id = excluded.version_id`,
  ).run(bundle.id, bundle.title, bundle.version, at.toISOString(), countsJson, bundle.publishedAt ?? null, versionId);
}

/** Deletes the rows of a version that no longer serves (its record and its parties stay), a batch per step. */
function* rowDeletes(db: Db, versionId: number): WriteSteps<void> {
  for (const table of ROW_TABLES) {
    const batch = db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE version_id = ? LIMIT ${DELETE_BATCH})`);
    while (batch.run(versionId).changes > 0) yield;
  }
  db.prepare('UPDATE dataset_versions SET rows_kept = 0 WHERE id = ?').run(versionId);
}

function* partyDeletes(db: Db, versionId: number): WriteSteps<void> {
  const batch = db.prepare(`DELETE FROM version_parties WHERE version_id = @v AND entity_id IN
    (SELECT entity_id FROM version_parties WHERE version_id = @v LIMIT ${DELETE_BATCH})`);
  while (batch.run({ v: versionId }).changes > 0) yield;
}

/**
 * Drops the parties of the dataset's versions older than its `keep` newest (their records and summaries stay), then
 * the facts no kept party has any more.
 */
function* partiesBeyond(db: Db, datasetId: string, keep: number): WriteSteps<void> {
  const old = db
    .prepare(`SELECT id FROM dataset_versions WHERE dataset_id = ? AND status IN ('serving', 'superseded') AND parties_kept = 1
              ORDER BY id DESC LIMIT -1 OFFSET ?`)
    .pluck()
    .all(datasetId, keep) as number[];
  for (const id of old) {
    db.prepare('UPDATE dataset_versions SET parties_kept = 0 WHERE id = ?').run(id);
    yield* partyDeletes(db, id);
  }
  yield* orphanFactDeletes(db);
}

/**
 * Deletes the facts no kept party has, looking at `DELETE_BATCH` of them per step in key order: a search for the
 * next batch of orphans from the start held the write lock for a scan of every fact (49 ms at 20,000 on the loaded
 * machine, growing with each kept version) in the step that found none.
 */
function* orphanFactDeletes(db: Db): WriteSteps<void> {
  const page = db
    .prepare(`SELECT content_hash FROM party_facts WHERE content_hash > ? ORDER BY content_hash LIMIT ${DELETE_BATCH}`)
    .pluck();
  const orphan = db.prepare(`DELETE FROM party_facts WHERE content_hash = ?
    AND NOT EXISTS (SELECT 1 FROM version_parties p WHERE p.content_hash = party_facts.content_hash)`);
  for (let hashes = page.all('') as string[]; hashes.length > 0; hashes = page.all(hashes.at(-1)) as string[]) {
    for (const hash of hashes) orphan.run(hash);
    yield;
  }
}

/**
 * Clears what failed or killed imports of the dataset left: the rows of versions that no longer serve, and the
 * versions that never did. (A staging version of the dataset is taken as abandoned: marking it so first makes a
 * concurrent import of the same dataset fail at its switch rather than publish half its rows.)
 */
function* leftoverDeletes(db: Db, datasetId: string): WriteSteps<void> {
  db.prepare("UPDATE dataset_versions SET status = 'abandoned' WHERE dataset_id = ? AND status = 'staging'").run(datasetId);
  const leftovers = db
    .prepare("SELECT id, status FROM dataset_versions WHERE dataset_id = ? AND status <> 'serving' AND (rows_kept = 1 OR status = 'abandoned')")
    .all(datasetId) as { id: number; status: string }[];
  for (const v of leftovers) {
    yield* rowDeletes(db, v.id);
    if (v.status !== 'abandoned') continue;
    yield* partyDeletes(db, v.id);
    db.prepare('DELETE FROM dataset_versions WHERE id = ?').run(v.id);
  }
}

/** A version that failed before its switch: its rows, its parties and its record go. */
function* discardedVersionDeletes(db: Db, versionId: number): WriteSteps<void> {
  db.prepare("UPDATE dataset_versions SET status = 'abandoned' WHERE id = ?").run(versionId);
  yield* rowDeletes(db, versionId);
  yield* partyDeletes(db, versionId);
  db.prepare('DELETE FROM dataset_versions WHERE id = ?').run(versionId);
}

/**
 * Stores a new version of `input.bundle.id` without holding the write lock for long: its rows are written beside the
 * serving ones in short transactions, checked, switched to in one short transaction, and the old version's rows
 * are then deleted in batches. A failure before the switch leaves the serving version as it was (and deletes what
 * was written); a killed import leaves rows no reader sees, which the next import of the dataset deletes.
 */
export async function storeVersion(db: Db, input: VersionInput, pacing: WritePacing = IMPORT_PACING): Promise<StoredVersion> {
  const writes = new PacedWrites(db, pacing);
  await writes.run(leftoverDeletes(db, input.bundle.id));
  const { versionId, previousId } = writes.once(() => beginVersion(db, input));
  let stored: StoredVersion;
  try {
    const counts = await writes.run(versionRows(db, versionId, input.bundle, input));
    assertVersionIntact(db, input.bundle.id, versionId);
    const changes = partyChanges(db, previousId, versionId);
    writes.once(() => publishVersion(db, input.bundle, versionId, counts, changes, input.importedAt ?? new Date()));
    stored = { versionId, previousId, counts, changes, writes: writes.stats };
  } catch (err) {
    await writes.run(discardedVersionDeletes(db, versionId));
    throw err;
  }
  if (previousId !== null) await writes.run(rowDeletes(db, previousId));
  await writes.run(partiesBeyond(db, input.bundle.id, input.keepVersions ?? KEEP_VERSIONS));
  return stored;
}

/**
 * Replaces the dataset's version with `bundle` in one transaction: for the curated dataset and other small writes
 * (and tests and benchmarks), where holding the lock for the whole write costs nothing. Any failure rolls back
 * and leaves the previous version intact.
 */
export function replaceDataset(db: Db, bundle: DatasetBundle, options: Omit<VersionInput, 'bundle'> = {}): DatasetCounts {
  return db.transaction((): DatasetCounts => {
    runWhole(leftoverDeletes(db, bundle.id));
    const input = { ...options, bundle };
    const { versionId, previousId } = beginVersion(db, input);
    const counts = runWhole(versionRows(db, versionId, bundle, input));
    assertVersionIntact(db, bundle.id, versionId);
    publishVersion(db, bundle, versionId, counts, partyChanges(db, previousId, versionId), input.importedAt ?? new Date());
    if (previousId !== null) runWhole(rowDeletes(db, previousId));
    runWhole(partiesBeyond(db, bundle.id, input.keepVersions ?? KEEP_VERSIONS));
    return counts;
  }).immediate();
}
