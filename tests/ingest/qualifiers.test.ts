import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBirthDate } from '../../src/matching/index.js';
import { birthDate, birthPlace, country, gender } from '../../src/ingest/qualifiers.js';
import { parseEuXml } from '../../src/ingest/lists/eu-xml.js';
import { parseOfacCsv } from '../../src/ingest/lists/ofac-csv.js';
import { parseUnXml } from '../../src/ingest/lists/un-xml.js';
import type { EntityRecord, Qualifier } from '../../src/model.js';
import { fromText } from './helpers.js';

const CITE = [{ sourceId: 'list', listEntry: '1' }];

/** Each qualifier as `field value (precision) ← printed`, the form the cases below are written in. */
const shown = (e: EntityRecord | undefined): string[] =>
  (e?.qualifiers ?? []).map((q: Qualifier) => `${q.field} ${q.value ?? '?'}${q.precision ? ` (${q.precision})` : ''} ← ${q.printed}`);

describe('a printed birth date is stored as a value the readers read back the same', () => {
  it.each([
    ['a day', '1944-10-13', undefined, '1944-10-13', 'day'],
    ['a day written out, as OFAC remarks print it', '13 Oct 1944', undefined, '1944-10-13', 'day'],
    ['a month', 'Oct 1944', undefined, '1944-10', 'month'],
    ['a year only, never turned into 1 January', '1944', undefined, '1944', 'year'],
    ['a UK day-first date read as the list means it, not both ways', '02/01/1970', '1970-01-02', '1970-01-02', 'day'],
    ['a ConList year with unknown day and month', '00/00/1971', '1971', '1971', 'year'],
    ['circa', 'circa 1964', undefined, 'circa 1964', 'circa'],
    ['a range of whole years', '1960 to 1962', undefined, '1960 to 1962', 'range'],
    ['a range of days, written without the dashes that would split it', '5 Jan 1975 to 1 Mar 1975', undefined, '5 Jan 1975 to 1 Mar 1975', 'range'],
  ] as const)('%s: %s', (_case, printed, read, value, precision) => {
    const q = birthDate(printed, CITE, read);
    expect(q).toEqual({ field: 'birth_date', value, precision, printed, citations: CITE });
    // The stored value reads as the same days as the printed text does.
    expect(readBirthDate(value)?.readings).toEqual(readBirthDate(read ?? printed)?.readings);
  });

  it('a date that is no date keeps its printed text and no value, rather than being dropped', () => {
    expect(birthDate('unknown', CITE)).toEqual({ field: 'birth_date', printed: 'unknown', citations: CITE });
  });
});

describe('countries, places of birth and gender', () => {
  it.each([
    ['Korea, North', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['DPRK', 'KP'],
    ['Korea, South', 'KR'],
    ['CHINA', 'CN'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Trinidad and Tobago', 'TT'],
  ])('%s is %s', (printed, code) => {
    expect(country('nationality', printed, CITE)).toEqual({ field: 'nationality', value: code, printed, citations: CITE });
  });

  it('a bare Korea names neither state: kept as printed, no value', () => {
    expect(country('country', 'Korea', CITE)).toEqual({ field: 'country', printed: 'Korea', citations: CITE });
  });

  it('a place of birth is valued by its country, however the list writes it', () => {
    expect(birthPlace('Pyongyang, Korea, North', CITE).value).toBe('KP');
    expect(birthPlace('Hamhung, DPRK', CITE).value).toBe('KP');
    expect(birthPlace('Tehran, Iran', CITE).value).toBe('IR');
    expect(birthPlace('Hamhung', CITE).value).toBeUndefined();
  });

  it.each([['Male', 'male'], ['M', 'male'], ['Female', 'female'], ['F', 'female']])('gender %s is %s', (printed, value) => {
    expect(gender(printed, CITE)).toEqual({ field: 'gender', value, printed, citations: CITE });
  });
});

const unList = (individual: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2030-02-27T00:00:00.000Z"><INDIVIDUALS><INDIVIDUAL>
  <DATAID>1</DATAID><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>CHOL</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
  <REFERENCE_NUMBER>KPi.950</REFERENCE_NUMBER>${individual}
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

describe('the UN XML', () => {
  it('EXACT, APPROXIMATELY and BETWEEN dates, a YEAR alone, nationality, gender and a passport with spaces', async () => {
    const { entities } = await parseUnXml(fromText(unList(`
      <GENDER>Male</GENDER>
      <NATIONALITY><VALUE>Korea, North</VALUE></NATIONALITY>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1962-04-13</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1958</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1964</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>PS 472220097</NUMBER></INDIVIDUAL_DOCUMENT>`)));
    expect(shown(entities[0])).toEqual([
      'birth_date 1962-04-13 (day) ← 1962-04-13',
      'birth_date 1958 (year) ← 1958',
      'birth_date circa 1964 (circa) ← APPROXIMATELY 1964',
      'birth_date 1960 to 1962 (range) ← BETWEEN 1960 and 1962',
      'nationality KP ← Korea, North',
      'gender male ← Male',
    ]);
    expect(entities[0]?.qualifiers?.[0]?.citations).toEqual([{ sourceId: 'un-sc-2030-02-27', listEntry: 'KPi.950' }]);
    expect(entities[0]?.identifiers.map((i) => [i.type, i.value])).toEqual([['passport', 'PS 472220097']]);
  });
});

describe('the OFAC legacy CSV remarks', () => {
  it('two DOB clauses, a day, circa, a range, nationality, POB and gender', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofac-csv-qualifiers-'));
    const remarks =
      "DOB 13 Oct 1944; alt. DOB circa 1946; alt. DOB 1940 to 1942; POB Pyongyang, Korea, North; nationality Korea, North; Gender Male; Passport PS 472220097 (Korea, North).";
    writeFileSync(join(dir, 'sdn.csv'), `9001,"YUN, Ho Jin","individual","DPRK3",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"${remarks}"\n`);
    const { entities } = await parseOfacCsv(dir, { publishedAt: '2030-03-04' });
    expect(shown(entities[0])).toEqual([
      'birth_date 1944-10-13 (day) ← 13 Oct 1944',
      'birth_date circa 1946 (circa) ← circa 1946',
      'birth_date 1940 to 1942 (range) ← 1940 to 1942',
      'birth_place KP ← Pyongyang, Korea, North',
      'nationality KP ← Korea, North',
      'gender male ← Male',
    ]);
    expect(entities[0]?.identifiers.map((i) => [i.type, i.value, i.country])).toEqual([['passport', 'PS 472220097', 'Korea, North']]);
  });
});

const euList = (entity: string) => `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2030-03-18T14:52:26.947+01:00">
  <sanctionEntity euReferenceNumber="EU.9500.1" logicalId="9500">
    <regulation programme="PRK" publicationDate="2029-07-20" numberTitle="2029/901"/>
    <subjectType code="person"/>
    <nameAlias wholeName="Kim Chol" gender="M" strong="true"/>${entity}
  </sanctionEntity>
</export>`;

describe('the EU XML', () => {
  it('a full date, a year, a circa year, a year range, citizenship by its name or code, gender', async () => {
    const { entities } = await parseEuXml(fromText(euList(`
    <citizenship countryIso2Code="KP" countryDescription="KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"/>
    <citizenship countryIso2Code="KR" countryDescription="SOUTH KOREA (REPUBLIC)"/>
    <birthdate circa="false" birthdate="1962-04-13" countryIso2Code="00"/>
    <birthdate circa="false" year="1958" countryIso2Code="00"/>
    <birthdate circa="true" year="1964" countryIso2Code="00"/>
    <birthdate circa="false" yearRangeFrom="1960" yearRangeTo="1962" countryIso2Code="00"/>`)));
    expect(shown(entities[0])).toEqual([
      'birth_date 1962-04-13 (day) ← 1962-04-13',
      'birth_date 1958 (year) ← 1958',
      'birth_date circa 1964 (circa) ← circa 1964',
      'birth_date 1960 to 1962 (range) ← 1960 to 1962',
      "nationality KP ← KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF",
      'nationality KR ← SOUTH KOREA (REPUBLIC)',
      'gender male ← M',
    ]);
  });
});
