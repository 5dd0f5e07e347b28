/**
 * False hits of the synthetic people (../shared/eval/negatives_synthetic_us.csv) screened as `screen()` screens them,
 * against the full lists: the curated data, the whole OFAC SDN advanced XML and the UN consolidated XML of
 * ../shared/data, imported into a temporary database, each hit with its explanation. Usage: tsx scripts/eval-full-lists.ts [kind]
 * (EVAL_SHOW_REVIEW=1 prints each `review` too).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { openDatabase } from '../src/db/database.js';
import { syncCuratedDataset } from '../src/ingest/curated/sync.js';
import { importList } from '../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { Catalog } from '../src/screening/catalog.js';
import { indexNewNames } from '../src/screening/name-keys.js';
import { screen } from '../src/screening/screen.js';

const shared = path.resolve(PROJECT_ROOT, '../shared');
const negatives = path.join(shared, 'eval', 'negatives_synthetic_us.csv');
const ofacXml = path.join(shared, 'data', 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
const unXml = path.join(shared, 'data', 'un', 'UN_consolidated_2026-02-27.xml');
const kind = process.argv[2] === 'person' ? 'person' : 'any';

if (![negatives, ofacXml, unXml].every((file) => fs.existsSync(file))) {
  console.error(`The synthetic negatives or the lists are missing under ${shared}; nothing to measure.`);
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-full-lists-'));
const db = openDatabase(path.join(dir, 'screening.db'));
try {
  syncCuratedDataset(db, path.join(PROJECT_ROOT, 'data'));
  await importList(db, 'ofac-xml', ofacXml);
  await importList(db, 'un-xml', unXml);
  indexNewNames(db);
  const { state } = new Catalog(db);
  const rows = parseCsv(fs.readFileSync(negatives, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const verdicts = { match: 0, review: 0, clear: 0 };
  const hits: string[] = [];
  for (const row of rows) {
    const result = screen(state, { name: row.full_name ?? '', kind, limit: 1 });
    verdicts[result.verdict] += 1;
    const top = result.matches[0];
    // The explanation says which tokens aligned by which rule: what a rule against false hits has to go on.
    if (result.verdict === 'match' && top) hits.push(`${row.full_name} → ${top.matchedName} ${top.score.toFixed(2)}: ${top.explanation.summary}`);
    if (process.env.EVAL_SHOW_REVIEW === '1' && result.verdict === 'review' && top) {
      console.log(`  review ${row.full_name} → ${top.matchedName} ${top.score.toFixed(2)}: ${top.explanation.summary}`);
    }
  }
  const pct = (count: number): string => `${((100 * count) / Math.max(1, rows.length)).toFixed(1)}%`;
  console.log(`negatives_synthetic_us.csv against curated + OFAC + UN (kind ${kind}): ${pct(verdicts.match)} match, ${pct(verdicts.review)} review of ${rows.length}`);
  for (const hit of hits) console.log(`    ${hit}`);
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
