import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { CuratedDataError, loadCuratedDataset } from '../../src/ingest/curated/load.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { FIXTURE_DATA_DIR, copyFixtures, tempDir } from '../helpers/app.js';

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir();
  copyFixtures(work.dir);
});
afterEach(() => work.cleanup());

function edit(file: string, from: string, to: string): void {
  const p = path.join(work.dir, file);
  const text = fs.readFileSync(p, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
}

function problemsOf(dir: string): string[] {
  try {
    loadCuratedDataset(dir);
  } catch (err) {
    if (err instanceof CuratedDataError) return err.problems;
    throw err;
  }
  throw new Error('expected the curated data to be rejected');
}

const dirName = () => path.basename(work.dir);

describe('curated loader: rejections name the file, the record and the field', () => {
  it('a record without a citation', () => {
    edit('entities.yaml', '    citations:\n      - source: list-x\n        listEntry: X-2\n', '');
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/entities.yaml: entities[1] (id "crimson-sub"): citations: Invalid input: expected array, received undefined`,
    ]);
  });

  it('a nationality that names no one country (a bare Korea) and a birth date that is no date', () => {
    edit('entities.yaml', '    name: Jane Roe\n', `    name: Jane Roe
    nationalities:
      - value: Korea
        citations: [{ source: report-a, quote: Jane Roe spoke }]
    birthDates:
      - value: soon
        citations: [{ source: report-a, quote: Jane Roe spoke }]
`);
    expect(problemsOf(work.dir)).toEqual([
      expect.stringMatching(/entities\.yaml: entities\[\d+\] \(id "jane-roe"\): nationalities\.0\.value: must be a country code or name, not ambiguous$/),
      expect.stringMatching(/entities\.yaml: entities\[\d+\] \(id "jane-roe"\): birthDates\.0\.value: must be a date/),
      // A record refused is no record: what refers to it is reported too.
      expect.stringMatching(/events\.yaml: .*unknown entity "jane-roe"$/),
    ]);
  });

  it('a nationality and a birth date are stored as qualifiers with their own citations', () => {
    edit('entities.yaml', '    name: Jane Roe\n', `    name: Jane Roe
    nationalities:
      - value: North Korea
        citations: [{ source: report-a, quote: Jane Roe spoke }]
    birthDates:
      - value: circa 1964
        citations: [{ source: report-a, quote: Jane Roe spoke }]
`);
    const jane = loadCuratedDataset(work.dir).entities.find((e) => e.id === 'jane-roe');
    const cite = [{ sourceId: 'report-a', quote: 'Jane Roe spoke', listEntry: undefined, note: undefined }];
    expect(jane?.qualifiers).toEqual([
      { field: 'birth_date', value: 'circa 1964', precision: 'circa', printed: 'circa 1964', citations: cite },
      { field: 'nationality', value: 'KP', printed: 'North Korea', citations: cite },
    ]);
  });

  it('an empty citation list', () => {
    edit('entities.yaml', '    citations:\n      - source: list-x\n        listEntry: X-2\n', '    citations: []\n');
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/entities.yaml: entities[1] (id "crimson-sub"): citations: at least one citation is required`,
    ]);
  });

  it('a citation with neither a quote nor a list entry', () => {
    edit('entities.yaml', "        quote: Jane Roe spoke", '        note: trust me');
    expect(problemsOf(work.dir)[0]).toMatch(
      /entities\.yaml: entities\[2\] \(id "jane-roe"\): citations\.0: a citation needs exactly one of `quote`/,
    );
  });

  it('a dangling relation target and participant', () => {
    edit('entities.yaml', 'target: crimson-group', 'target: crimson-grupp');
    edit('events.yaml', 'entity: jane-roe', 'entity: john-doe');
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/entities.yaml: entities[1] (id "crimson-sub"): relations.0.target: unknown entity "crimson-grupp"`,
      `${dirName()}/events.yaml: events[3] (id "ev-2019-04"): participants.0.entity: unknown entity "john-doe"`,
    ]);
  });

  it('a citation of an unknown source', () => {
    edit('entities.yaml', 'source: list-x\n        listEntry: X-2', 'source: list-y\n        listEntry: X-2');
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/entities.yaml: entities[1] (id "crimson-sub"): citations.0.source: unknown source "list-y"`,
    ]);
  });

  it.each([
    ['2019-02-30', 'a day that does not exist'],
    ['2019-13', 'a month that does not exist'],
    ['April 2019', 'words'],
  ])('a date that is not a date: %s (%s)', (bad) => {
    edit('events.yaml', 'startDate: 2019-04\n', `startDate: ${bad}\n`);
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/events.yaml: events[3] (id "ev-2019-04"): startDate: must be a real date written YYYY, YYYY-MM or YYYY-MM-DD`,
    ]);
  });

  it('an end date before the start date', () => {
    edit('events.yaml', "endDate: '2023'", "endDate: '2016'");
    expect(problemsOf(work.dir)).toEqual([
      `${dirName()}/events.yaml: events[4] (id "ev-2017-2023"): endDate: endDate must not be before startDate`,
    ]);
  });

  it('an unknown field, a duplicate id and a YAML syntax error', () => {
    edit('entities.yaml', '    name: Victim Bank\n', '    name: Victim Bank\n    colour: red\n');
    edit('entities.yaml', 'id: crimson-sub', 'id: crimson-group');
    fs.writeFileSync(path.join(work.dir, 'broken.yaml'), 'entities: [\n');
    const problems = problemsOf(work.dir);
    expect(problems[0]).toMatch(/^[^:]+\/broken\.yaml: YAML syntax: /);
    expect(problems).toContain(
      `${dirName()}/entities.yaml: entities[3] (id "victim-bank"): Unrecognized key: "colour"`,
    );
    expect(problems.some((p) => p.includes('entities[1] (id "crimson-group"): id: duplicate entity id'))).toBe(true);
  });

  it('an empty folder', () => {
    const empty = tempDir();
    expect(problemsOf(empty.dir)).toEqual(['no *.yaml files found: the curated dataset is empty']);
    empty.cleanup();
  });
});

describe('curated loader: loading', () => {
  it('is idempotent: an unchanged folder is not reloaded', () => {
    const db = openDatabase(':memory:');
    expect(syncCuratedDataset(db, work.dir).outcome).toBe('loaded');
    expect(syncCuratedDataset(db, work.dir).outcome).toBe('unchanged');
    edit('entities.yaml', 'A designated hacking group.', 'A designated hacking group (edited).');
    const again = syncCuratedDataset(db, work.dir);
    expect(again.outcome).toBe('loaded');
    db.close();
  });

  it('keeps the previous dataset loaded and serving when a new version is broken', async () => {
    const file = path.join(work.dir, 'screening.db');
    const db = openDatabase(file);
    syncCuratedDataset(db, work.dir);
    const good = datasetVersion(db, 'curated');
    edit('events.yaml', 'startDate: 2019-04\n', 'startDate: 2019-04-31\n');
    expect(() => syncCuratedDataset(db, work.dir)).toThrow(CuratedDataError);
    expect(datasetVersion(db, 'curated')).toBe(good);
    db.close();

    // The service started on the broken folder keeps serving the previous version from the database.
    const app = await buildApp(testConfig({ DATABASE_PATH: file, DATA_DIR: work.dir }));
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready', datasets: [{ id: 'curated', version: good }], staleDatasets: [] });
    const screened = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
    expect(screened.json().matches[0].entity.id).toBe('crimson-group');
    await app.close();
  });

  it('rolls back a dataset that breaks a database constraint, leaving the previous one', () => {
    const db = openDatabase(':memory:');
    syncCuratedDataset(db, FIXTURE_DATA_DIR);
    const good = datasetVersion(db, 'curated');
    // A participant listed twice with the same role violates the unique constraint inside the transaction.
    edit(
      'events.yaml',
      '      - entity: jane-roe\n        role: speaker\n        citations: [{ source: report-a, quote: Jane Roe spoke }]\n',
      '      - entity: jane-roe\n        role: speaker\n        citations: [{ source: report-a, quote: Jane Roe spoke }]\n' +
        '      - entity: jane-roe\n        role: speaker\n        citations: [{ source: report-a, quote: Jane Roe spoke }]\n',
    );
    expect(() => syncCuratedDataset(db, work.dir)).toThrow(/violates a database constraint/);
    expect(datasetVersion(db, 'curated')).toBe(good);
    const { n } = db.prepare('SELECT count(*) AS n FROM entities').get() as { n: number };
    expect(n).toBe(4);
    db.close();
  });
});
