import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { importList, type ListFormat } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists');

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir();
});
afterEach(() => work.cleanup());

async function screenAfterImporting(lists: [ListFormat, string][], name: string) {
  const file = path.join(work.dir, 'lists.db');
  const db = openDatabase(file);
  for (const [format, fixture] of lists) await importList(db, format, path.join(FIXTURES, fixture));
  db.close();
  const app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATABASE_PATH: file }));
  await app.ready();
  const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } });
  await app.close();
  return res.json() as { matches: { entity: { id: string }; sameAs: { id: string }[]; designations: { authority: string; listRef: string }[] }[] };
}

describe('a DPRK designee on the UN, EU and UK lists, linked by the UN reference number they print', () => {
  it('is one match carrying the three designations, led by the UN record', async () => {
    const answer = await screenAfterImporting(
      [['un-xml', 'un-consolidated-sample.xml'], ['eu-xml', 'eu-fsf-sample.xml'], ['uk-conlist', 'uk-conlist-sample.csv']],
      'Kim Chol Su',
    );
    const linked = answer.matches.filter((m) => [m.entity.id, ...m.sameAs.map((s) => s.id)].includes('un-kpi.901'));
    expect(linked).toHaveLength(1);
    const [match] = linked;
    expect(match?.entity.id).toBe('un-kpi.901');
    expect(new Set(match?.designations.map((d) => d.authority.split(' ')[0]))).toEqual(new Set(['UN', 'EU', 'UK']));
  });

  it('is one match for the EU and UK records alone, when the UN list is not loaded', async () => {
    const answer = await screenAfterImporting([['eu-xml', 'eu-fsf-sample.xml'], ['uk-conlist', 'uk-conlist-sample.csv']], 'Kim Chol Su');
    const eu = answer.matches.filter((m) => [m.entity.id, ...m.sameAs.map((s) => s.id)].some((id) => id.startsWith('eu-')));
    expect(eu).toHaveLength(1);
    expect(eu[0]?.sameAs.map((s) => s.id).some((id) => id.startsWith('uk-'))).toBe(true);
  });
});
