import fs from 'node:fs';
import path from 'node:path';

/** A made-up UN individual: what the consolidated list prints about who a person is. */
export interface ListedPerson {
  ref: string;
  first: string;
  second: string;
  third?: string;
  births: string[];
  nationality?: string;
  passports?: string[];
}

/**
 * Made-up designees for screening with qualifiers: two namesakes told apart by birth date, one printed with two
 * birth dates, one with a passport printed with spaces and series letters.
 */
export const PEOPLE: readonly ListedPerson[] = [
  { ref: 'KPi.911', first: 'RYANG', second: 'CHOL', third: 'MIN', births: ['1962-02-01'], nationality: "Democratic People's Republic of Korea", passports: ['PS 472 220 097'] },
  { ref: 'KPi.912', first: 'RYANG', second: 'CHOL', third: 'MIN', births: ['1975-06-30'], nationality: "Democratic People's Republic of Korea" },
  { ref: 'KPi.913', first: 'SONG', second: 'HYE', third: 'RIM', births: ['1968-03-26', '1970-10-15'], nationality: "Democratic People's Republic of Korea", passports: ['381420999'] },
];

function individual(p: ListedPerson, i: number): string {
  const births = p.births
    .map((d) => `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>${d}</DATE></INDIVIDUAL_DATE_OF_BIRTH>`)
    .join('');
  const passports = (p.passports ?? [])
    .map((n) => `<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>${n}</NUMBER></INDIVIDUAL_DOCUMENT>`)
    .join('');
  return `<INDIVIDUAL><DATAID>${9_100_000 + i}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${p.first}</FIRST_NAME>` +
    `<SECOND_NAME>${p.second}</SECOND_NAME>${p.third ? `<THIRD_NAME>${p.third}</THIRD_NAME>` : ''}<UN_LIST_TYPE>DPRK</UN_LIST_TYPE>` +
    `<REFERENCE_NUMBER>${p.ref}</REFERENCE_NUMBER><LISTED_ON>2029-01-01</LISTED_ON>` +
    `${p.nationality ? `<NATIONALITY><VALUE>${p.nationality}</VALUE></NATIONALITY>` : ''}${births}${passports}</INDIVIDUAL>`;
}

/** Writes the made-up people as a UN consolidated list in `dir`, and returns its path. */
export function writeIdentityList(dir: string, people: readonly ListedPerson[] = PEOPLE): string {
  const file = path.join(dir, 'un-identities.xml');
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2030-03-01T00:00:00Z"><INDIVIDUALS>` +
      `${people.map(individual).join('\n')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`,
  );
  return file;
}
