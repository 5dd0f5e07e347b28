import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { curatedCandidates, readDprkEntries } from '../../scripts/eval-lib.js';

const projectRoot = resolve(import.meta.dirname, '../..');
const evalDir = resolve(projectRoot, '../shared/eval');
const dataDir = resolve(projectRoot, '../shared/data');
const setsExist = existsSync(evalDir) && existsSync(dataDir);

// Columns of the evaluation files that hold a name (cross_script_pairs.csv has no header: its first two columns).
const NAME_COLUMNS = new Set([
  'name1', 'name2', 'query', 'candidate', 'full_name', 'query_name', 'result_name', 'candidate_name', 'candidate_aliases',
]);

const normalise = (text: string): string => ` ${text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

function cellNames(column: string, cell: string): string[] {
  if (column !== 'candidate_aliases') return [cell];
  try {
    const parsed: unknown = JSON.parse(cell);
    return Array.isArray(parsed) ? parsed.filter((alias): alias is string => typeof alias === 'string') : [];
  } catch {
    return [];
  }
}

function evaluationNames(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(evalDir).filter((name) => name.endsWith('.csv'))) {
    const text = readFileSync(join(evalDir, file), 'utf8').split('\n').filter((line) => !line.startsWith('#')).join('\n');
    const headerless = file === 'cross_script_pairs.csv';
    const rows = parseCsv(text, { columns: headerless ? ['query', 'candidate'] : true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[];
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (!NAME_COLUMNS.has(column) || cell === undefined) continue;
        // One word (`Victory`, `Bank`) is vocabulary, not a memorised name.
        for (const name of cellNames(column, cell)) if (normalise(name).trim().split(' ').length >= 2) names.add(normalise(name));
      }
    }
  }
  return names;
}

function sourceTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name))
    .map((entry) => normalise(readFileSync(join(entry.parentPath, entry.name), 'utf8')));
}

/**
 * The names the curated dataset and the DPRK entries of the official lists carry (OFAC, UN, EU under ../shared/data),
 * plus the raw text of the UN list, so a listed name quoted in a comment (`Lazarus Group`) is exempt.
 */
async function listedNames(): Promise<{ names: Set<string>; text: string }> {
  const entries = await readDprkEntries(dataDir);
  const names = [...curatedCandidates().map(([name]) => name), ...entries.flatMap((entry) => entry.names)];
  const sorted = (name: string): string => normalise(name).trim().split(' ').sort().join(' ');
  return { names: new Set(names.map(sorted)), text: normalise(readFileSync(join(dataDir, 'un', 'UN_consolidated_2026-02-27.xml'), 'utf8')) };
}

if (!setsExist) console.warn(`no-memorisation test skipped: no evaluation sets at ${evalDir} (shared/ is not part of the repository)`);

describe.skipIf(!setsExist)('issue 18: generalise, never memorise', () => {
  it('no name of an evaluation file appears in src/, unless the curated data or the official lists carry it', async () => {
    const sources = sourceTexts(join(projectRoot, 'src'));
    const inSource = [...evaluationNames()].filter((name) => sources.some((text) => text.includes(name)));
    const listed = inSource.length > 0 ? await listedNames() : { names: new Set<string>(), text: '' };
    const carried = (name: string): boolean => listed.names.has(name.trim().split(' ').sort().join(' ')) || listed.text.includes(name);
    expect(inSource.filter((name) => !carried(name)).map((name) => name.trim())).toEqual([]);
  }, 120_000);
});
