import type { Db } from './database.js';

/**
 * The serving version of each dataset, by version id, oldest first. The screening state's build reads the rows of
 * one version after another, each in its rows' order (an index on version_id hands them over in that order): a
 * query over every serving version in id order sorts all of its rows in a temporary B-tree before handing over the
 * first, one long step of the build (see steps.ts).
 */
export function servingVersionIdsInOrder(db: Db): number[] {
  return db.prepare('SELECT version_id FROM datasets ORDER BY version_id').pluck().all() as number[];
}
