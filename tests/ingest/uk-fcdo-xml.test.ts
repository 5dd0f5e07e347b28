import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseUkFcdoXml } from '../../src/ingest/lists/uk-fcdo-xml.js';
import { citing, fixture, fromText, qualifier } from './helpers.js';

const SAMPLE = fixture('uk-fcdo-sample.xml');
const cite = citing('uk-2030-08-15');
const DPRK_REGULATIONS = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019";
const designation = (ref: string, listedOn: string) => ({
  authority: 'UK',
  list: 'UK Sanctions List',
  program: DPRK_REGULATIONS,
  listRef: ref,
  listedOn,
  citations: cite(ref),
});

describe('parseUkFcdoXml', () => {
  it('dates the list by its DateGenerated element, and identifies parties by OFSI Group ID, else UniqueID', async () => {
    const list = await parseUkFcdoXml(openFile(SAMPLE));
    expect(list.datasetId).toBe('uk');
    expect(list.publishedAt).toBe('2030-08-15');
    expect(list.source).toEqual({
      id: 'uk-2030-08-15',
      kind: 'sanctions_list',
      title: 'UK Sanctions List',
      publisher: 'Foreign, Commonwealth & Development Office',
      publishedAt: '2030-08-15',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['uk-90001', 'uk-dpr9005', 'uk-90004']);
  });

  it('a DPRK individual: primary name and its variation, aliases of both strengths, Hangul name, documents, UN reference', async () => {
    const { entities } = await parseUkFcdoXml(openFile(SAMPLE));
    expect(entities[0]).toEqual({
      id: 'uk-90001',
      kind: 'person',
      name: 'KIM CHOL SU',
      status: 'designated',
      details: {
        addresses: ['Harbour Street 1, Nampo, North Korea'],
        remarks:
          'Listed as a trade representative of a designated entity.; Title: Mr; Position: Trade representative; Sanctions imposed: Asset freeze, Travel Ban; Designation source: UN',
      },
      qualifiers: [
        qualifier('birth_date', '1970-01-02', '02/01/1970', cite('DPR9001'), 'day'),
        qualifier('birth_date', '1971', 'dd/mm/1971', cite('DPR9001'), 'year'),
        qualifier('birth_place', 'KP', 'Hamhung, North Korea', cite('DPR9001')),
        qualifier('nationality', 'KP', 'North Korea', cite('DPR9001')),
        qualifier('country', 'KP', 'North Korea', cite('DPR9001')),
        qualifier('gender', 'male', 'Male', cite('DPR9001')),
      ],
      names: [
        { name: 'KIM CHOL SU', type: 'primary', citations: cite('DPR9001') },
        { name: 'KIM CHOL-SU', type: 'alias', citations: cite('DPR9001') },
        { name: 'Kim Chol SOO', type: 'alias', citations: cite('DPR9001') },
        { name: 'Mr. Kim', type: 'weak_alias', citations: cite('DPR9001') },
        { name: '김철수', type: 'original_script', script: 'Hang', citations: cite('DPR9001') },
      ],
      designations: [designation('DPR9001', '2029-07-16')],
      identifiers: [
        { type: 'passport', value: '836410999', citations: cite('DPR9001', 'Diplomatic passport, expires 1 January 2031') },
        { type: 'national_id', value: '0075258', citations: cite('DPR9001') },
        { type: 'un_reference', value: 'KPi.901', citations: cite('DPR9001') },
      ],
      relations: [],
      citations: cite('DPR9001'),
    });
  });

  it('a ship without an OFSI Group ID: its IMO number as the bare number, its ship details in the remarks', async () => {
    const { entities } = await parseUkFcdoXml(openFile(SAMPLE));
    expect(entities[1]).toEqual({
      id: 'uk-dpr9005',
      kind: 'vessel',
      name: 'Northern Light 5',
      status: 'designated',
      details: {
        remarks:
          'Conducted ship-to-ship transfers of refined petroleum.; Current owner/operator: Ocean Star Shipping Company; Current believed flag: Comoros; Type of ship: Oil tanker; Year built: 1999; Sanctions imposed: Prohibition of port entry; Designation source: UN',
      },
      names: [
        { name: 'Northern Light 5', type: 'primary', citations: cite('DPR9005') },
        { name: 'Aurora Five', type: 'alias', citations: cite('DPR9005') },
      ],
      designations: [designation('DPR9005', '2029-03-30')],
      identifiers: [{ type: 'imo', value: '9990005', citations: cite('DPR9005') }],
      relations: [],
      citations: cite('DPR9005'),
    });
  });

  it('an entity: registration number, statement of reasons, contact details, parent company', async () => {
    const { entities } = await parseUkFcdoXml(openFile(SAMPLE));
    expect(entities[2]).toEqual({
      id: 'uk-90004',
      kind: 'organization',
      name: 'Ocean Star Shipping Company',
      status: 'designated',
      qualifiers: [qualifier('country', 'KP', 'North Korea', cite('DPR9004'))],
      details: {
        remarks:
          'UK statement of reasons: Owns vessels used to evade sanctions.; Type of entity: Shipping company; Parent company: Korea Ocean Holdings; Phone: +850 2 000 0000; Email: ocean@example.org; Sanctions imposed: Asset freeze; Designation source: UK',
      },
      names: [{ name: 'Ocean Star Shipping Company', type: 'primary', citations: cite('DPR9004') }],
      designations: [designation('DPR9004', '2030-03-07')],
      identifiers: [{ type: 'registration_number', value: '5912345', citations: cite('DPR9004') }],
      relations: [],
      citations: cite('DPR9004'),
    });
  });

  it('dates and cites designations read before the DateGenerated element by that element', async () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const printed = /<DateGenerated>.*<\/DateGenerated>/.exec(sample)?.[0] ?? '';
    const dateLast = sample.replace(printed, '').replace('</Designations>', `${printed}</Designations>`);
    expect(await parseUkFcdoXml(fromText(dateLast))).toEqual(await parseUkFcdoXml(openFile(SAMPLE)));
  });

  it('dates the list by the root dateGenerated when the DateGenerated element is missing', async () => {
    const sample = readFileSync(SAMPLE, 'utf8').replace(/<DateGenerated>.*<\/DateGenerated>/, '');
    expect((await parseUkFcdoXml(fromText(sample))).publishedAt).toBe('2030-08-14');
  });
});

describe('parseUkFcdoXml rejects what is not a complete FCDO UK Sanctions List', () => {
  const sample = readFileSync(SAMPLE, 'utf8');
  it.each([
    ['the EU list', readFileSync(fixture('eu-fsf-sample.xml'), 'utf8'), /root element is export/],
    ['a document cut short', sample.slice(0, sample.indexOf('<UniqueID>DPR9004') + 30), /truncated after 2 designations/],
    ['a list of no designations', '<Designations dateGenerated="2030-01-01T00:00:00Z"><DateGenerated>01/01/2030</DateGenerated></Designations>', /the list contains no parties/],
    ['a list without its date', sample.replace(/<DateGenerated>.*<\/DateGenerated>/, '').replace(/dateGenerated="[^"]*"/, ''), /no DateGenerated date/],
    ['a designation without its UniqueID', sample.replace('<UniqueID>DPR9005</UniqueID>', ''), /FCDO designation 2 \(Northern Light 5\) has no UniqueID/],
    ['a party of an unknown type', sample.replace('<IndividualEntityShip>Ship<', '<IndividualEntityShip>Aircraft<'), /DPR9005: unknown party type "Aircraft"/],
    ['one OFSI group twice', sample.replace('<OFSIGroupID>90004</OFSIGroupID>', '<OFSIGroupID>90001</OFSIGroupID>'), /party uk-90001 .* appears twice/],
  ])('%s', async (_, content, message) => {
    await expect(parseUkFcdoXml(fromText(content))).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseUkFcdoXml(fromText(content))).rejects.toThrow(message);
  });
});
