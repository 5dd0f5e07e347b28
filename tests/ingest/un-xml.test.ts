import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseUnXml } from '../../src/ingest/lists/un-xml.js';
import { citing, fixture, fromText, qualifier } from './helpers.js';

const SAMPLE = fixture('un-consolidated-sample.xml');
const cite = citing('un-sc-2030-02-27');
const KOREA = "Democratic People's Republic of Korea";
const designation = (program: string, ref: string, listedOn: string) => ({
  authority: 'UN',
  list: 'UN Security Council Consolidated List',
  program,
  listRef: ref,
  listedOn,
  citations: cite(ref),
});

describe('parseUnXml', () => {
  it('reads the generation date as the publication date', async () => {
    const list = await parseUnXml(openFile(SAMPLE));
    expect(list.datasetId).toBe('un-sc');
    expect(list.publishedAt).toBe('2030-02-27');
    expect(list.source).toEqual({
      id: 'un-sc-2030-02-27',
      kind: 'sanctions_list',
      title: 'UN Security Council Consolidated List',
      publisher: 'United Nations Security Council',
      publishedAt: '2030-02-27',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['un-kpi.901', 'un-qdi.999', 'un-kpe.901']);
  });

  it('an individual: original-script name, good and low-quality aliases, birth-year range, passport', async () => {
    const { entities } = await parseUnXml(openFile(SAMPLE));
    expect(entities[0]).toEqual({
      id: 'un-kpi.901',
      kind: 'person',
      name: 'KIM CHOL SU',
      status: 'designated',
      details: {
        addresses: [`Pyongyang, ${KOREA}`],
        remarks: 'Representative of a trading company; arranged shipments of restricted goods.; Designation: Trade representative',
      },
      qualifiers: [
        qualifier('birth_date', '1970 to 1971', 'BETWEEN 1970 and 1971', cite('KPi.901'), 'range'),
        qualifier('birth_place', 'KP', `Hamhung, ${KOREA}`, cite('KPi.901')),
        qualifier('nationality', 'KP', KOREA, cite('KPi.901')),
        qualifier('country', 'KP', KOREA, cite('KPi.901')),
      ],
      names: [
        { name: 'KIM CHOL SU', type: 'primary', citations: cite('KPi.901') },
        { name: '김철수', type: 'original_script', script: 'Hang', citations: cite('KPi.901') },
        { name: 'Kim Chol-su', type: 'alias', citations: cite('KPi.901') },
        { name: 'Mr. Su', type: 'weak_alias', citations: cite('KPi.901') },
      ],
      designations: [designation('DPRK', 'KPi.901', '2029-07-16')],
      identifiers: [{ type: 'passport', value: '836410123', country: KOREA, citations: cite('KPi.901', 'Expires 2031-01-01') }],
      relations: [],
      citations: cite('KPi.901'),
    });
  });

  it('an individual with empty optional elements', async () => {
    const { entities } = await parseUnXml(openFile(SAMPLE));
    expect(entities[1]).toEqual({
      id: 'un-qdi.999',
      kind: 'person',
      name: 'JOHN EXAMPLE',
      status: 'designated',
      qualifiers: [qualifier('birth_date', '1980-05-06', '1980-05-06', cite('QDi.999'), 'day')],
      names: [{ name: 'JOHN EXAMPLE', type: 'primary', citations: cite('QDi.999') }],
      designations: [designation('Al-Qaida', 'QDi.999', '2020-01-02')],
      identifiers: [],
      relations: [],
      citations: cite('QDi.999'),
    });
  });

  it('an entity: a.k.a. and f.k.a., and the IMO number its comments give', async () => {
    const { entities } = await parseUnXml(openFile(SAMPLE));
    expect(entities[2]).toEqual({
      id: 'un-kpe.901',
      kind: 'organization',
      name: 'OCEAN STAR SHIPPING COMPANY',
      status: 'designated',
      details: {
        addresses: [`Harbour District, Nampo, ${KOREA}`],
        remarks: 'Registered owner of a tanker used in ship-to-ship transfers. IMO number: 5912345.',
      },
      qualifiers: [qualifier('country', 'KP', KOREA, cite('KPe.901'))],
      names: [
        { name: 'OCEAN STAR SHIPPING COMPANY', type: 'primary', citations: cite('KPe.901') },
        { name: 'OCEAN STAR SHIPPING CO LTD', type: 'alias', citations: cite('KPe.901') },
        { name: 'BLUE WAVE MARINE', type: 'former', citations: cite('KPe.901') },
      ],
      designations: [designation('DPRK', 'KPe.901', '2029-03-30')],
      identifiers: [{ type: 'imo', value: '5912345', citations: cite('KPe.901') }],
      relations: [],
      citations: cite('KPe.901'),
    });
  });
});

describe('parseUnXml rejects what is not a complete UN consolidated list', () => {
  const sample = readFileSync(SAMPLE, 'utf8');
  it.each([
    ['the OFAC list', readFileSync(fixture('ofac-advanced-sample.xml'), 'utf8'), /root element is Sanctions/],
    ['a CSV file', readFileSync(fixture('ofac-legacy-csv/alt.csv')), /the input is not XML/],
    ['a document cut short', sample.slice(0, sample.indexOf('<ENTITY>') + 50), /truncated after 2 entries/],
    ['a list without entries', '<CONSOLIDATED_LIST dateGenerated="2030-01-01T00:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>', /the list contains no parties/],
    ['a list without its date', sample.replace(/dateGenerated="[^"]*"/, ''), /no dateGenerated date/],
  ])('%s', async (_, content, message) => {
    await expect(parseUnXml(fromText(content))).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseUnXml(fromText(content))).rejects.toThrow(message);
  });
});
