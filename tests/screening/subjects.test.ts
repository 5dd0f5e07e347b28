import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { Catalog } from '../../src/screening/catalog.js';
import { nameSubject, subjectOfNormalized } from '../../src/screening/decisions.js';
import { screen } from '../../src/screening/screen.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';

describe('the decision subject of a screened name', () => {
  const db = openDatabase(':memory:');
  syncCuratedDataset(db, FIXTURE_DATA_DIR);
  const state = new Catalog(db).state;

  it.each([
    'Crimson Grup',
    'KIM, Chol-song',
    '  Pak   Song Il ',
    '박성일',
    'Korea Mining Development Trading Corporation (KOMID)',
    'O\'Brien & Sons Co., Ltd.',
    'Ri Jong Chol 2',
    'Ελληνικά Ονόματα',
  ])('is the same from the screening as from the name itself (%s)', (name) => {
    const { query } = screen(state, { name, kind: 'any', limit: 5 });
    expect(subjectOfNormalized(query.normalized ?? '')).toBe(nameSubject(name));
  });
});
