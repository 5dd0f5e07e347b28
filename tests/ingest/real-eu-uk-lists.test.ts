import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEuXml } from '../../src/ingest/lists/eu-xml.js';
import { openFile } from '../../src/ingest/lists/input.js';
import type { ParsedList } from '../../src/ingest/lists/types.js';
import { parseUkConList } from '../../src/ingest/lists/uk-conlist.js';
import { parseUkFcdoXml } from '../../src/ingest/lists/uk-fcdo-xml.js';
import { parseUnXml } from '../../src/ingest/lists/un-xml.js';
import type { EntityRecord } from '../../src/model.js';
import { qualifier, valuesOf } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = resolve(ROOT, '../shared/data');
const EU_XML = resolve(DATA, 'eu/fsf_2022-03-18.xml.gz');
const EU_DPRK_ANNEX = resolve(DATA, 'eu/32017R1509.csv');
const CONLIST = (date: string, ext: string) => resolve(DATA, `uk/ConList_${date}.${ext}`);
const FCDO_SAMPLE = resolve(DATA, 'uk/fcdo_sample_2026-08-14.xml');
const UN_XML = resolve(DATA, 'un/UN_consolidated_2026-02-27.xml');
const files = [EU_XML, EU_DPRK_ANNEX, CONLIST('2025-04-10', 'xlsx'), CONLIST('2025-04-10', 'csv.gz'), CONLIST('2025-04-14', 'xlsx'), FCDO_SAMPLE, UN_XML];
const absent = files.some((f) => !existsSync(f));
if (absent) console.warn(`SKIPPED: the real EU and UK list tests need the list files in ${DATA}, which is absent`);

const byId = (list: ParsedList, id: string): EntityRecord => {
  const entity = list.entities.find((e) => e.id === id);
  if (!entity) throw new Error(`${id} is not in the list`);
  return entity;
};
const withProgram = (list: ParsedList, test: (program: string) => boolean) =>
  list.entities.filter((e) => e.designations.some((d) => test(d.program)));
const unReferences = (e: EntityRecord) => e.identifiers.filter((i) => i.type === 'un_reference').map((i) => i.value);
/** A name as a set of its words, so that `Ho-jin Yun` (EU XML) and `Yun Ho-jin` (the annex) compare equal. */
const words = (name: string) => [...name.toLowerCase().replace(/['’`]/g, '').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).sort().join(' ');

describe.skipIf(absent)('the real EU Financial Sanctions Files XML of 2022-03-18', () => {
  let list: ParsedList;
  beforeAll(async () => {
    list = await parseEuXml(openFile(EU_XML));
  });

  it('has 1,044 entries for 1,024 parties (20 listed under both AFG and TAQA), 46 of programme PRK', () => {
    expect(list.publishedAt).toBe('2022-03-18');
    expect(list.entities).toHaveLength(1_024);
    const twice = list.entities.filter((e) => e.designations.length === 2);
    expect(twice).toHaveLength(20);
    expect(new Set(twice.map((e) => e.designations.map((d) => d.program).join('+')))).toEqual(new Set(['AFG+TAQA']));
    expect(withProgram(list, (p) => p === 'PRK')).toHaveLength(46);
    // 716 person entries, the 20 listed twice among them.
    expect(list.entities.filter((e) => e.kind === 'person')).toHaveLength(696);
  });

  it('EU.4097.56, Yun Ho-jin, the first DPRK designee', () => {
    expect(byId(list, 'eu-5475')).toEqual({
      id: 'eu-5475',
      kind: 'person',
      name: 'Ho-jin Yun',
      status: 'designated',
      details: { remarks: 'Function: Director of Namchongang Trading Corporation' },
      qualifiers: [qualifier('birth_date', '1944-10-13', '1944-10-13', [{ sourceId: 'eu-fsf-2022-03-18', listEntry: 'EU.4097.56' }], 'day')],
      names: [
        { name: 'Ho-jin Yun', type: 'primary', citations: [{ sourceId: 'eu-fsf-2022-03-18', listEntry: 'EU.4097.56' }] },
        { name: 'Ho-chin Yun', type: 'alias', citations: [{ sourceId: 'eu-fsf-2022-03-18', listEntry: 'EU.4097.56' }] },
      ],
      designations: [
        {
          authority: 'EU',
          list: 'EU Consolidated Financial Sanctions List',
          program: 'PRK',
          listRef: 'EU.4097.56',
          listedOn: '2009-07-16',
          citations: [{ sourceId: 'eu-fsf-2022-03-18', listEntry: 'EU.4097.56', note: 'Regulation 2017/1509 (OJ L224)' }],
        },
      ],
      identifiers: [],
      relations: [],
      citations: [{ sourceId: 'eu-fsf-2022-03-18', listEntry: 'EU.4097.56' }],
    });
  });

  it('names every PRK entry as the DPRK annex of Regulation 2017/1509 does, with the same birth dates', () => {
    const annex = parse(readFileSync(EU_DPRK_ANNEX), { columns: true }) as Record<string, string>[];
    const annexByName = new Map<string, Record<string, string>>();
    for (const row of annex) {
      for (const name of [row.name, ...(row.alias ?? '').split(/;\s*|,\s+/)]) if (name) annexByName.set(words(name), row);
    }
    const prk = withProgram(list, (p) => p === 'PRK');
    const unmatched = prk.filter((e) => !e.names.some((n) => annexByName.has(words(n.name)))).map((e) => e.name);
    // Renamed in the annex since 2022 ("Yongbyon Nuclear Scientific Research Centre") or no longer in it.
    expect(unmatched.sort()).toEqual(['Chol-hae HYON', 'GBAE', 'Kuk-Ryol O', 'Yongbyon Nuclear Research Centre']);
    // The annex writes birth dates `13.10.1944`; every full date of a matched person is one the annex gives.
    const annexDates = (row: Record<string, string>) =>
      (row.birthDate ?? '').split(/,\s*/).map((d) => d.split('.').reverse().map((p) => p.padStart(2, '0')).join('-'));
    let compared = 0;
    for (const person of prk.filter((e) => e.kind === 'person')) {
      const row = person.names.map((n) => annexByName.get(words(n.name))).find((r) => r !== undefined);
      const full = valuesOf(person, 'birth_date').filter((d): d is string => d?.length === 10);
      if (!row || full.length === 0 || !row.birthDate) continue;
      compared++;
      for (const date of full) expect(annexDates(row), person.name).toContain(date);
    }
    expect(compared).toBeGreaterThan(5);
  });
});

describe.skipIf(absent)('the real OFSI Consolidated Lists of 2025-04-10 and 2025-04-14', () => {
  let xlsx: ParsedList;
  beforeAll(async () => {
    xlsx = await parseUkConList(CONLIST('2025-04-10', 'xlsx'));
  }, 60_000);

  it('has 4,686 groups, 239 under the DPRK regime, as the workbook and as its CSV copy alike', async () => {
    expect(xlsx.publishedAt).toBe('2025-04-10');
    expect(xlsx.entities).toHaveLength(4_686);
    expect(withProgram(xlsx, (p) => p === "Democratic People's Republic of Korea")).toHaveLength(239);
    expect(await parseUkConList(CONLIST('2025-04-10', 'csv.gz'))).toEqual(xlsx);
  }, 60_000);

  it('DPR0214, JANG BOM SU: every spelling once, both birth dates, the diplomatic passport, UN reference KPi.016', () => {
    const jang = byId(xlsx, 'uk-13327');
    expect(jang.names.map((n) => `${n.type} ${n.name}`)).toEqual(['primary JANG BOM SU', 'alias Jang HYON U', 'alias Jang POM SU']);
    expect(valuesOf(jang, 'birth_date')).toEqual(['1958-02-22', '1957-04-15']);
    expect(jang.designations.map((d) => [d.list, d.program, d.listRef, d.listedOn])).toEqual([
      ['OFSI Consolidated List of Financial Sanctions Targets', "Democratic People's Republic of Korea", 'DPR0214', '2016-03-02'],
    ]);
    expect(jang.identifiers.map((i) => `${i.type} ${i.value}`)).toEqual(['passport 836110034', 'un_reference KPi.016']);
  });

  it('gives a UN reference for 155 DPRK groups, each one a DPRK entry of the UN list, all 155 of them', async () => {
    const un = await parseUnXml(openFile(UN_XML));
    const unDprk = new Set(withProgram(un, (p) => p === 'DPRK').map((e) => e.designations[0]?.listRef));
    const ukDprk = withProgram(xlsx, (p) => p === "Democratic People's Republic of Korea");
    const referenced = new Set(ukDprk.flatMap(unReferences));
    expect(ukDprk.filter((e) => unReferences(e).length > 0)).toHaveLength(155);
    expect(referenced).toEqual(unDprk);
  });

  it('the 2025-04-14 list adds groups 16856 and 16857', async () => {
    const later = await parseUkConList(CONLIST('2025-04-14', 'xlsx'));
    expect(later.entities).toHaveLength(4_688);
    const before = new Set(xlsx.entities.map((e) => e.id));
    expect(later.entities.filter((e) => !before.has(e.id)).map((e) => e.id)).toEqual(['uk-16856', 'uk-16857']);
  }, 60_000);
});

describe.skipIf(absent)('the real FCDO UK Sanctions List sample of 2026-08-14', () => {
  const sample = () => readFileSync(FCDO_SAMPLE, 'utf8');
  // The sample's fifth record is marked synthetic in the file itself: a designation without its UniqueID.
  const realRecords = () => sample().replace(/<!-- Synthetic[\s\S]*?<\/Designation>/, '');
  const fromText = (text: string) => Readable.from([Buffer.from(text)]);

  it('is refused whole for its synthetic record without a UniqueID', async () => {
    await expect(parseUkFcdoXml(fromText(sample()))).rejects.toThrow('FCDO designation 5 (No Unique Id) has no UniqueID');
  });

  it('its four real designations, the DPRK ship Petrel 8 by its IMO number', async () => {
    const list = await parseUkFcdoXml(fromText(realRecords()));
    expect(list.publishedAt).toBe('2026-08-14');
    expect(list.entities.map((e) => `${e.id} ${e.kind} ${e.name}`)).toEqual([
      'uk-7270 person ABDUL LATIF MANSUR',
      'uk-11050 person AKRAM TURKI HISHAN AL-MAZIDIH',
      'uk-14211 organization Khatiba al-Tawhid wal-Jihad (KTJ)',
      'uk-dpr0075 vessel Petrel 8',
    ]);
    const petrel = byId(list, 'uk-dpr0075');
    expect(petrel.identifiers).toEqual([{ type: 'imo', value: '9562233', citations: [{ sourceId: 'uk-2026-08-14', listEntry: 'DPR0075' }] }]);
    expect(petrel.designations.map((d) => d.program)).toEqual(["The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"]);
    expect(valuesOf(byId(list, 'uk-7270'), 'birth_date')).toEqual(['1968', '1967-11-12']);
    expect(byId(list, 'uk-7270').identifiers.map((i) => i.value)).toEqual(['D0009720', 'D0010442', 'TAi.007']);
  });

  it('keeps the identity, UK reference and UN reference ConList gave the same parties', async () => {
    const fcdo = await parseUkFcdoXml(fromText(realRecords()));
    const conList = await parseUkConList(CONLIST('2025-04-14', 'xlsx'));
    for (const party of fcdo.entities.filter((e) => e.id !== 'uk-dpr0075')) {
      const before = byId(conList, party.id);
      expect(party.designations.map((d) => d.listRef), party.id).toEqual(before.designations.map((d) => d.listRef));
      expect(unReferences(party), party.id).toEqual(unReferences(before));
    }
  }, 60_000);
});
