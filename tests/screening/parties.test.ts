import { describe, expect, it } from 'vitest';
import type { ScreenableEntity } from '../../src/db/screening-repo.js';
import { groupParties } from '../../src/screening/parties.js';

const record = (id: string, datasetId: string): ScreenableEntity => ({
  id,
  kind: 'group',
  name: id,
  status: 'designated',
  datasetId,
  contentHash: null,
});

describe('parties', () => {
  const entities = new Map(
    [record('un-kpe.1', 'un-sc'), record('ofac-1', 'ofac-sdn'), record('lazarus', 'curated'), record('ofac-2', 'ofac-sdn')].map((e) => [e.id, e]),
  );
  const parties = groupParties(entities, [
    ['ofac-1', 'un-kpe.1'],
    ['lazarus', 'ofac-1'],
    ['lazarus', 'missing-record'],
  ]);

  it('groups linked records into one party led by the curated record, then OFAC, then UN', () => {
    for (const id of ['un-kpe.1', 'ofac-1', 'lazarus']) {
      expect(parties.get(id)?.members.map((m) => m.id)).toEqual(['lazarus', 'ofac-1', 'un-kpe.1']);
    }
    expect(parties.get('ofac-1')).toBe(parties.get('un-kpe.1'));
  });

  it('gives an unlinked record a party of its own, and none to an unknown id', () => {
    expect(parties.get('ofac-2')).toEqual({ lead: entities.get('ofac-2'), members: [entities.get('ofac-2')] });
    expect(parties.get('missing-record')).toBeUndefined();
  });
});
