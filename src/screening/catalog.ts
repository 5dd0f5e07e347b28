import type { Db } from '../db/database.js';
import { listDatasets } from '../db/datasets-repo.js';
import { screenableNames } from '../db/names-repo.js';
import { NameIndex } from './name-index.js';

export interface DatasetVersion {
  id: string;
  version: string;
}

/**
 * What the service answers from: the database, the name index built from it and the dataset versions loaded.
 * `refresh()` rebuilds both after a dataset changes; requests always see one consistent pair.
 */
export class Catalog {
  private state: { index: NameIndex; datasets: DatasetVersion[] };

  constructor(readonly db: Db) {
    this.state = Catalog.read(db);
  }

  private static read(db: Db) {
    return {
      index: NameIndex.build(screenableNames(db)),
      datasets: listDatasets(db).map(({ id, version }) => ({ id, version })),
    };
  }

  refresh(): void {
    this.state = Catalog.read(this.db);
  }

  get index(): NameIndex {
    return this.state.index;
  }

  get datasets(): DatasetVersion[] {
    return this.state.datasets;
  }

  get ready(): boolean {
    return this.db.open && this.state.datasets.length > 0;
  }
}
