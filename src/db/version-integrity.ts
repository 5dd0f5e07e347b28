import type { Db } from './database.js';
import { DatasetIntegrityError } from './dataset-writer.js';

/** References a version must not leave dangling, each as `fromId → toId` pairs (read-only; runs before the switch). */
const INTEGRITY_CHECKS: [string, string][] = [
  ['entity id already used by another dataset', `SELECT e.id AS fromId, o.dataset_id AS toId FROM entity_rows e
     JOIN entities o ON o.id = e.id AND o.dataset_id <> @dataset WHERE e.version_id = @version LIMIT 5`],
  ['source id already used by another dataset', `SELECT s.id AS fromId, o.dataset_id AS toId FROM source_rows s
     JOIN sources o ON o.id = s.id AND o.dataset_id <> @dataset WHERE s.version_id = @version LIMIT 5`],
  ['event id already used by another dataset', `SELECT v.id AS fromId, o.dataset_id AS toId FROM event_rows v
     JOIN events o ON o.id = v.id AND o.dataset_id <> @dataset WHERE v.version_id = @version LIMIT 5`],
  ['relation target', `SELECT r.entity_id AS fromId, r.target_id AS toId FROM relation_rows r WHERE r.version_id = @version
     AND NOT EXISTS (SELECT 1 FROM entity_rows e WHERE e.id = r.target_id AND e.version_id = @version)
     AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = r.target_id AND e.dataset_id <> @dataset) LIMIT 5`],
  ['event participant', `SELECT p.event_id AS fromId, p.entity_id AS toId FROM event_participant_rows p WHERE p.version_id = @version
     AND NOT EXISTS (SELECT 1 FROM entity_rows e WHERE e.id = p.entity_id AND e.version_id = @version)
     AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = p.entity_id AND e.dataset_id <> @dataset) LIMIT 5`],
  ['citation source', `SELECT c.record_type || ' ' || c.record_id AS fromId, c.source_id AS toId FROM citation_rows c
     WHERE c.version_id = @version
     AND NOT EXISTS (SELECT 1 FROM source_rows s WHERE s.id = c.source_id AND s.version_id = @version)
     AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.source_id AND s.dataset_id <> @dataset) LIMIT 5`],
  // What other datasets refer to in this one must still be there in the new version.
  ['relation target (from another dataset)', `SELECT r.entity_id AS fromId, r.target_id AS toId FROM relations r
     JOIN entities src ON src.id = r.entity_id AND src.dataset_id <> @dataset
     WHERE EXISTS (SELECT 1 FROM entities t WHERE t.id = r.target_id AND t.dataset_id = @dataset)
     AND NOT EXISTS (SELECT 1 FROM entity_rows e WHERE e.id = r.target_id AND e.version_id = @version) LIMIT 5`],
  ['event participant (from another dataset)', `SELECT p.event_id AS fromId, p.entity_id AS toId FROM event_participants p
     JOIN events ev ON ev.id = p.event_id AND ev.dataset_id <> @dataset
     WHERE EXISTS (SELECT 1 FROM entities t WHERE t.id = p.entity_id AND t.dataset_id = @dataset)
     AND NOT EXISTS (SELECT 1 FROM entity_rows e WHERE e.id = p.entity_id AND e.version_id = @version) LIMIT 5`],
  ['citation source (from another dataset)', `SELECT c.record_type || ' ' || c.record_id AS fromId, c.source_id AS toId
     FROM citations c WHERE c.dataset_id <> @dataset AND c.source_id IN (SELECT id FROM sources WHERE dataset_id = @dataset)
     AND NOT EXISTS (SELECT 1 FROM source_rows s WHERE s.id = c.source_id AND s.version_id = @version) LIMIT 5`],
];

/** Throws a DatasetIntegrityError naming up to five references of version `version` of `dataset` that dangle. */
export function assertVersionIntact(db: Db, dataset: string, version: number): void {
  for (const [what, sql] of INTEGRITY_CHECKS) {
    const rows = db.prepare(sql).all({ dataset, version }) as { fromId: string; toId: string }[];
    if (rows.length > 0) throw new DatasetIntegrityError(`unknown ${what}: ${rows.map((r) => `${r.fromId} → ${r.toId}`).join(', ')}`);
  }
}
