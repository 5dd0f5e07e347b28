import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';

const UK_CSV = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'uk-conlist-sample.csv');

// A UN entry for the UK sample's Kim Chol Su, born the day the UK list prints, under a reference the UK entry does
// not print: only the identity rule can link the two.
const UN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-10T00:00:00.000Z"><INDIVIDUALS><INDIVIDUAL>
  <DATAID>8100001</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>CHOL SU</SECOND_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.950</REFERENCE_NUMBER><LISTED_ON>2020-01-02</LISTED_ON>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-01-02</DATE></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;

describe('npm run import', () => {
  const work = tempDir();
  afterAll(() => work.cleanup());

  it('lists, after its summary, every merge the identity rule makes with a record of the list imported', async () => {
    const env = { DATABASE_PATH: path.join(work.dir, 'merges.db'), DATA_DIR: path.join(work.dir, 'no-curated') };
    fs.writeFileSync(path.join(work.dir, 'un.xml'), UN_XML);
    const uk = await runCli(['import', 'uk-conlist', UK_CSV], env);
    expect(uk.stdout).toContain('merged by the identity rule (no printed reference links them; README "How lists are merged"): 0\n');
    const un = await runCli(['import', 'un-xml', path.join(work.dir, 'un.xml')], env);
    expect(un.code).toBe(0);
    const [summary, listing = ''] = un.stdout.split('  merged by the identity rule');
    expect(summary).toMatch(/^imported un-sc /);
    const merges = listing.split('\n').slice(1).filter((l) => l !== '');
    expect(listing.split('\n')[0]).toBe(' (no printed reference links them; README "How lists are merged"): 1');
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatch(/^ {4}uk-\d+ .*KIM.* {2}= {2}un-kpi\.950 KIM CHOL SU {2}\(chol kim su, born 1970-01-02\)$/);
  });
});
