import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

export const LIST_FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists');
/** Three parties (90001 an organisation, 90002 a person, 90003 a vessel), DateOfIssue 2030-03-04. */
export const OFAC_XML = path.join(LIST_FIXTURES, 'ofac-advanced-sample.xml');
export const UN_XML = path.join(LIST_FIXTURES, 'un-consolidated-sample.xml');

/** Writes the OFAC fixture with `edit` applied as `dir/name`, and returns its path. */
export function ofacVariant(dir: string, name: string, edit: (xml: string) => string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(OFAC_XML, 'utf8')));
  return file;
}

/** The OFAC fixture as published on `day` of March 2030 (its DateOfIssue is the 4th), with `edit` applied. */
export const ofacDated = (dir: string, day: number, edit: (xml: string) => string = (xml) => xml) =>
  ofacVariant(dir, `sdn-2030-03-${day}.xml`, (xml) => {
    const issued = /<DateOfIssue[^>]*>[\s\S]*?<\/DateOfIssue>/.exec(xml)?.[0];
    if (!issued?.includes('<Day>4</Day>')) throw new Error('the fixture no longer carries the DateOfIssue 2030-03-04');
    return edit(xml.replace(issued, issued.replace('<Day>4</Day>', `<Day>${day}</Day>`)));
  });

/** The OFAC fixture without party `ref`: its profile, its sanctions entry and the relationships naming it. */
export const withoutParty = (xml: string, ref: string) =>
  xml
    .replace(new RegExp(`<DistinctParty FixedRef="${ref}">[\\s\\S]*?</DistinctParty>`), '')
    .replace(new RegExp(`<SanctionsEntry ID="${ref}" [\\s\\S]*?</SanctionsEntry>`), '')
    .replace(new RegExp(`<ProfileRelationship ID="\\d+" [^>]*ProfileID="${ref}"[\\s\\S]*?</ProfileRelationship>`, 'g'), '');

/** A UN list of `n` individuals written like the sample, dated 2030-03-01: large enough that writing it takes a while. */
export function largeUnList(n: number): string {
  const people = Array.from(
    { length: n },
    (_, i) => `<INDIVIDUAL><DATAID>${8_000_000 + i}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>PERSON${i}</FIRST_NAME>` +
      `<SECOND_NAME>NAME${i % 977}</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.${100_000 + i}</REFERENCE_NUMBER>` +
      `<LISTED_ON>2029-01-01</LISTED_ON><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>ALIAS ${i} OF PERSON</ALIAS_NAME></INDIVIDUAL_ALIAS>` +
      `<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>P${i}</NUMBER></INDIVIDUAL_DOCUMENT></INDIVIDUAL>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2030-03-01T00:00:00Z"><INDIVIDUALS>${people.join('\n')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
}

