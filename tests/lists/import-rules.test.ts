import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { ImportOptionError, ImportRefusedError, checkListDate } from '../../src/ingest/import-rules.js';
import { databaseEachTest } from '../helpers/app.js';
import { LIST_FIXTURES, OFAC_XML, ofacDated, ofacVariant, withoutParty } from '../helpers/lists.js';

const OFAC_CSV = path.join(LIST_FIXTURES, 'ofac-legacy-csv');

const test = databaseEachTest('lists.db');
const variant = (name: string, edit: (xml: string) => string) => ofacVariant(test.dir, name, edit);
const dated = (day: number) => ofacDated(test.dir, day);
const entityCount = () => (test.db.prepare("SELECT count(*) AS n FROM entities WHERE dataset_id = 'ofac-sdn'").get() as { n: number }).n;

describe('an import over the serving version', () => {
  it('refuses a list dated before the serving version, unless forced', async () => {
    const serving = await importList(test.db, 'ofac-xml', OFAC_XML);
    const older = dated(1);
    const refused = importList(test.db, 'ofac-xml', older);
    await expect(refused).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(refused).rejects.toThrow(
      `ofac-sdn: the list is dated 2030-03-01, older than the serving version ${serving.version} (2030-03-04); ` +
        'importing it would replace a newer list with an older one. Pass --force to import it anyway.',
    );
    expect(datasetVersion(test.db, 'ofac-sdn')).toBe(serving.version);
    const forced = await importList(test.db, 'ofac-xml', older, { force: true });
    expect(forced.publishedAt).toBe('2030-03-01');
    expect(datasetVersion(test.db, 'ofac-sdn')).toBe(forced.version);
  });

  it('refuses a list that would remove more than half of the parties, unless forced', async () => {
    const serving = await importList(test.db, 'ofac-xml', OFAC_XML);
    const truncated = variant('two-gone.xml', (xml) => withoutParty(withoutParty(xml, '90002'), '90003'));
    await expect(importList(test.db, 'ofac-xml', truncated)).rejects.toThrow(
      `ofac-sdn: the list would remove 2 of the 3 parties of the serving version ${serving.version} (67%)`,
    );
    expect(entityCount()).toBe(3);
    const forced = await importList(test.db, 'ofac-xml', truncated, { force: true });
    expect(forced.removed.map((p) => p.id)).toEqual(['ofac-90002', 'ofac-90003']);
    expect(entityCount()).toBe(1);
  });

  it('takes a list removing half of the parties or fewer', async () => {
    await importList(test.db, 'ofac-xml', OFAC_XML);
    const next = await importList(test.db, 'ofac-xml', variant('one-gone.xml', (xml) => withoutParty(xml, '90002')));
    expect(next.removed.map((p) => p.id)).toEqual(['ofac-90002']);
  });
});

describe('--published-at', () => {
  const cases: [string, string, RegExp][] = [
    ['an impossible month', '2021-13-01', /^--published-at 2021-13-01 is not a date: write the list's publication date as YYYY-MM-DD$/],
    ['an impossible day', '2021-02-29', /is not a date/],
    ['a month without a day', '2021-07', /is not a date/],
    ['a future date', '2099-01-01', /^--published-at 2099-01-01 is in the future: a list cannot be published after today \(\d{4}-\d{2}-\d{2}\)$/],
  ];
  it.each(cases)('%s (%s) is a clear error and writes nothing', async (_case, date, message) => {
    const refused = importList(test.db, 'ofac-csv', OFAC_CSV, { publishedAt: date });
    await expect(refused).rejects.toBeInstanceOf(ImportOptionError);
    await expect(refused).rejects.toThrow(message);
    expect(datasetVersion(test.db, 'ofac-sdn')).toBeNull();
  });

  it('is required for the legacy CSV set, which carries no date', async () => {
    await expect(importList(test.db, 'ofac-csv', OFAC_CSV)).rejects.toThrow(
      /^ofac-csv needs --published-at YYYY-MM-DD: its files carry no list date of their own$/,
    );
    expect(datasetVersion(test.db, 'ofac-sdn')).toBeNull();
  });

  it('is refused for a format whose files carry their own date', async () => {
    await expect(importList(test.db, 'ofac-xml', OFAC_XML, { publishedAt: '2025-01-01' })).rejects.toThrow(
      /^--published-at is only for ofac-csv: ofac-xml files carry their own list date$/,
    );
  });

  it('accepts a date that has begun somewhere on Earth (UTC+14)', () => {
    expect(checkListDate('2026-11-22', new Date('2026-11-21T10:00:00Z'))).toBe('2026-11-22');
    expect(() => checkListDate('2026-11-22', new Date('2026-11-21T09:59:59Z'))).toThrow(/in the future/);
  });
});
