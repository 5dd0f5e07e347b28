import { describe, expect, it } from 'vitest';
import type { ScreenableEntity, ScreenableName } from '../../src/db/screening-repo.js';
import { NameIndex } from '../../src/screening/name-index.js';

const entity = (id: string, kind: ScreenableEntity['kind'], name: string): ScreenableEntity => ({
  id,
  kind,
  name,
  status: 'designated',
  datasetId: 'curated',
  contentHash: null,
});
const lazarus = entity('lazarus-group', 'group', 'Lazarus Group');
const pak = entity('pak-jin-hyok', 'person', 'Pak Jin Hyok');
const NAMES: ScreenableName[] = [
  { id: 11, entityId: lazarus.id, name: 'Lazarus Group', nameType: 'primary', entity: lazarus },
  { id: 12, entityId: lazarus.id, name: 'Hidden Cobra', nameType: 'alias', entity: lazarus },
  { id: 40, entityId: pak.id, name: 'Pak Jin Hyok', nameType: 'primary', entity: pak },
  { id: 41, entityId: pak.id, name: '박진혁', nameType: 'original_script', entity: pak },
];

describe('name index', () => {
  const building = NameIndex.builder();
  // Each row is a new object, as rows read from SQLite are; the index keeps its fields, not the object.
  for (const n of NAMES) building.add({ ...n }, null);
  const index = building.build();

  it('gives back every name as it was added, by its order of addition', () => {
    expect(index.size).toBe(NAMES.length);
    NAMES.forEach((n, i) => expect(index.entry(i)).toEqual(n));
    expect(index.entry(NAMES.length)).toBeUndefined();
    expect(index.entry(-1)).toBeUndefined();
  });

  it('retrieves names with their entity, filtered by kind and dataset', () => {
    const found = index.candidates(['t:cobra'], 'any', new Set(['curated']));
    expect(found).toEqual([{ id: 1, entry: NAMES[1] }]);
    expect(found[0]?.entry.entity).toBe(lazarus);
    expect(index.candidates(['t:cobra'], 'person', new Set(['curated']))).toEqual([]);
    expect(index.candidates(['t:cobra'], 'any', new Set(['ofac-sdn']))).toEqual([]);
  });

  it('prepares a name for its entity kind', () => {
    expect(index.preparedName(2)?.original).toBe('Pak Jin Hyok');
    expect(index.preparedName(2)?.kind).toBe('person');
    expect(index.preparedName(NAMES.length)).toBeUndefined();
  });
});
