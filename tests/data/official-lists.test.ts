import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CuratedEntity } from '../../src/ingest/curated/schema.js';
import { allCitations, loadCuratedDataset, sharedDir } from './curated.js';
import { type ListedEntry, OfacAdvancedList, UnConsolidatedList } from './official-lists.js';

const OFAC_SOURCE = 'ofac-sdn-2025-11-19';
const UN_SOURCE = 'un-sc-2026-02-27';
const ofacFile = path.join(sharedDir, 'data', 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
const unFile = path.join(sharedDir, 'data', 'un', 'UN_consolidated_2026-02-27.xml');

const listsPresent = fs.existsSync(ofacFile) && fs.existsSync(unFile);
if (!listsPresent) console.warn(`SKIPPED: list-derived facts need ${ofacFile} and ${unFile}, which are absent.`);

/** Names compare without case, curly apostrophes or repeated spaces: "CHONGCH'AL CH'ONGGUK" = "Chongch’al Ch’ongguk". */
const normal = (name: string): string => name.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();

const dataset = loadCuratedDataset();
const entities = dataset.entities.map((e) => e.record);

const citesEntry = (citations: { source: string; listEntry?: string | undefined }[], source: string, ref: string): boolean =>
  citations.some((c) => c.source === source && c.listEntry === ref);

/** Differences between a curated entity and the list entry its designations cite. */
function compareWithEntry(entity: CuratedEntity, source: string, entry: ListedEntry, weakFromList: boolean): string[] {
  const problems: string[] = [];
  const designations = entity.designations.filter((d) => d.listRef === entry.ref && citesEntry(d.citations, source, entry.ref));
  const curatedPrograms = [...new Set(designations.map((d) => d.program))].sort();
  if (JSON.stringify(curatedPrograms) !== JSON.stringify([...entry.programs].sort())) {
    problems.push(`programs ${curatedPrograms.join(',')} ≠ listed ${entry.programs.join(',')}`);
  }
  for (const d of designations) {
    if (d.listedOn === undefined || !entry.listedOn.includes(d.listedOn)) {
      problems.push(`${d.program} listedOn ${d.listedOn} ≠ listed ${entry.listedOn.join(',')}`);
    }
  }

  const curatedNames = new Map([[normal(entity.name), 'primary'], ...entity.names.map((n) => [normal(n.name), n.type] as const)]);
  for (const listed of entry.names) {
    const type = curatedNames.get(normal(listed.name));
    if (type === undefined) problems.push(`${listed.role} name "${listed.name}" missing`);
    else if (weakFromList && listed.role === 'aka' && type !== (listed.lowQuality ? 'weak_alias' : 'alias')) {
      problems.push(`a.k.a. "${listed.name}" should be ${listed.lowQuality ? 'weak_alias' : 'alias'}, is ${type}`);
    }
  }
  const listedNames = new Set(entry.names.map((n) => normal(n.name)));
  for (const n of entity.names) {
    if (citesEntry(n.citations, source, entry.ref) && !listedNames.has(normal(n.name))) {
      problems.push(`name "${n.name}" cites ${source} ${entry.ref} but is not in that entry`);
    }
  }

  const curatedAddresses = entity.identifiers.filter((i) => i.type === 'crypto_address');
  for (const a of entry.cryptoAddresses) {
    if (!curatedAddresses.some((i) => i.value === a.value && i.chain === a.chain)) {
      problems.push(`${a.chain} address ${a.value} missing`);
    }
  }
  for (const i of curatedAddresses.filter((c) => citesEntry(c.citations, source, entry.ref))) {
    if (!entry.cryptoAddresses.some((a) => a.value === i.value && a.chain === i.chain)) {
      problems.push(`${i.chain} address ${i.value} cites ${source} ${entry.ref} but is not in that entry`);
    }
  }
  return problems.map((p) => `${entity.id} vs ${source} ${entry.ref}: ${p}`);
}

describe.skipIf(!listsPresent)('facts derived from the official lists match the list files', () => {
  const ofac = listsPresent ? new OfacAdvancedList(ofacFile) : undefined;
  const un = listsPresent ? new UnConsolidatedList(unFile) : undefined;

  it('every sanctions-list source is one of the lists checked here', () => {
    const lists = dataset.sources.map((s) => s.record).filter((s) => s.kind === 'sanctions_list');
    expect(lists.map((s) => s.id).sort()).toEqual([OFAC_SOURCE, UN_SOURCE]);
  });

  it('every list-entry citation names an entry that exists in its list', () => {
    const missing = allCitations(dataset).flatMap(({ fact, citation: c }) => {
      if (c.listEntry === undefined) return [];
      const exists = c.source === OFAC_SOURCE ? ofac?.has(c.listEntry) : c.source === UN_SOURCE ? un?.has(c.listEntry) : false;
      return exists ? [] : [`${fact}: ${c.source} entry ${c.listEntry} not found`];
    });
    expect(missing).toEqual([]);
  });

  it('Lazarus Group has every a.k.a. and digital currency address of OFAC entry 27307', () => {
    const entry = ofac?.entry('27307');
    const lazarus = entities.find((e) => e.id === 'lazarus-group');
    expect(entry?.names.map((n) => n.name)).toContain('Hidden Cobra');
    expect(entry?.cryptoAddresses.length).toBeGreaterThan(0);
    expect(lazarus && entry ? compareWithEntry(lazarus, OFAC_SOURCE, entry, true) : ['missing']).toEqual([]);
  });

  it('every OFAC designation matches its SDN entry: program, date, names, addresses', () => {
    const problems = entities.flatMap((e) =>
      [...new Set(e.designations.filter((d) => d.authority === 'OFAC').map((d) => d.listRef))].flatMap((ref) => {
        const entry = ref === undefined ? undefined : ofac?.entry(ref);
        return entry ? compareWithEntry(e, OFAC_SOURCE, entry, true) : [`${e.id}: OFAC entry ${ref} not found`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('every UN designation matches its consolidated-list entry: program, date, names', () => {
    const problems = entities.flatMap((e) =>
      e.designations
        .filter((d) => d.listRef !== undefined && citesEntry(d.citations, UN_SOURCE, d.listRef))
        .flatMap((d) => {
          const entry = un?.entry(d.listRef ?? '');
          // The UN list does not grade its a.k.a.s the way OFAC does, so name types are not compared.
          return entry ? compareWithEntry(e, UN_SOURCE, entry, false) : [`${e.id}: UN entry ${d.listRef} not found`];
        }),
    );
    expect(problems).toEqual([]);
  });
});
