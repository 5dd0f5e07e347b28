import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalAddress, parseAddress } from '../../src/addresses/index.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseOfacCsv } from '../../src/ingest/lists/ofac-csv.js';
import { parseOfacXml } from '../../src/ingest/lists/ofac-xml.js';
import type { ParsedList } from '../../src/ingest/lists/types.js';
import { parseUnXml } from '../../src/ingest/lists/un-xml.js';
import type { EntityRecord } from '../../src/model.js';
import { qualifier, valuesOf } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = resolve(ROOT, '../shared/data');
const OFAC_XML = resolve(DATA, 'ofac/sdn_advanced_2025-11-19.xml.gz');
const UN_XML = resolve(DATA, 'un/UN_consolidated_2026-02-27.xml');
const absent = !existsSync(OFAC_XML) || !existsSync(UN_XML);
if (absent) console.warn(`SKIPPED: the real-list tests need the official list files in ${DATA}, which is absent`);

// Parsed once and shared by the suites below: the OFAC file takes a few seconds.
let ofacList: Promise<ParsedList> | undefined;
const realOfacList = (): Promise<ParsedList> => (ofacList ??= parseOfacXml(openFile(OFAC_XML)));

const byId = (list: ParsedList, id: string): EntityRecord => {
  const entity = list.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`${id} is not in the list`);
  return entity;
};

// The two digital currency addresses of the 2025-11-19 SDN list that are not valid for the chain they are listed
// under: a Tron address listed as XBT, and a 64-hex-digit value (a key or transaction hash) listed as XMR.
const KNOWN_INVALID_LIST_ADDRESSES = [
  'XBT TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq',
  'XMR 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320',
];

/** The address with its middle character replaced by the next character of the same kind. */
function oneCharacterOff(address: string): string {
  const i = Math.floor(address.length / 2);
  const c = address.charAt(i);
  const next = /[0-9]/.test(c) ? String((Number(c) % 8) + 2) : c === 'z' || c === 'Z' ? 'x' : String.fromCharCode(c.charCodeAt(0) + 1);
  const replacement = next === 'l' || next === 'I' || next === 'O' || next === 'b' || next === 'i' || next === 'o' ? 'x' : next;
  return address.slice(0, i) + replacement + address.slice(i + 1);
}

describe.skipIf(absent)('the real OFAC SDN advanced XML of 2025-11-19', () => {
  let list: ParsedList;
  beforeAll(async () => {
    list = await realOfacList();
  });

  it('has 18,367 parties, published 2025-11-19', () => {
    expect(list.entities).toHaveLength(18_367);
    expect(list.source.id).toBe('ofac-sdn-2025-11-19');
    expect(new Set(list.entities.map((e) => e.id)).size).toBe(18_367);
  });

  it('YUN, Ho-Jin (12218): born 1944-10-13, a KP national; every printed birth date of the list is read', () => {
    expect(valuesOf(byId(list, 'ofac-12218'), 'birth_date')).toEqual(['1944-10-13']);
    expect(valuesOf(byId(list, 'ofac-12218'), 'nationality')).toEqual(['KP']);
    const dates = list.entities.flatMap((e) => (e.qualifiers ?? []).filter((q) => q.field === 'birth_date'));
    expect(dates).toHaveLength(7_983);
    expect(dates.filter((q) => q.value === undefined)).toEqual([]);
  });

  it('Lazarus Group (27307): its a.k.a.s, address, program and Ethereum addresses', () => {
    const lazarus = byId(list, 'ofac-27307');
    expect(lazarus.name).toBe('Lazarus Group');
    expect(lazarus.kind).toBe('organization');
    expect(lazarus.names.filter((n) => n.type === 'weak_alias').map((n) => n.name)).toEqual([
      'Hidden Cobra', 'Office 91', 'Guardians of Peace', 'The New Romantic Cyber Army Team', 'WhoIs Hacking Team',
      'Red Dot', 'TEMP.Hermit', 'Group 77', 'Zinc', 'APT-C-26', 'Appleworm',
    ]);
    expect(lazarus.details?.addresses).toEqual(['Potonggang District, Pyongyang, Korea, North']);
    expect(lazarus.designations.map((d) => [d.list, d.program, d.listedOn])).toEqual([['SDN', 'DPRK3', '2019-09-13']]);
    const addresses = lazarus.identifiers.filter((i) => i.type === 'crypto_address');
    expect(addresses).toHaveLength(8);
    expect(addresses[0]).toEqual({
      type: 'crypto_address',
      value: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
      chain: 'ETH',
      citations: [{ sourceId: 'ofac-sdn-2025-11-19', listEntry: '27307' }],
    });
  });

  it('every relation points at a party on the list', () => {
    const ids = new Set(list.entities.map((e) => e.id));
    const targets = list.entities.flatMap((e) => e.relations.map((r) => r.targetId));
    expect(targets.length).toBeGreaterThan(7_000);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
  });

  it('every digital currency address validates for its chain, except the two listed in error', () => {
    const listed = list.entities.flatMap((e) => e.identifiers.filter((i) => i.type === 'crypto_address'));
    expect(listed.length).toBeGreaterThan(750);
    const invalid = listed.filter((i) => !canonicalAddress(i.value, i.chain).validated).map((i) => `${i.chain} ${i.value}`);
    expect(invalid.sort()).toEqual([...KNOWN_INVALID_LIST_ADDRESSES].sort());
  });

  it('an address one character off never validates as, or equals, a checksummed list address', () => {
    const listed = list.entities.flatMap((e) => e.identifiers.filter((i) => i.type === 'crypto_address'));
    for (const { value, chain } of listed) {
      const original = canonicalAddress(value, chain);
      if (!original.validated) continue;
      const off = oneCharacterOff(value);
      const parsedOff = (() => {
        try {
          return parseAddress(off, chain);
        } catch {
          return undefined;
        }
      })();
      const checksummed = parseAddress(value, chain).checksummed;
      if (checksummed) expect(parsedOff, `${chain} ${value} → ${off}`).toBeUndefined();
      else expect(parsedOff?.canonical, `${chain} ${value} → ${off}`).not.toBe(original.canonical);
    }
  });
});

describe.skipIf(absent)('the real UN Security Council Consolidated List of 2026-02-27', () => {
  let list: ParsedList;
  beforeAll(async () => {
    list = await parseUnXml(openFile(UN_XML));
  });

  it('has 1,003 entries, 155 of them under the DPRK regime', () => {
    expect(list.entities).toHaveLength(1_003);
    expect(list.entities.filter((e) => e.designations.some((d) => d.program === 'DPRK'))).toHaveLength(155);
    expect(list.source.id).toBe('un-sc-2026-02-27');
  });

  const UN_KPI_001 = [{ sourceId: 'un-sc-2026-02-27', listEntry: 'KPi.001' }];

  it('its DPRK individuals (KPi.*) carry their birth dates, every one read', () => {
    const kpi = list.entities.filter((e) => e.id.startsWith('un-kpi.'));
    expect(kpi).toHaveLength(80);
    expect(kpi.filter((e) => valuesOf(e, 'birth_date').length > 0)).toHaveLength(72);
    expect(kpi.flatMap((e) => valuesOf(e, 'birth_date')).filter((v) => v === undefined)).toEqual([]);
  });

  it('KPi.001, YUN HO-JIN', () => {
    expect(byId(list, 'un-kpi.001')).toEqual({
      id: 'un-kpi.001',
      kind: 'person',
      name: 'YUN HO-JIN',
      status: 'designated',
      details: {
        addresses: ["Pyongyang, Democratic People's Republic of Korea"],
        remarks:
          'Director of Namchongang Trading Corporation; oversees the import of items needed for the uranium enrichment program.; Designation: Director of Namchongang Trading Corporation',
      },
      qualifiers: [
        qualifier('birth_date', '1944-10-13', '1944-10-13', UN_KPI_001, 'day'),
        qualifier('nationality', 'KP', "Democratic People's Republic of Korea", UN_KPI_001),
        qualifier('country', 'KP', "Democratic People's Republic of Korea", UN_KPI_001),
      ],
      names: [
        { name: 'YUN HO-JIN', type: 'primary', citations: [{ sourceId: 'un-sc-2026-02-27', listEntry: 'KPi.001' }] },
        { name: 'Yun Ho-chin', type: 'alias', citations: [{ sourceId: 'un-sc-2026-02-27', listEntry: 'KPi.001' }] },
      ],
      designations: [
        {
          authority: 'UN',
          list: 'UN Security Council Consolidated List',
          program: 'DPRK',
          listRef: 'KPi.001',
          listedOn: '2009-07-16',
          citations: [{ sourceId: 'un-sc-2026-02-27', listEntry: 'KPi.001' }],
        },
      ],
      identifiers: [],
      relations: [],
      citations: [{ sourceId: 'un-sc-2026-02-27', listEntry: 'KPi.001' }],
    });
  });

  it('shares IMO numbers with the OFAC list, so the lists can be linked', async () => {
    const ofac = await realOfacList();
    const imoOf = (l: ParsedList) => new Set(l.entities.flatMap((e) => e.identifiers.filter((i) => i.type === 'imo').map((i) => i.value)));
    const un = imoOf(list);
    const shared = [...imoOf(ofac)].filter((n) => un.has(n));
    expect(un.size).toBe(16);
    expect(shared.length).toBe(16);
  });
});

describe.skipIf(absent)('the real OFAC legacy CSV sets', () => {
  it('the July 2021 set has 8,976 entries, Lazarus Group among them', async () => {
    const list = await parseOfacCsv(resolve(DATA, 'ofac/legacy_csv_2021-07'), { publishedAt: '2021-07-01' });
    expect(list.entities).toHaveLength(8_976);
    const lazarus = byId(list, 'ofac-27307');
    expect(lazarus.name).toBe('LAZARUS GROUP');
    expect(lazarus.names.filter((n) => n.type === 'weak_alias')).toHaveLength(11);
  });

  it('the 2025 sample: every digital currency address in the remarks validates', async () => {
    const list = await parseOfacCsv(resolve(DATA, 'ofac/legacy_csv_sample_2025-05'), { publishedAt: '2025-05-01' });
    expect(list.entities).toHaveLength(17);
    const listed = list.entities.flatMap((e) => e.identifiers.filter((i) => i.type === 'crypto_address'));
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((i) => !canonicalAddress(i.value, i.chain).validated)).toEqual([]);
  });
});
