import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, REVIEW_THRESHOLD, compareNames } from '../../src/matching/index.js';

const scoreOf = (query: string, listed: string) => compareNames(query, listed, { kind: 'person' }).score;

// Extra names on one side cost little only when the parts that aligned are the same names: a listed name is a short
// form of the query only if what it shares with the query is the query's own names, not near ones.
describe('extra names cost little beside the same names, in full beside near ones', () => {
  it.each([
    ['a sound-alike given name (Aris/Eros) beside an extra surname and given name', 'Aris Herrera', 'HERRERA SOTO, Eros Alberto'],
    ['a given name two letters away (Marcel/Marcella) beside an extra surname', 'Marcel Mendez', 'MENDEZ RUIZ, Marcella'],
    ['a consonant slip in a short name (Karel/Karen) beside an extra given name', 'Karel Novak', 'NOVAK, Karen Marie'],
    ['another letter in Arabic script (فهد, Fahd / فهيد, Fuhaid) beside an extra name', 'فهد حداد', 'حداد فهيد سليم'],
  ])('%s: a review, not a match', (_case, query, listed) => {
    const score = scoreOf(query, listed);
    expect(score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(score).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it.each([
    ['an extra patronymic beside exact names', 'Ivan Petrovich Sidorenko', 'Ivan Sidorenko'],
    ['one slip in a long given name (Dmitry/Dmitri)', 'Dmitry Morozov', 'MOROZOV, Dmitri Ivanovich'],
    ['a vowel slip in a short romanized name (Umar/Omar)', 'Umar Hamdan', 'HAMDAN, Omar Khalil'],
    ['a transliteration from Cyrillic', 'Сергей Морозов', 'Sergei Ivanovich Morozov'],
  ])('%s: still a match', (_case, query, listed) => {
    expect(scoreOf(query, listed)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});

// A Romance given name in -o and the same stem in -a name a man and a woman: a brother and a sister, not a typo.
describe('a given name of the other gender is another person of the family', () => {
  it.each([
    ['Antonio/Antonia', 'Antonia Ferreira', 'FERREIRA, Antonio'],
    ['Francisco/Francisca', 'Francisco Ortega', 'ORTEGA, Francisca'],
    ['four letters, where the edit budget starts (Nino/Nina)', 'Nina Rossi', 'ROSSI, Nino'],
  ])('%s: a review, not a match', (_case, query, listed) => {
    const score = scoreOf(query, listed);
    expect(score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(score).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it.each([
    ['a slip in the ending that is no gender (Antonio/Antonie)', 'Antonie Ferreira', 'FERREIRA, Antonio'],
    ['the same given name with a slip in the surname', 'Antonio Ferriera', 'FERREIRA, Antonio'],
  ])('%s: still a match', (_case, query, listed) => {
    expect(scoreOf(query, listed)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('three letters get no link at all, as the edit budget gives them none (Ana/Ano)', () => {
    expect(scoreOf('Ana Rossi', 'ROSSI, Ano')).toBeLessThan(REVIEW_THRESHOLD);
  });
});
