import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { parseOfacCsv } from '../../src/ingest/lists/ofac-csv.js';
import { citing, fixture, qualifier } from './helpers.js';

const DIR = fixture('ofac-legacy-csv');
const cite = citing('ofac-sdn-2030-03-04');

describe('parseOfacCsv', () => {
  it('parses the four files; the publication date comes from the caller', async () => {
    const list = await parseOfacCsv(DIR, { publishedAt: '2030-03-04' });
    expect(list.datasetId).toBe('ofac-sdn');
    expect(list.source).toEqual({
      id: 'ofac-sdn-2030-03-04',
      kind: 'sanctions_list',
      title: 'OFAC Specially Designated Nationals and Blocked Persons List (legacy CSV)',
      publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
      publishedAt: '2030-03-04',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['ofac-90001', 'ofac-90002', 'ofac-90003']);
  });

  it('an entity: programs, digital currency addresses and a weak a.k.a. from the remarks, f.k.a. from alt.csv', async () => {
    const { entities } = await parseOfacCsv(DIR, { publishedAt: '2030-03-04' });
    const remarks =
      "Digital Currency Address - XBT 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa; alt. Digital Currency Address - ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; a.k.a. 'SILVER FOX TEAM'; Linked To: SEA BREEZE 3.";
    expect(entities[0]).toEqual({
      id: 'ofac-90001',
      kind: 'organization',
      name: 'MOONLIGHT LEDGER BUREAU',
      status: 'designated',
      details: { addresses: ['Harbour Road 7, Nampo, Korea, North'], remarks },
      qualifiers: [qualifier('country', 'KP', 'Korea, North', cite('90001'))],
      names: [
        { name: 'MOONLIGHT LEDGER BUREAU', type: 'primary', citations: cite('90001') },
        { name: 'OFFICE 77', type: 'former', citations: cite('90001') },
        { name: 'SILVER FOX TEAM', type: 'weak_alias', citations: cite('90001') },
      ],
      designations: [
        { authority: 'OFAC', list: 'SDN', program: 'DPRK3', listRef: '90001', citations: cite('90001') },
        { authority: 'OFAC', list: 'SDN', program: 'CYBER2', listRef: '90001', citations: cite('90001') },
      ],
      identifiers: [
        { type: 'crypto_address', value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', chain: 'XBT', citations: cite('90001') },
        { type: 'crypto_address', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', chain: 'ETH', citations: cite('90001') },
      ],
      relations: [{ type: 'associated_with', targetId: 'ofac-90003', citations: cite('90001', 'OFAC: Linked To') }],
      citations: cite('90001'),
    });
  });

  it('a person whose remarks continue in sdn_comments.csv, with a Hangul alias', async () => {
    const { entities } = await parseOfacCsv(DIR, { publishedAt: '2030-03-04' });
    expect(entities[1]).toEqual({
      id: 'ofac-90002',
      kind: 'person',
      name: 'PAK, Song Il',
      status: 'designated',
      details: {
        remarks:
          "DOB 1975 to 1977; nationality Korea, North; Gender Male; Passport 927654321 (Korea, North); a.k.a. 'PAK, Song-il'; Linked To: MOONLIGHT LEDGER BUREAU.",
      },
      qualifiers: [
        qualifier('birth_date', '1975 to 1977', '1975 to 1977', cite('90002'), 'range'),
        qualifier('nationality', 'KP', 'Korea, North', cite('90002')),
        qualifier('country', 'KP', 'Korea, North', cite('90002')),
        qualifier('gender', 'male', 'Male', cite('90002')),
      ],
      names: [
        { name: 'PAK, Song Il', type: 'primary', citations: cite('90002') },
        { name: '박성일', type: 'original_script', script: 'Hang', citations: cite('90002') },
        { name: 'PAK, Song-il', type: 'weak_alias', citations: cite('90002') },
      ],
      designations: [{ authority: 'OFAC', list: 'SDN', program: 'DPRK3', listRef: '90002', citations: cite('90002') }],
      identifiers: [{ type: 'passport', value: '927654321', country: 'Korea, North', citations: cite('90002') }],
      relations: [{ type: 'associated_with', targetId: 'ofac-90001', citations: cite('90002', 'OFAC: Linked To') }],
      citations: cite('90002'),
    });
  });

  it('a vessel: call sign, vessel columns and the IMO number', async () => {
    const { entities } = await parseOfacCsv(DIR, { publishedAt: '2030-03-04' });
    expect(entities[2]).toEqual({
      id: 'ofac-90003',
      kind: 'vessel',
      name: 'SEA BREEZE 3',
      status: 'designated',
      details: { remarks: 'Vessel Type: Tanker; GRT: 2,998; Vessel Flag: Panama; Vessel Registration Identification IMO 9123453.' },
      names: [{ name: 'SEA BREEZE 3', type: 'primary', citations: cite('90003') }],
      designations: [{ authority: 'OFAC', list: 'SDN', program: 'DPRK2', listRef: '90003', citations: cite('90003') }],
      identifiers: [
        { type: 'call_sign', value: 'HMXY7', citations: cite('90003') },
        { type: 'imo', value: '9123453', citations: cite('90003') },
      ],
      relations: [],
      citations: cite('90003'),
    });
  });
});

describe('parseOfacCsv rejects what is not an OFAC legacy CSV set', () => {
  const dirWith = (sdn: string | Buffer): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ofac-csv-'));
    writeFileSync(join(dir, 'sdn.csv'), sdn);
    return dir;
  };
  it.each([
    ['an XML file', '<?xml version="1.0"?>\r\n<Sanctions>\r\n</Sanctions>\r\n', /not an OFAC legacy sdn.csv: row 1 has 1 columns/],
    ['alt.csv given as sdn.csv', '36,12,"aka","AERO-CARIBBEAN",-0- \r\n', /row 1 has 5 columns/],
    ['random bytes', Buffer.from([0x8f, 0x22, 0x13, 0xfe, 0x0a, 0x41, 0x22, 0x2c]), /not an OFAC legacy/],
    ['an empty list', '\u001a', /the list contains no parties/],
  ])('%s', async (_, content, message) => {
    await expect(parseOfacCsv(dirWith(content), { publishedAt: '2030-03-04' })).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseOfacCsv(dirWith(content), { publishedAt: '2030-03-04' })).rejects.toThrow(message);
  });
});
