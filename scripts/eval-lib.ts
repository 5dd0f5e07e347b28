/**
 * The name-matching evaluation on ../shared/eval (README.md there describes the sets). Reads
 * files, runs the matcher, returns figures; scripts/eval.ts prints them and
 * tests/matching/eval.test.ts holds them to floors.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCuratedDataset } from '../src/ingest/curated/load.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { createGunzip } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DEFAULT_THRESHOLD, comparePrepared, prepareListedName, prepareName, type NameKind, type PreparedName } from '../src/matching/index.js';
import { quality, tally, type Confusion, type Quality } from '../src/matching/evaluation.js';

export interface EvaluationReport {
  threshold: number;
  namePairs: { overall: Quality; byQuality: Record<string, Quality>; bySchema: Record<string, Quality>; strongWrong: string[] };
  dprkPersons: { recall: number; yesRows: number; rejected: number; noRows: number };
  crossScript: { found: number; rows: number; misses: string[] };
  negatives: { share: number; rows: number; candidates: number; curatedHits: string[] };
  ofac: { within5: number; rows: number };
  microsPerComparison: number;
}

/** Every name of every flagged entity of the curated dataset in data/, with its entity's kind. */
export function curatedCandidates(dataDir = join(PROJECT_ROOT, 'data')): [string, NameKind][] {
  return loadCuratedDataset(dataDir)
    .entities.filter((e) => e.status !== 'unflagged')
    .flatMap((e) => [e.name, ...e.names.map((n) => n.name)].map((name): [string, NameKind] => [name, e.kind]));
}

export const SCHEMA_KINDS: Readonly<Record<string, NameKind>> = {
  Person: 'person', Individual: 'person', Company: 'organization', Organization: 'organization',
  LegalEntity: 'organization', Entity: 'organization', Vessel: 'vessel',
};

export function readCsv(path: string, header = true): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').split('\n').filter((line) => !line.startsWith('#')).join('\n');
  const columns = header ? true : ['query', 'expected', 'minScore', 'description'];
  return parseCsv(text, { columns, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
}

/** The score of a query against a listed name, each prepared as screening prepares it. */
export function score(query: string, listed: string, kind: NameKind): number {
  return comparePrepared(prepareName(query, kind), prepareListedName(listed, kind)).score;
}

function evaluateNamePairs(evalDir: string, threshold: number): EvaluationReport['namePairs'] {
  const confusions = new Map<string, Confusion>();
  const strongWrong: string[] = [];
  for (const row of readCsv(join(evalDir, 'name_pairs_dev.csv'))) {
    const kind = SCHEMA_KINDS[row.schema ?? ''] ?? 'any';
    const expected = row.is_match === 'true';
    const predicted = score(row.name1 ?? '', row.name2 ?? '', kind) >= threshold;
    for (const group of ['overall', `quality:${row.quality}`, `schema:${kind}`]) tally(confusions, group, expected, predicted);
    if (row.quality === 'STRONG' && expected !== predicted) strongWrong.push(`${row.name1} | ${row.name2}`);
  }
  const pick = (prefix: string): Record<string, Quality> =>
    Object.fromEntries([...confusions].filter(([k]) => k.startsWith(prefix)).map(([k, c]) => [k.slice(prefix.length), quality(c)]));
  return { overall: quality(confusions.get('overall') ?? { tp: 0, fp: 0, fn: 0, tn: 0 }), byQuality: pick('quality:'), bySchema: pick('schema:'), strongWrong };
}

function evaluateDprkPersons(evalDir: string, threshold: number): EvaluationReport['dprkPersons'] {
  const rows = readCsv(join(evalDir, 'dprk_name_pairs_dev.csv')).filter((row) => row.entity_type === 'Individual');
  const scored = rows.map((row) => ({ row, matched: score(row.query ?? '', row.candidate ?? '', 'person') >= threshold }));
  const yes = scored.filter(({ row }) => row.expected_match === 'yes');
  const no = scored.filter(({ row }) => row.expected_match?.startsWith('no'));
  return {
    recall: yes.filter((r) => r.matched).length / Math.max(1, yes.length),
    yesRows: yes.length,
    rejected: no.filter((r) => !r.matched).length / Math.max(1, no.length),
    noRows: no.length,
  };
}

function evaluateCrossScript(evalDir: string, threshold: number): EvaluationReport['crossScript'] {
  // The header line is itself a comment (`# Format: Query,Expected Match,…`), so columns are positional.
  const rows = readCsv(join(evalDir, 'cross_script_pairs.csv'), false);
  const misses = rows.filter((row) => score(row.query ?? '', row.expected ?? '', 'person') < threshold);
  return { found: 1 - misses.length / Math.max(1, rows.length), rows: rows.length, misses: misses.map((r) => `${r.query} | ${r.expected}`) };
}

async function evaluateNegatives(evalDir: string, dataDir: string, threshold: number): Promise<EvaluationReport['negatives']> {
  const listed = (await readDprkEntries(dataDir)).flatMap((entry) => entry.names.map((name) => prepareListedName(name, entry.kind)));
  const curated = curatedCandidates().map(([name, kind]) => prepareListedName(name, kind));
  const candidates: PreparedName[] = [...listed, ...curated];
  const curatedSet = new Set(curated);
  const rows = readCsv(join(evalDir, 'negatives_synthetic_us.csv'));
  let hits = 0;
  const curatedHits: string[] = [];
  for (const row of rows) {
    const query = prepareName(row.full_name ?? '', 'person');
    let hit = false;
    for (const candidate of candidates) {
      if (comparePrepared(query, candidate).score < threshold) continue;
      hit = true;
      if (curatedSet.has(candidate)) curatedHits.push(`${row.full_name} → ${candidate.original}`);
    }
    if (hit) hits += 1;
  }
  return { share: hits / Math.max(1, rows.length), rows: rows.length, candidates: candidates.length, curatedHits };
}

/** Whether our OFAC-mode points agree with OFAC's: within ±5, or below its slider's 80 when OFAC returned nothing (-1). */
export function agreesWithOfac(points: number, ofacPoints: number): boolean {
  return ofacPoints < 0 ? points < 80 : Math.abs(points - ofacPoints) <= 5;
}

function evaluateOfac(evalDir: string): EvaluationReport['ofac'] {
  const rows = readCsv(join(evalDir, 'ofac_scores_dev.csv'));
  const within = rows.filter((row) => {
    const points = comparePrepared(prepareName(row.query_name ?? ''), prepareListedName(row.result_name ?? ''), { algorithm: 'ofac' }).score * 100;
    return agreesWithOfac(points, Number(row.ofac_score));
  });
  return { within5: within.length / Math.max(1, rows.length), rows: rows.length };
}

function microsPerComparison(evalDir: string): number {
  const names = readCsv(join(evalDir, 'name_pairs_dev.csv')).flatMap((row) => [row.name1 ?? '', row.name2 ?? '']).slice(0, 300);
  const prepared = names.map((name) => prepareName(name, 'any'));
  let comparisons = 0;
  let checksum = 0;
  const started = process.hrtime.bigint();
  for (const query of prepared) {
    for (const candidate of prepared) {
      checksum += comparePrepared(query, candidate).score;
      comparisons += 1;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;
  return checksum >= 0 ? elapsed / comparisons : Number.NaN;
}

/** Whether the shared evaluation sets are present (they are not in the repository). */
export function evaluationSetsExist(evalDir: string): boolean {
  return existsSync(join(evalDir, 'name_pairs_dev.csv'));
}

/** Run every set at `threshold`; `withNegatives` screens the 1,000 synthetic people (slowest part). */
export async function runEvaluation(evalDir: string, dataDir: string, threshold = DEFAULT_THRESHOLD, withNegatives = true): Promise<EvaluationReport> {
  return {
    threshold,
    namePairs: evaluateNamePairs(evalDir, threshold),
    dprkPersons: evaluateDprkPersons(evalDir, threshold),
    crossScript: evaluateCrossScript(evalDir, threshold),
    negatives: withNegatives ? await evaluateNegatives(evalDir, dataDir, threshold) : { share: Number.NaN, rows: 0, candidates: 0, curatedHits: [] },
    ofac: evaluateOfac(evalDir),
    microsPerComparison: microsPerComparison(evalDir),
  };
}

// ---- Names of DPRK-programme entries from the real lists in ../shared/data (streamed, never copied). ----

export type ListedKind = 'person' | 'organization' | 'vessel';

export interface ListedEntry {
  readonly source: 'OFAC' | 'UN' | 'EU';
  readonly id: string;
  readonly kind: ListedKind;
  /** Primary name first, then aliases in list order. */
  readonly names: readonly string[];
}

interface OfacProfile {
  kind: ListedKind;
  names: string[];
}

const OFAC_LAST_NAME = '1520';
const OFAC_KIND_BY_SUBTYPE: Readonly<Record<string, ListedKind>> = { '1': 'vessel', '4': 'person' };

/** OFAC advanced XML: profiles with their aliases, then the programmes of each sanctions entry. */
export async function readOfacDprkEntries(path: string): Promise<ListedEntry[]> {
  const profiles = new Map<string, OfacProfile>();
  const programsByProfile = new Map<string, string[]>();
  const parser = new SaxesParser();
  let profile: OfacProfile | undefined;
  let aliasParts: { group: string; value: string }[] = [];
  let identityAliases: { primary: boolean; parts: { group: string; value: string }[] }[] = [];
  let aliasPrimary = false;
  let groupTypes = new Map<string, string>();
  let partGroup = '';
  let entryProfile = '';
  let text = '';
  parser.on('opentag', (tag: SaxesTagPlain) => {
    text = '';
    const attr = (name: string): string => String(tag.attributes[name] ?? '');
    if (tag.name === 'Profile') {
      profile = { kind: OFAC_KIND_BY_SUBTYPE[attr('PartySubTypeID')] ?? 'organization', names: [] };
      profiles.set(attr('ID'), profile);
    } else if (tag.name === 'Identity') {
      identityAliases = [];
      groupTypes = new Map();
    } else if (tag.name === 'Alias') {
      aliasParts = [];
      aliasPrimary = attr('Primary') === 'true';
    } else if (tag.name === 'NamePartValue') partGroup = attr('NamePartGroupID');
    else if (tag.name === 'NamePartGroup') groupTypes.set(attr('ID'), attr('NamePartTypeID'));
    else if (tag.name === 'SanctionsEntry') entryProfile = attr('ProfileID');
  });
  parser.on('text', (chunk: string) => {
    text += chunk;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.name === 'NamePartValue') aliasParts.push({ group: partGroup, value: text.trim() });
    else if (tag.name === 'Alias') identityAliases.push({ primary: aliasPrimary, parts: aliasParts });
    else if (tag.name === 'Identity' && profile) {
      const ordered = [...identityAliases.filter((a) => a.primary), ...identityAliases.filter((a) => !a.primary)];
      for (const alias of ordered) {
        const last = alias.parts.filter((part) => groupTypes.get(part.group) === OFAC_LAST_NAME).map((p) => p.value);
        const rest = alias.parts.filter((part) => groupTypes.get(part.group) !== OFAC_LAST_NAME).map((p) => p.value);
        const name = last.length > 0 && rest.length > 0 ? `${last.join(' ')}, ${rest.join(' ')}` : [...last, ...rest].join(' ');
        if (name !== '') profile.names.push(name);
      }
    } else if (tag.name === 'Comment' && entryProfile !== '' && text.trim() !== '') {
      const programs = programsByProfile.get(entryProfile) ?? [];
      programs.push(text.trim());
      programsByProfile.set(entryProfile, programs);
    } else if (tag.name === 'SanctionsEntry') entryProfile = '';
  });
  const stream = createReadStream(path).pipe(createGunzip());
  stream.setEncoding('utf8');
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();
  const entries: ListedEntry[] = [];
  for (const [id, { kind, names }] of profiles) {
    if ((programsByProfile.get(id) ?? []).some((program) => program.startsWith('DPRK'))) {
      entries.push({ source: 'OFAC', id: `OFAC-${id}`, kind, names });
    }
  }
  return entries;
}

/** UN consolidated XML: INDIVIDUAL and ENTITY records on the DPRK list. */
export function readUnDprkEntries(path: string): ListedEntry[] {
  const parser = new SaxesParser();
  const entries: ListedEntry[] = [];
  let record: { kind: ListedKind; parts: string[]; aliases: string[]; list: string; id: string } | undefined;
  let text = '';
  parser.on('opentag', (tag: SaxesTagPlain) => {
    text = '';
    if (tag.name === 'INDIVIDUAL' || tag.name === 'ENTITY') {
      record = { kind: tag.name === 'INDIVIDUAL' ? 'person' : 'organization', parts: [], aliases: [], list: '', id: '' };
    }
  });
  parser.on('text', (chunk: string) => {
    text += chunk;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (!record) return;
    const value = text.trim();
    if (/^(FIRST|SECOND|THIRD|FOURTH)_NAME$/.test(tag.name) && value !== '') record.parts.push(value);
    else if ((tag.name === 'ALIAS_NAME' || tag.name === 'NAME_ORIGINAL_SCRIPT') && value !== '') record.aliases.push(value);
    else if (tag.name === 'UN_LIST_TYPE') record.list = value;
    else if (tag.name === 'DATAID') record.id = value;
    else if (tag.name === 'INDIVIDUAL' || tag.name === 'ENTITY') {
      if (record.list === 'DPRK') {
        entries.push({ source: 'UN', id: `UN-${record.id}`, kind: record.kind, names: [record.parts.join(' '), ...record.aliases] });
      }
      record = undefined;
    }
  });
  parser.write(readFileSync(path, 'utf8')).close();
  return entries;
}

function splitNameCell(cell: string | undefined): string[] {
  if (cell === undefined || cell.trim() === '') return [];
  const rows = parseCsv(cell, { delimiter: ';', trim: true, relax_quotes: true }) as string[][];
  return (rows[0] ?? []).filter((value) => value !== '');
}

/** EU Regulation 2017/1509 CSV (format in FORMAT.md beside it). */
export function readEuEntries(path: string): ListedEntry[] {
  const rows = parseCsv(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row, index) => ({
    source: 'EU' as const,
    id: `EU-${row.recordId || index}`,
    kind: row.schema === 'Person' ? 'person' : row.schema === 'Vessel' ? 'vessel' : 'organization',
    names: [row.name ?? '', ...splitNameCell(row.alias), ...splitNameCell(row.weakAlias), ...splitNameCell(row.previousName)]
      .filter((name) => name.trim() !== ''),
  }));
}

/** Every DPRK-programme entry of the three lists under `dataDir` (../shared/data). */
export async function readDprkEntries(dataDir: string): Promise<ListedEntry[]> {
  const ofac = await readOfacDprkEntries(join(dataDir, 'ofac', 'sdn_advanced_2025-11-19.xml.gz'));
  const un = readUnDprkEntries(join(dataDir, 'un', 'UN_consolidated_2026-02-27.xml'));
  const eu = readEuEntries(join(dataDir, 'eu', '32017R1509.csv'));
  return [...ofac, ...un, ...eu];
}
