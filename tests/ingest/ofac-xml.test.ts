import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseOfacXml } from '../../src/ingest/lists/ofac-xml.js';
import { citing, fixture, fromText, qualifier } from './helpers.js';

const SAMPLE = fixture('ofac-advanced-sample.xml');
const cite = citing('ofac-sdn-2030-03-04');

describe('parseOfacXml', () => {
  it('reads the publication date and the source', async () => {
    const list = await parseOfacXml(openFile(SAMPLE));
    expect(list.datasetId).toBe('ofac-sdn');
    expect(list.publishedAt).toBe('2030-03-04');
    expect(list.source).toEqual({
      id: 'ofac-sdn-2030-03-04',
      kind: 'sanctions_list',
      title: 'OFAC Specially Designated Nationals and Blocked Persons List (advanced XML)',
      publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
      publishedAt: '2030-03-04',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['ofac-90001', 'ofac-90002', 'ofac-90003']);
  });

  it('an organisation with a weak a.k.a., an f.k.a., two programs, an address and digital currency addresses', async () => {
    const { entities } = await parseOfacXml(openFile(SAMPLE));
    expect(entities[0]).toEqual({
      id: 'ofac-90001',
      kind: 'organization',
      name: 'Moonlight Ledger Bureau',
      status: 'designated',
      details: { addresses: ['Harbour Road 7, Nampo, Korea, North'] },
      qualifiers: [qualifier('country', 'KP', 'Korea, North', cite('90001'))],
      names: [
        { name: 'Moonlight Ledger Bureau', type: 'primary', citations: cite('90001') },
        { name: 'Silver Fox Team', type: 'weak_alias', citations: cite('90001') },
        { name: 'Office 77', type: 'former', citations: cite('90001') },
      ],
      designations: [
        { authority: 'OFAC', list: 'SDN', program: 'DPRK3', listRef: '90001', listedOn: '2029-09-13', citations: cite('90001') },
        { authority: 'OFAC', list: 'SDN', program: 'CYBER2', listRef: '90001', listedOn: '2029-09-13', citations: cite('90001') },
      ],
      identifiers: [
        { type: 'crypto_address', value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', chain: 'XBT', citations: cite('90001') },
        { type: 'crypto_address', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', chain: 'ETH', citations: cite('90001') },
      ],
      relations: [],
      citations: cite('90001'),
    });
  });

  it('a person: list-form name, Hangul original, birth-year range, nationality, passport, relation', async () => {
    const { entities } = await parseOfacXml(openFile(SAMPLE));
    expect(entities[1]).toEqual({
      id: 'ofac-90002',
      kind: 'person',
      name: 'PAK, Song Il',
      status: 'designated',
      details: { remarks: "Head of the bureau's foreign desk." },
      qualifiers: [
        qualifier('birth_date', '1975 to 1977', '1975 to 1977', cite('90002'), 'range'),
        qualifier('nationality', 'KP', 'Korea, North', cite('90002')),
        qualifier('gender', 'male', 'Male', cite('90002')),
      ],
      names: [
        { name: 'PAK, Song Il', type: 'primary', citations: cite('90002') },
        { name: '박성일', type: 'original_script', script: 'Hang', citations: cite('90002') },
        { name: 'PAK, Song-il', type: 'alias', citations: cite('90002') },
      ],
      designations: [
        { authority: 'OFAC', list: 'SDN', program: 'DPRK3', listRef: '90002', listedOn: '2029-10-01', citations: cite('90002') },
      ],
      identifiers: [{ type: 'passport', value: '927654321', country: 'Korea, North', citations: cite('90002') }],
      relations: [{ type: 'affiliated_with', targetId: 'ofac-90001', citations: cite('90002', 'OFAC: Providing support to') }],
      citations: cite('90002'),
    });
  });

  it('a vessel with its IMO number, controlled by the party that "owns, controls, or operates" it', async () => {
    const { entities } = await parseOfacXml(openFile(SAMPLE));
    expect(entities[2]).toEqual({
      id: 'ofac-90003',
      kind: 'vessel',
      name: 'SEA BREEZE 3',
      status: 'designated',
      details: { remarks: 'Vessel Flag: Panama; VESSEL TYPE: Tanker' },
      names: [{ name: 'SEA BREEZE 3', type: 'primary', citations: cite('90003') }],
      designations: [
        { authority: 'OFAC', list: 'SDN', program: 'DPRK2', listRef: '90003', listedOn: '2029-10-01', citations: cite('90003') },
      ],
      identifiers: [{ type: 'imo', value: '9123453', citations: cite('90003') }],
      relations: [
        { type: 'controlled_by', targetId: 'ofac-90001', citations: cite('90001', 'OFAC: Owns, controls, or operates (read inversely)') },
      ],
      citations: cite('90003'),
    });
  });

  it('openFile gunzips a list recognised by its gzip magic bytes; progress is reported', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ofac-')), 'sdn_advanced.xml');
    writeFileSync(path, gzipSync(readFileSync(SAMPLE)));
    const progress: number[] = [];
    const list = await parseOfacXml(openFile(path), { onProgress: (n) => progress.push(n) });
    expect(list.entities).toHaveLength(3);
    expect(progress).toEqual([3]);
  });
});

describe('parseOfacXml rejects what is not a complete OFAC advanced XML list', () => {
  const sample = readFileSync(SAMPLE, 'utf8');

  it.each([
    ['the UN list', readFileSync(fixture('un-consolidated-sample.xml'), 'utf8'), /root element is CONSOLIDATED_LIST/],
    ['a CSV file', readFileSync(fixture('ofac-legacy-csv/sdn.csv')), /not an OFAC SDN advanced XML document: the input is not XML/],
    ['random bytes', Buffer.from([0x8f, 0x00, 0x13, 0xfe, 0x41, 0x3c, 0x7f]), /not an OFAC SDN advanced XML document/],
    ['an empty file', '', /the input is empty/],
    ['a document cut short', sample.slice(0, sample.indexOf('<DistinctParty FixedRef="90003">') + 200), /unexpected end of input: the XML document is truncated after 2 parties/],
    ['a list without parties', sample.replace(/<DistinctParties>[\s\S]*<\/DistinctParties>/, '<DistinctParties />').replace(/<ProfileRelationships>[\s\S]*<\/ProfileRelationships>/, ''), /the list contains no parties/],
    ['a document of another namespace', sample.replace('exports/ADVANCED_XML', 'exports/OTHER'), /unknown namespace/],
  ])('%s', async (_, content, message) => {
    const parsing = parseOfacXml(fromText(content));
    await expect(parsing).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseOfacXml(fromText(content))).rejects.toThrow(message);
  });

  it('a truncated gzip file', async () => {
    const gz = gzipSync(readFileSync(SAMPLE));
    const input = fromText(gz.subarray(0, Math.floor(gz.length / 2))).pipe(createGunzip());
    await expect(parseOfacXml(input)).rejects.toThrow(/unexpected end of input/);
  });
});
