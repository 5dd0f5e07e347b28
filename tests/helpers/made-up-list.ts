import type { DatasetBundle, EntityRecord } from '../../src/model.js';

/** A designated organisation of a made-up list, its aliases as given, each fact cited to the list entry. */
export const madeUpParty = (id: string, name: string, aliases: string[] = []): EntityRecord => ({
  id,
  kind: 'organization',
  name,
  status: 'designated',
  names: aliases.map((alias) => ({ name: alias, type: 'alias', citations: [] })),
  designations: [],
  identifiers: [],
  relations: [],
  citations: [{ sourceId: 'made-up-list', listEntry: id }],
});

/** A made-up list (dataset `made-up-list`) of these parties, at `version`. */
export const madeUpList = (entities: EntityRecord[], version = 'v1'): DatasetBundle => ({
  id: 'made-up-list',
  title: 'Made-up list, written for the tests',
  version,
  sources: [{ id: 'made-up-list', kind: 'sanctions_list', title: 'Made-up list' }],
  entities,
  events: [],
});
