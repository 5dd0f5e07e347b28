import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse';
import type { EntityKind, EntityName, EntityRecord, Identifier, NameType, Relation } from '../../model.js';
import { listCitation, pruneDetails } from './records.js';
import { ListFormatError } from './errors.js';
import { factsOfRemarks } from './ofac-remarks.js';
import { birthDate, birthPlace, country, gender, uniqueQualifiers } from '../qualifiers.js';
import { ofacSource } from './ofac-xml.js';
import { mapOfacRelation } from './relations.js';
import { detectScript } from './scripts.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import { openFile } from './input.js';

/** The four files of OFAC's legacy CSV set; only `sdn` is required. */
export interface OfacCsvPaths {
  sdn: string;
  add?: string | undefined;
  alt?: string | undefined;
  comments?: string | undefined;
}

export interface OfacCsvOptions extends ListParseOptions {
  /**
   * The list's publication date (`YYYY-MM-DD`): the CSV files carry none, and a file's modification date says when it
   * was copied, not when OFAC published it.
   */
  publishedAt: string;
}

const COLUMNS = { sdn: 12, add: 6, alt: 5, comments: 2 } as const;
const EMPTY = '-0-';
// DOS end-of-file marker OFAC appends after the last line.
const EOF_MARKER = '\u001a';

type Row = Array<string | undefined>;

/** Every row of one legacy CSV file, `-0-` read as undefined; rejects rows of the wrong shape. */
async function readRows(path: string, kind: keyof typeof COLUMNS): Promise<Row[]> {
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  const source = openFile(path);
  source.on('error', (err) => parser.destroy(err));
  const rows: Row[] = [];
  try {
    for await (const record of source.pipe(parser)) {
      const fields = (record as string[]).map((f) => f.trim());
      if (fields.length === 1 && (fields[0] === EOF_MARKER || fields[0] === '')) continue;
      const line = rows.length + 1;
      if (fields.length !== COLUMNS[kind] || !/^\d+$/.test(fields[0] ?? '')) {
        throw new ListFormatError(
          `not an OFAC legacy ${basename(path)}: row ${line} has ${fields.length} columns starting "${(fields[0] ?? '').slice(0, 20)}", expected ${COLUMNS[kind]} starting with an entry number`,
        );
      }
      rows.push(fields.map((f) => (f === EMPTY || f === '' ? undefined : f)));
    }
  } catch (err) {
    if (err instanceof ListFormatError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ListFormatError(`not an OFAC legacy CSV file: ${basename(path)}: ${message}`, { cause: err });
  }
  return rows;
}

function resolvePaths(input: string | OfacCsvPaths): OfacCsvPaths {
  if (typeof input !== 'string') return input;
  const optional = (name: string): string | undefined => (existsSync(join(input, name)) ? join(input, name) : undefined);
  return { sdn: join(input, 'sdn.csv'), add: optional('add.csv'), alt: optional('alt.csv'), comments: optional('sdn_comments.csv') };
}

function groupByEntry(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row[0] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

/** Legacy SDN_Type: individual, vessel, aircraft, or empty for an entity. Aircraft are `vessel`, as in ofac-xml. */
function kindOf(sdnType: string | undefined): EntityKind {
  if (sdnType === 'individual') return 'person';
  if (sdnType === 'vessel' || sdnType === 'aircraft') return 'vessel';
  return 'organization';
}

const ALT_TYPES: Record<string, NameType> = { aka: 'alias', fka: 'former', nka: 'alias' };

/**
 * Parses OFAC's legacy CSV set (sdn.csv with add.csv, alt.csv and sdn_comments.csv beside it, or the paths given).
 * Remarks continued in sdn_comments.csv are joined to their entry before they are read.
 */
export async function parseOfacCsv(input: string | OfacCsvPaths, options: OfacCsvOptions): Promise<ParsedList> {
  const paths = resolvePaths(input);
  const { publishedAt } = options;
  const sdnRows = await readRows(paths.sdn, 'sdn');
  if (sdnRows.length === 0) throw new ListFormatError('the list contains no parties');
  const addresses = groupByEntry(paths.add ? await readRows(paths.add, 'add') : []);
  const aliases = groupByEntry(paths.alt ? await readRows(paths.alt, 'alt') : []);
  const comments = groupByEntry(paths.comments ? await readRows(paths.comments, 'comments') : []);
  const source = ofacSource(publishedAt, 'legacy CSV');
  const entNumOfName = new Map(sdnRows.map((row) => [(row[1] ?? '').toUpperCase(), row[0] ?? '']));

  let read = 0;
  const entities = sdnRows.map((row): EntityRecord => {
    read = countRecord(read, options.onProgress);
    const [entNum = '', name = '', sdnType, program, title, callSign, vesselType, tonnage, grt, flag, owner, remarkStart] = row;
    const cite = () => listCitation(source.id, entNum);
    const remarks = [remarkStart ?? '', ...(comments.get(entNum) ?? []).map((r) => r[1] ?? '')].join('');
    const facts = factsOfRemarks(remarks);
    const names: EntityName[] = [{ name, type: 'primary', citations: cite() }];
    const addName = (value: string, type: NameType): void => {
      const script = detectScript(value);
      const finalType = script === 'Latn' ? type : 'original_script';
      if (names.some((n) => n.name === value && n.type === finalType)) return;
      names.push({ name: value, type: finalType, ...(script === 'Latn' ? {} : { script }), citations: cite() });
    };
    for (const alt of aliases.get(entNum) ?? []) if (alt[3]) addName(alt[3], ALT_TYPES[(alt[2] ?? '').toLowerCase()] ?? 'alias');
    facts.weakAliases.forEach((a) => addName(a, 'weak_alias'));
    facts.formerNames.forEach((a) => addName(a, 'former'));

    const places = (addresses.get(entNum) ?? []).map((a) => ({ line: [a[2], a[3], a[4]].filter((p) => p).join(', '), street: a[2] ?? a[3], country: a[4] }));
    const identifiers: Identifier[] = [
      ...(callSign ? [{ type: 'call_sign', value: callSign, citations: cite() }] : []),
      ...facts.documents.map((d) => ({ type: d.type, value: d.value, ...(d.country ? { country: d.country } : {}), citations: cite() })),
      ...facts.cryptoAddresses.map((c) => ({ type: 'crypto_address', value: c.value, chain: c.chain, citations: cite() })),
    ];
    const relations: Relation[] = [];
    for (const target of facts.linkedTo) {
      const targetNum = entNumOfName.get(target.toUpperCase());
      if (targetNum === undefined || relations.some((r) => r.targetId === `ofac-${targetNum}`)) continue;
      relations.push({ type: mapOfacRelation('Linked To').type, targetId: `ofac-${targetNum}`, citations: listCitation(source.id, entNum, 'OFAC: Linked To') });
    }
    const vesselFacts = [
      ['Title', title], ['Vessel Type', vesselType], ['Tonnage', tonnage], ['GRT', grt], ['Vessel Flag', flag], ['Vessel Owner', owner],
    ].filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
    const qualifiers = [
      ...facts.birthDates.map((d) => birthDate(d, cite())),
      ...facts.birthPlaces.map((p) => birthPlace(p, cite())),
      ...facts.nationalities.map((n) => country('nationality', n, cite())),
      ...places.map((p) => p.country).filter((c): c is string => c !== undefined).map((c) => country('country', c, cite())),
      ...facts.genders.map((g) => gender(g, cite())),
    ];
    return {
      id: `ofac-${entNum}`,
      kind: kindOf(sdnType),
      name,
      status: 'designated',
      details: pruneDetails({
        addresses: places.some((p) => p.street) ? [...new Set(places.filter((p) => p.street).map((p) => p.line))] : undefined,
        remarks: [...vesselFacts, remarks].filter((r) => r !== '').join('; ') || undefined,
      }),
      qualifiers: uniqueQualifiers(qualifiers),
      names,
      designations: (program ?? '').split(/\]\s*\[/).filter((p) => p.trim() !== '').map((p) => ({
        authority: 'OFAC',
        list: 'SDN',
        program: p.replace(/[[\]]/g, '').trim(),
        listRef: entNum,
        citations: cite(),
      })),
      identifiers,
      relations,
      citations: cite(),
    };
  });
  options.onProgress?.(entities.length);
  return { datasetId: 'ofac-sdn', publishedAt, source, entities };
}
