import { describe, expect, it } from 'vitest';
import { prepareName } from '../../src/matching/index.js';
import { CandidateIndex, CandidateIndexBuilder } from '../../src/screening/candidate-index.js';
import { keysOfPrepared } from '../../src/screening/name-keys.js';

// A corpus of made-up names where the wanted one shares most of its letters with many others.
const FILLER = Array.from({ length: 3000 }, (_, i) => `Trading Company Number ${i} Limited`);
const NAMES = [
  'Reconnaissance General Bureau',
  'Kim Jong Un',
  'Moonlight Ledger Bureau',
  'Korea Mining Development Trading Corporation',
  'Pak Song Il',
  'Brana',
  'Wafra Holdings',
  // Longer names that contain a wanted one, and shorter ones it contains, listed before it.
  ...['Maritime', 'Trading', 'Mining', 'Shipping'].map((w) => `Star Development and ${w} Ltd`),
  'Star Development Ltd',
  'Qasim Khatib',
  'Haitham Khatib',
  'Haitham bin Qasim Khatib',
  ...FILLER,
];
const keys = NAMES.map((n) => keysOfPrepared(prepareName(n, 'any')));
const index = CandidateIndex.build(keys.length, (id) => keys[id] ?? []);
const all = () => true;
const retrieved = (query: string, accept: (id: number) => boolean = all) =>
  index.candidates(keysOfPrepared(prepareName(query, 'any')), accept).map((id) => NAMES[id]);

describe('candidate index', () => {
  it.each([
    ['the exact name', 'Reconnaissance General Bureau', 'Reconnaissance General Bureau'],
    ['a typo in every token', 'Reconaissance Generl Burea', 'Reconnaissance General Bureau'],
    ['tokens reordered', 'Bureau Ledger Moonlight', 'Moonlight Ledger Bureau'],
    ['run-together parts', 'Kimjongun', 'Kim Jong Un'],
    ['a romanization variant', 'Park Sung Il', 'Pak Song Il'],
    ['Hangul', '박성일', 'Pak Song Il'],
    ['a dropped letter in a short name', 'Braa', 'Brana'],
    ['two swapped letters in a short name', 'Wfara Holdings', 'Wafra Holdings'],
    ['a misspelt name, not the longer names containing it', 'Star Devlopment Ltd', 'Star Development Ltd'],
    ['a misspelt name, not the shorter names it contains', 'Haiham bin Qasmi Khatib', 'Haitham bin Qasim Khatib'],
  ])('retrieves %s (%s) first among few candidates', (_label, query, wanted) => {
    const found = retrieved(query);
    expect(found[0]).toBe(wanted);
    expect(found.length).toBeLessThanOrEqual(32);
  });

  it('keeps only the candidates the filter accepts', () => {
    const noBureaus = (id: number) => !(NAMES[id] ?? '').includes('Bureau');
    expect(retrieved('Reconnaissance General Bureau', noBureaus)).not.toContain('Reconnaissance General Bureau');
  });

  it('returns nothing for a query that shares no key with any name', () => {
    expect(retrieved('Zyx Qwv')).toEqual([]);
  });

  it('compares tens of names, not every name, for a query full of common words', () => {
    const found = retrieved('Trading Company Number 1234 Limited');
    expect(found[0]).toBe('Trading Company Number 1234 Limited');
    expect(found.length).toBeLessThanOrEqual(32);
  });

  it('answers each query as a fresh index would, after any number of queries and after a filter that threw', () => {
    const queries = ['Reconaissance Generl Burea', 'Trading Company Number 12 Limited', 'Park Sung Il', 'Star Devlopment Ltd'];
    const fresh = queries.map((q) => CandidateIndex.build(keys.length, (id) => keys[id] ?? []).candidates(keysOfPrepared(prepareName(q, 'any')), all));
    const throwing = () => {
      throw new Error('filter failed');
    };
    expect(() => retrieved('Trading Company Number 7 Limited', throwing)).toThrow('filter failed');
    for (let round = 0; round < 3; round++) {
      queries.forEach((q, i) => expect(index.candidates(keysOfPrepared(prepareName(q, 'any')), all)).toEqual(fresh[i]));
    }
  });

  it('reads keys stored joined by spaces as it reads them one by one', () => {
    const joined = new CandidateIndexBuilder();
    for (const k of keys) joined.addJoined(k.join(' '));
    const fromJoined = joined.build();
    for (const query of ['Reconaissance Generl Burea', 'Park Sung Il', 'Trading Company Number 1234 Limited', 'Braa']) {
      const queryKeys = keysOfPrepared(prepareName(query, 'any'));
      expect(fromJoined.candidates(queryKeys, all)).toEqual(index.candidates(queryKeys, all));
    }
  });

  it('finds every key among hundreds of thousands, whatever their hashes', () => {
    const builder = new CandidateIndexBuilder();
    const count = 200_000;
    for (let i = 0; i < count; i++) builder.addJoined(`t:name${i} g:shared`);
    const many = builder.build();
    for (const i of [0, 1, 65_535, 65_536, 131_071, count - 1]) {
      expect(many.candidates([`t:name${i}`, 'g:shared'], all, 1)).toEqual([i]);
    }
    expect(many.candidates(['t:name-absent'], all)).toEqual([]);
  });
});
