import { describe, expect, it } from 'vitest';
import { compareEntities, compareNames, DEFAULT_THRESHOLD, type EntityCandidate } from '../../src/matching/index.js';

const KIM_CHOL: EntityCandidate = {
  names: ['KIM CHOL'],
  kind: 'person',
  birthDates: ['1962'],
  nationalities: ["Democratic People's Republic of Korea"],
  gender: 'Male',
  source: 'UN KPi.012',
};

const birthRow = (query: string, birthDates: string[]) =>
  compareEntities({ name: 'Kim Chol', kind: 'person', birthDate: query }, { ...KIM_CHOL, birthDates }).explanation.qualifiers[0];

describe('compareEntities', () => {
  it('gives exactly the compareNames score and explanation pairs when the query has no qualifier', () => {
    for (const [query, listed] of [['Kim Chol', 'KIM CHOL'], ['Pak Yong Sik', 'PAK YONG-SIK'], ['John Smith', 'KIM CHOL']] as const) {
      const names = compareNames(query, listed, { kind: 'person' });
      const entity = compareEntities({ name: query, kind: 'person' }, { ...KIM_CHOL, names: [listed] });
      expect(entity.score).toBe(names.score);
      expect(entity.match).toBe(names.match);
      expect(entity.explanation.pairs).toEqual(names.explanation.pairs);
      expect(entity.explanation.summary).toBe(names.explanation.summary);
      expect(entity.explanation.nameScore).toBe(names.score);
      expect(entity.explanation.qualifiers).toEqual([]);
    }
  });

  it.each([
    ['the day/month swap: 01/02/1964 agrees with 1964-01-02 read month-first', '01/02/1964', ['1964-01-02'], 'corroborates', 0.15],
    ['the day/month swap between two ISO dates is within the lists\' disagreement', '1964-02-01', ['1964-01-02'], 'corroborates', 0.03],
    ['circa 1964 agrees with 1965', '1965', ['circa 1964'], 'corroborates', 0.05],
    ['circa 1964 contradicts 1990', '1990', ['circa 1964'], 'contradicts', -0.3],
    ['a year range 1962 to 1964 holds 1963-05-04', '1963-05-04', ['1962 to 1964'], 'corroborates', 0.05],
    ['a year range 1962 to 1964 contradicts 1970', '1970', ['1962 to 1964'], 'contradicts', -0.3],
    ['a designee whose second birth date is the one that matches', '13.10.1944', ['1940-02-01', '1944-10-13'], 'corroborates', 0.15],
    ['a year-only listing and a full date of that year', '1962-05-04', ['1962'], 'corroborates', 0.05],
    ['a year off by one', '1963', ['1962'], 'corroborates', 0.03],
    ['a day off by one', '1962-05-05', ['1962-05-04'], 'corroborates', 0.03],
    ['the UN unknown day 00/00/1962 and 1962', '00/00/1962', ['1962'], 'corroborates', 0.05],
    ['born 1990 against 1962', '1990-05-04', ['1962'], 'contradicts', -0.3],
    ['no listed birth date', '1990-05-04', [], 'not_comparable', 0],
  ])('birth date: %s', (_case, query, listed, outcome, effect) => {
    expect(birthRow(query, listed)).toMatchObject({ field: 'birthDate', query, outcome, effect });
  });

  it('shows the query value beside the listed value that decided, with its source', () => {
    expect(birthRow('13.10.1944', ['1940-02-01', '1944-10-13'])).toEqual({
      field: 'birthDate', query: '13.10.1944', listed: '1944-10-13', listedSource: 'UN KPi.012', outcome: 'corroborates', effect: 0.15,
    });
  });

  it('does not match a Kim Chol born 1990 in Germany against the listed KIM Chol born 1962 in North Korea', () => {
    const result = compareEntities({ name: 'Kim Chol', kind: 'person', birthDate: '1990-05-04', nationality: 'DE' }, KIM_CHOL);
    expect(result.explanation.nameScore).toBe(1);
    expect(result.score).toBe(0.45);
    expect(result.match).toBe(false);
    expect(result.explanation.summary).toBe(
      'no match at 45%: name 100% (Kim=KIM (exact), Chol=CHOL (exact)); born 1990-05-04 (query) vs 1962 (UN KPi.012): contradicts, −0.30; '
      + "nationality DE (query) vs Democratic People's Republic of Korea (UN KPi.012): contradicts, −0.25",
    );
  });

  it.each([['birth date', { birthDate: '1990' }], ['nationality', { nationality: 'Germany' }]])(
    'pulls an exact name below the threshold on a contradicted %s alone', (_case, qualifier) => {
      const result = compareEntities({ name: 'Kim Chol', kind: 'person', ...qualifier }, KIM_CHOL);
      expect(result.score).toBeLessThan(DEFAULT_THRESHOLD);
    });

  it('counts Korea alone as neither Korea: not comparable, no effect', () => {
    const result = compareEntities({ name: 'Kim Chol', kind: 'person', nationality: 'Korea' }, KIM_CHOL);
    expect(result.explanation.qualifiers).toEqual([
      { field: 'nationality', query: 'Korea', listed: "Democratic People's Republic of Korea", listedSource: 'UN KPi.012', outcome: 'not_comparable', effect: 0 },
    ]);
    expect(result.score).toBe(1);
  });

  it('tells KP from KR: South Korea contradicts a North Korean listing', () => {
    const south = compareEntities({ name: 'Kim Chol', kind: 'person', nationality: 'Republic of Korea' }, KIM_CHOL);
    const north = compareEntities({ name: 'Kim Chol', kind: 'person', nationality: 'Korea, North' }, KIM_CHOL);
    expect([south.explanation.qualifiers[0]?.outcome, north.explanation.qualifiers[0]?.outcome]).toEqual(['contradicts', 'corroborates']);
    expect(south.match).toBe(false);
    expect(north.match).toBe(true);
  });

  it('contradicts on another gender and leaves other or an unlisted gender uncompared', () => {
    const outcomes = ['female', 'Male', 'other'].map((gender) => compareEntities({ name: 'Kim Chol', gender }, KIM_CHOL).explanation.qualifiers[0]?.outcome);
    expect(outcomes).toEqual(['contradicts', 'corroborates', 'not_comparable']);
  });

  it('matches a passport with spaces to the listed number, with no name in the query', () => {
    const listed = { ...KIM_CHOL, identifiers: [{ type: 'Passport', number: '472220097', country: 'DPRK' }] };
    const result = compareEntities({ identifiers: [{ type: 'passport', number: 'PS 472 220 097', country: 'KP' }] }, listed);
    expect(result.explanation.qualifiers[0]).toMatchObject({ field: 'identifier', outcome: 'corroborates', effect: 0.8 });
    expect(result.match).toBe(true);
  });

  it('does not compare a passport with a national id of the same number, nor across issuing countries', () => {
    const listed = { ...KIM_CHOL, identifiers: [{ type: 'National identification no.', number: '472220097' }, { type: 'Passport', number: '472220097', country: 'China' }] };
    const result = compareEntities({ identifiers: [{ type: 'passport', number: '472220097', country: 'KP' }] }, listed);
    expect(result.explanation.qualifiers[0]).toMatchObject({ outcome: 'not_comparable', effect: 0 });
    expect(result.match).toBe(false);
  });

  it('does not make a shared passport an automatic 1.0 when birth date and nationality contradict it', () => {
    const listed = { ...KIM_CHOL, identifiers: [{ type: 'Passport', number: '472220097' }] };
    const result = compareEntities({ name: 'Pak Yong Sik', kind: 'person', birthDate: '1990', nationality: 'DE', identifiers: [{ type: 'passport', number: '472220097' }] }, listed);
    expect(result.explanation.qualifiers.map((q) => q.outcome)).toEqual(['contradicts', 'contradicts', 'corroborates']);
    expect(result.match).toBe(false);
  });

  it('matches a renamed ship on its IMO and rejects a namesake ship with another IMO', () => {
    const ship: EntityCandidate = { names: ['Sam Jong 2'], kind: 'vessel', identifiers: [{ type: 'Vessel Registration Identification', number: 'IMO 7408873' }] };
    const renamed = compareEntities({ name: 'SOLVENT DISCOVERER', kind: 'vessel', identifiers: [{ type: 'imo', number: '7408873' }] }, ship);
    const sister = compareEntities({ name: 'SAM JONG 1', kind: 'vessel', identifiers: [{ type: 'imo', number: 'IMO 8405311' }] }, ship);
    expect([renamed.match, sister.match]).toEqual([true, false]);
    expect(sister.explanation.qualifiers[0]).toMatchObject({ outcome: 'contradicts', effect: -0.5 });
  });

  it('changes nothing for a qualifier the list does not print', () => {
    const result = compareEntities({ name: 'Kim Chol', kind: 'person', country: 'DE', identifiers: [{ type: 'passport', number: '1' }] }, KIM_CHOL);
    expect(result.explanation.qualifiers.map((q) => [q.outcome, q.effect])).toEqual([['not_comparable', 0], ['not_comparable', 0]]);
    expect(result.score).toBe(1);
  });
});
