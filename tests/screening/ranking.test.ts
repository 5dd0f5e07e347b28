import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { replaceDataset } from '../../src/db/version-store.js';
import type { DatasetBundle, EntityRecord } from '../../src/model.js';
import { Catalog } from '../../src/screening/catalog.js';
import { screen } from '../../src/screening/screen.js';

const entity = (id: string, name: string): EntityRecord => ({
  id,
  kind: 'organization',
  name,
  status: 'designated',
  names: [{ name, type: 'primary', citations: [] }],
  designations: [],
  identifiers: [],
  relations: [],
  citations: [{ sourceId: 'made-up', listEntry: id }],
});

function stateOf(entities: EntityRecord[]) {
  const db = openDatabase(':memory:');
  const bundle: DatasetBundle = {
    id: 'ranking-test',
    title: 'Made-up companies',
    version: '1',
    sources: [{ id: 'made-up', kind: 'synthetic', title: 'Written for this test' }],
    entities,
    events: [],
  };
  replaceDataset(db, bundle);
  return new Catalog(db).state;
}

describe('ranking of matches', () => {
  it('puts the name spelt as queried first among names of equal score', () => {
    // The matcher scores names that differ only in their legal form alike; by name, "GmbH" would come first.
    const state = stateOf([entity('a', 'Dubai Textile GmbH'), entity('b', 'Dubai Textile Inc'), entity('c', 'Dubai Textile LLC')]);
    const { matches } = screen(state, { name: 'Dubav Textile Inc', kind: 'any', limit: 5 });
    expect(matches.map((m) => m.matchedName)).toEqual(['Dubai Textile Inc', 'Dubai Textile LLC', 'Dubai Textile GmbH']);
    expect(new Set(matches.map((m) => m.score)).size).toBe(1);
  });

  it('still orders by score first', () => {
    const state = stateOf([entity('a', 'Dubai Textile Inc'), entity('b', 'Dubai Textiles Inc')]);
    const { matches } = screen(state, { name: 'Dubai Textiles GmbH', kind: 'any', limit: 5 });
    expect(matches[0]?.matchedName).toBe('Dubai Textiles Inc');
    expect(matches[0]?.score).toBeGreaterThan(matches[1]?.score ?? 1);
  });
});
