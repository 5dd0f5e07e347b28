import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { readingPersonIdentities } from '../../src/db/identity-facts-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { mergingByIdentity } from '../../src/screening/identity-merges.js';
import { runToEnd } from '../../src/steps.js';
import { tempDir } from '../helpers/app.js';
import { UNPACED } from '../helpers/list-databases.js';

const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
const UN_XML = path.join(SHARED, 'un', 'UN_consolidated_2026-02-27.xml');
const CONLIST = path.join(SHARED, 'uk', 'ConList_2025-04-14.csv.gz');
const present = [UN_XML, CONLIST].every((f) => fs.existsSync(f));
if (!present) console.warn(`SKIPPED: checking the identity rule against the UK list's UN references needs ${SHARED}, which is absent.`);

/** Every UK record's printed UN references, as the UN record ids they name. */
function citedUnRecords(db: Db): Map<string, Set<string>> {
  const rows = db
    .prepare(
      `SELECT i.entity_id AS uk, 'un-' || lower(i.value) AS un FROM identifiers i JOIN entities e ON e.id = i.entity_id
       WHERE i.type = 'un_reference' AND e.dataset_id = 'uk'`,
    )
    .all() as { uk: string; un: string }[];
  const cited = new Map<string, Set<string>>();
  for (const { uk, un } of rows) cited.set(uk, (cited.get(uk) ?? new Set()).add(un));
  return cited;
}

describe.skipIf(!present)('the identity rule, checked against the UN references the UK list prints', () => {
  const work = tempDir();
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(path.join(work.dir, 'rule.db'));
    await importList(db, 'un-xml', UN_XML, { pacing: UNPACED });
    await importList(db, 'uk-conlist', CONLIST, { pacing: UNPACED });
  }, 600_000);
  afterAll(() => {
    db.close();
    work.cleanup();
  });

  it('merges no UK person with a UN person other than the one its (UN Ref) names, and finds most it names', () => {
    const people = runToEnd(readingPersonIdentities(db));
    // The rule alone, no reference linking anything: the references are the answer key.
    const merges = runToEnd(mergingByIdentity(people, (id) => id)).map((m) => (m.a.datasetId === 'uk' ? [m.a.id, m.b.id] : [m.b.id, m.a.id]));
    const ukUn = merges.filter(([uk, un]) => uk?.startsWith('uk-') && un?.startsWith('un-'));
    const cited = citedUnRecords(db);
    const citedBy = new Map<string, string[]>();
    for (const [uk, uns] of cited) for (const un of uns) citedBy.set(un, [...(citedBy.get(un) ?? []), uk]);
    const persons = new Set(people.map((p) => p.entityId));
    const truePairs = [...cited].flatMap(([uk, uns]) => [...uns].filter((un) => persons.has(uk) && persons.has(un)).map((un) => `${uk} ${un}`));
    const merged = new Set(ukUn.map(([uk, un]) => `${uk} ${un}`));
    const contradicted = ukUn.filter(([uk = '', un = '']) => {
      const says = cited.get(uk);
      const citers = citedBy.get(un);
      return (says !== undefined && !says.has(un)) || (citers !== undefined && !citers.includes(uk));
    });
    const confirmed = ukUn.filter(([uk = '', un = '']) => cited.get(uk)?.has(un) === true);
    const found = truePairs.filter((p) => merged.has(p));
    console.log(
      `identity rule, UK ConList 2025-04-14 × UN 2026-02-27: ${ukUn.length} UK–UN merges; ${confirmed.length} confirmed and ` +
        `${contradicted.length} contradicted by a printed (UN Ref) (precision ${(confirmed.length / (confirmed.length + contradicted.length)).toFixed(3)}); ` +
        `${found.length} of the ${truePairs.length} printed UK–UN person links found (recall ${(found.length / truePairs.length).toFixed(3)})`,
    );
    expect(contradicted).toEqual([]);
    expect(truePairs.length).toBeGreaterThan(100);
    expect(found.length / truePairs.length).toBeGreaterThan(0.5);
  });
});
