/**
 * The identity evaluation on ../shared/eval/identity_pairs_dev.csv: each row scored by name alone and with its
 * qualifiers (birth date, nationality, gender, documents), as recall on `yes` rows and rejection on `no` rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { compareEntities, type EntityCandidate, type EntityQuery, type NameKind, type PrintedIdentifier } from '../src/matching/index.js';

export interface IdentityFigures {
  /** `yes`: the share matched (recall); `no`: the share not matched (rejection). */
  readonly label: 'yes' | 'no';
  readonly rows: number;
  readonly nameOnly: number;
  readonly withQualifiers: number;
}

export interface IdentityReport {
  readonly byCategory: Record<string, IdentityFigures>;
  readonly overall: { readonly yes: IdentityFigures; readonly no: IdentityFigures };
  /** Mean time of one compareEntities call over the rows, by name alone and with every qualifier. */
  readonly micros: { readonly nameOnly: number; readonly withQualifiers: number };
}

const KINDS: Readonly<Record<string, NameKind>> = { person: 'person', organization: 'organization', vessel: 'vessel' };

function list<T>(json: string | undefined): T[] {
  return json === undefined || json === '' ? [] : (JSON.parse(json) as T[]);
}

function pairOf(row: Record<string, string>): { query: EntityQuery; candidate: EntityCandidate } {
  const kind = KINDS[row.kind ?? ''] ?? 'any';
  return {
    query: {
      name: row.query_name, kind, birthDate: row.query_birth_date, nationality: row.query_nationality,
      gender: row.query_gender, identifiers: list<PrintedIdentifier>(row.query_identifiers),
    },
    candidate: {
      names: [row.candidate_name ?? '', ...list<string>(row.candidate_aliases)],
      kind,
      birthDates: list<string>(row.candidate_birth_dates),
      nationalities: list<string>(row.candidate_nationalities),
      gender: row.candidate_gender,
      identifiers: list<PrintedIdentifier>(row.candidate_identifiers),
      source: `${row.candidate_list} ${row.candidate_ref}`,
    },
  };
}

interface Tally { label: 'yes' | 'no'; rows: number; nameOnly: number; withQualifiers: number }

function figures(t: Tally): IdentityFigures {
  return { label: t.label, rows: t.rows, nameOnly: t.nameOnly / Math.max(1, t.rows), withQualifiers: t.withQualifiers / Math.max(1, t.rows) };
}

function microsPerCall(pairs: readonly { query: EntityQuery; candidate: EntityCandidate }[], nameOnly: boolean): number {
  const start = process.hrtime.bigint();
  for (const { query, candidate } of pairs) compareEntities(nameOnly ? { name: query.name, kind: query.kind } : query, candidate);
  return Number(process.hrtime.bigint() - start) / 1000 / Math.max(1, pairs.length);
}

/** Recall and rejection per category and overall, name-only and with qualifiers, at `threshold`. */
export function evaluateIdentityPairs(evalDir: string, threshold: number): IdentityReport {
  const text = readFileSync(join(evalDir, 'identity_pairs_dev.csv'), 'utf8');
  const rows = parseCsv(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const label = row.label === 'yes' ? 'yes' : 'no';
    const { query, candidate } = pairOf(row);
    const right = (score: number): number => Number((score >= threshold) === (label === 'yes'));
    const nameOnly = right(compareEntities({ name: query.name, kind: query.kind }, candidate).score);
    const withQualifiers = right(compareEntities(query, candidate).score);
    for (const key of [`category:${row.category}`, `overall:${label}`]) {
      const t = tallies.get(key) ?? { label, rows: 0, nameOnly: 0, withQualifiers: 0 };
      tallies.set(key, { label, rows: t.rows + 1, nameOnly: t.nameOnly + nameOnly, withQualifiers: t.withQualifiers + withQualifiers });
    }
  }
  const pick = (key: string): IdentityFigures => figures(tallies.get(key) ?? { label: 'no', rows: 0, nameOnly: 0, withQualifiers: 0 });
  const byCategory = Object.fromEntries([...tallies].filter(([k]) => k.startsWith('category:')).map(([k, t]) => [k.slice(9), figures(t)]));
  const pairs = rows.map(pairOf);
  const micros = { nameOnly: microsPerCall(pairs, true), withQualifiers: microsPerCall(pairs, false) };
  return { byCategory, overall: { yes: pick('overall:yes'), no: pick('overall:no') }, micros };
}
