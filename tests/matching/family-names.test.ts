import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, REVIEW_THRESHOLD, compareNames } from '../../src/matching/index.js';

const band = (score: number): 'match' | 'review' | 'clear' =>
  score >= DEFAULT_THRESHOLD ? 'match' : score >= REVIEW_THRESHOLD ? 'review' : 'clear';

describe('issue 18: a Korean name with a whole given-name syllable missing is another person', () => {
  it.each([
    ['KIM Chol inside KIM Yong Chol', 'KIM Chol', 'KIM Yong Chol'],
    ['KIM Yong Chol against the shorter KIM Chol', 'KIM Yong Chol', 'KIM Chol'],
    ['Kim Hyok against the alias Kim Hyok-Chol', 'Kim Hyok', 'Kim Hyok-Chol'],
    ['Choe Wang against the alias WANG, Wen Chou', 'Choe Wang', 'WANG, Wen Chou'],
  ])('%s is a review, not a match', (_case, query, listed) => {
    expect(band(compareNames(query, listed, { kind: 'person' }).score)).toBe('review');
  });

  it.each([
    ['an initial for the missing syllable', 'Kim J Un', 'KIM Jong Un'],
    ['the given name glued', 'Kim Jongun', 'KIM Jong Un'],
    ['an extra Western middle name', 'Ivan Petrovich Sidorenko', 'Ivan Sidorenko'],
  ])('%s is still a match: %s ~ %s', (_case, query, listed) => {
    expect(band(compareNames(query, listed, { kind: 'person' }).score)).toBe('match');
  });
});

describe('issue 18: short and common names found in use', () => {
  it.each([
    ['cmd against KOMID (a three-letter sound code)', 'cmd', 'KOMID', 'any'],
    ["John Nam against YO'N CHO'NG NAM (John=YON phonetic)", 'John Nam', "YO'N CHO'NG NAM", 'person'],
    ['the Arabic form of Kim Jong Un against Kim Yo Jong', 'كيم جونغ أون', 'KIM Yo Jong', 'person'],
  ] as const)('%s is no match', (_case, query, listed, kind) => {
    expect(band(compareNames(query, listed, { kind }).score)).not.toBe('match');
  });

  it('the Arabic form of Kim Jong Un still matches KIM Jong Un', () => {
    expect(band(compareNames('كيم جونغ أون', 'KIM Jong Un', { kind: 'person' }).score)).toBe('match');
  });

  it('a long name still meets its sound-alike spelling (phonetic rule from four letters)', () => {
    expect(compareNames('Schmidt', 'Shmit', { kind: 'person' }).explanation.pairs[0]?.rule).toBe('phonetic');
  });
});
