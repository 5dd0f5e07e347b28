import { describe, expect, it } from 'vitest';
import {
  imoCheckDigitValid, readBirthDate, readBirthDates, readCountry, readGender, readIdentifierNumbers, readIdentifierType, readImoNumber,
} from '../../src/matching/index.js';

describe('readBirthDate', () => {
  it.each([
    ['an ISO day', '1964-02-01', 'day', [['1964-02-01', '1964-02-01']]],
    ['a year only', '1938', 'year', [['1938-01-01', '1938-12-31']]],
    ['an ISO month', '1964-02', 'month', [['1964-02-01', '1964-02-29']]],
    ['the day/month swap: 01/02/1964 read day-first and month-first', '01/02/1964', 'day', [['1964-02-01', '1964-02-01'], ['1964-01-02', '1964-01-02']]],
    ['a US date only month-first can read', '02/13/1969', 'day', [['1969-02-13', '1969-02-13']]],
    ['the UN unknown day and month 00/00/1934', '00/00/1934', 'year', [['1934-01-01', '1934-12-31']]],
    ['circa 1964 as two years either side', 'circa 1964', 'circa', [['1962-01-01', '1966-12-31']]],
    ['c. 1964', 'c. 1964', 'circa', [['1962-01-01', '1966-12-31']]],
    ['a year range 1962 to 1964', '1962 to 1964', 'range', [['1962-01-01', '1964-12-31']]],
    ['Between 1967 and 1969', 'Between 1967 and 1969', 'range', [['1967-01-01', '1969-12-31']]],
    ['a dotted European day 13.10.1944 (day-first only)', '13.10.1944', 'day', [['1944-10-13', '1944-10-13']]],
    ['a dotted day 4.6.1954 not read month-first', '4.6.1954', 'day', [['1954-06-04', '1954-06-04']]],
    ['an unseparated 19441013', '19441013', 'day', [['1944-10-13', '1944-10-13']]],
    ['January 12, 1956', 'January 12, 1956', 'day', [['1956-01-12', '1956-01-12']]],
    ['17 Jul 1964', '17 Jul 1964', 'day', [['1964-07-17', '1964-07-17']]],
  ])('reads %s', (_case, text, precision, readings) => {
    expect(readBirthDate(text)).toEqual({ text, precision, readings: readings.map(([from, to]) => ({ from, to })) });
  });

  it.each([['a day that does not exist', '31/02/1964'], ['a month 13 in ISO', '1964-13'], ['words', 'unknown'], ['a reversed range', '1969 to 1967']])(
    'refuses %s', (_case, text) => {
      expect(readBirthDate(text)).toBeUndefined();
    });

  it('reads every date of a field that prints several, and refuses the field when one is unreadable', () => {
    expect(readBirthDates('26.3.1968; 15.10.1970')?.map((d) => d.readings[0]?.from)).toEqual(['1968-03-26', '1970-10-15']);
    expect(readBirthDates('1949 or 1950')?.map((d) => d.precision)).toEqual(['year', 'year']);
    expect(readBirthDates('1949; sometime')).toBeUndefined();
  });
});

describe('readCountry', () => {
  it.each([
    ['KP', 'KP'], ['PRK', 'KP'], ['kp', 'KP'], ['North Korea', 'KP'], ['DPRK', 'KP'], ['Korea, North', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'], ["Korea, Democratic People's Republic of", 'KP'],
    ['South Korea', 'KR'], ['Republic of Korea', 'KR'], ['Korea, South', 'KR'], ['KOR', 'KR'],
    ['Iran (Islamic Republic of)', 'IR'], ['China, Hong Kong Special Administrative Region', 'HK'], ['germany', 'DE'],
  ])('reads %s as %s', (text, code) => {
    expect(readCountry(text)).toEqual({ code });
  });

  it('reads Korea alone as ambiguous, neither KP nor KR', () => {
    expect(readCountry('Korea')).toBe('ambiguous');
    expect(readCountry(' KOREA ')).toBe('ambiguous');
  });

  it('reads an unknown country as unknown', () => {
    expect(readCountry('Atlantis')).toBe('unknown');
  });
});

describe('readGender', () => {
  it('reads any case and refuses what is not a gender', () => {
    expect(['Male', 'female', 'OTHER', 'robot'].map(readGender)).toEqual(['male', 'female', 'other', undefined]);
  });
});

describe('identifiers', () => {
  it.each([
    ['Passport', '', 'passport'], ['passportNumber', '', 'passport'], ['Passport Number', '', 'passport'],
    ['Numéro de passeport', '', 'passport'], ['Número de pasaporte', '', 'passport'], ['diplomatic_passport', '', 'passport'],
    ['National identification no.', '', 'national_id'], ['national_id', '', 'national_id'], ['tax_id', '', 'tax_id'],
    ['imoNumber', '', 'imo'], ['IMO number (printed in COMMENTS1)', '', 'imo'],
    ['Vessel Registration Identification', 'IMO 7303803', 'imo'], ['vessel_registration', 'HK-1234', 'registration'],
    ['registration_number', '', 'registration'], ['MMSI', '', 'mmsi'], ['swift_bic', '', 'swift_bic'], ['other', '', 'other'],
  ])('maps the printed or stored type %s (%s) to %s', (type, number, expected) => {
    expect(readIdentifierType(type, number)).toBe(expected);
  });

  it('knows no identity document in a call sign or an email', () => {
    expect([readIdentifierType('call_sign'), readIdentifierType('email')]).toEqual([undefined, undefined]);
  });

  it('reads a passport with spaces, dots and dashes as its bare number', () => {
    expect(readIdentifierNumbers('ps 472-220.097', 'passport')).toEqual(['PS472220097']);
  });

  it('reads the numbers of an enumerated field without their notes', () => {
    expect(readIdentifierNumbers('(1) 381420565 (2) 654120219', 'passport')).toEqual(['381420565', '654120219']);
    expect(readIdentifierNumbers('654133553 expires 11.3.2019.', 'passport')).toEqual(['654133553']);
    expect(readIdentifierNumbers('645120378 (issued by the DPRK)', 'passport')).toEqual(['645120378']);
  });

  it('reads an IMO with or without its prefix', () => {
    expect([readImoNumber('IMO 9187629'), readImoNumber('9187629'), readImoNumber('IMO 918762')]).toEqual(['9187629', '9187629', undefined]);
  });

  it('verifies the ship check digit of an IMO and refuses an IMO with a bad check digit', () => {
    expect(imoCheckDigitValid('9187629')).toBe(true);
    expect(imoCheckDigitValid('7303803')).toBe(true);
    expect(imoCheckDigitValid('9187628')).toBe(false);
    expect(imoCheckDigitValid('918762')).toBe(false);
  });
});
