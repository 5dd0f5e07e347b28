import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { importList } from '../../src/ingest/import-list.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

/** A UN list of `count` made-up individuals (enough names that building their state takes many slices), plus `extra`. */
function unList(dateGenerated: string, count: number, extra: string[] = []): string {
  const person = (i: number, name: string) =>
    `<INDIVIDUAL><DATAID>${8_000_000 + i}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>${name}</FIRST_NAME>` +
    `<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.${9000 + i}</REFERENCE_NUMBER><LISTED_ON>2020-01-02</LISTED_ON>` +
    `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>${name} Alias</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL>`;
  const names = [...Array.from({ length: count }, (_, i) => `SYNTHETIC PERSON ${i.toString(36).toUpperCase()} QWERTY`), ...extra];
  return (
    `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="${dateGenerated}T00:00:00.000Z">` +
    `<INDIVIDUALS>${names.map((n, i) => person(i, n)).join('')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`
  );
}

const NEW_NAME = 'ZORVATH BLENMOOR';

const work = tempDir();
const file = path.join(work.dir, 'screening.db');
let app: FastifyInstance;
beforeAll(async () => {
  fs.writeFileSync(path.join(work.dir, 'v1.xml'), unList('2026-01-10', 1500));
  fs.writeFileSync(path.join(work.dir, 'v2.xml'), unList('2026-01-20', 1500, [NEW_NAME]));
  app = await buildTestApp({ DATABASE_PATH: file, DATA_REFRESH_MS: 0 });
  await importList(app.catalog.db, 'un-xml', path.join(work.dir, 'v1.xml'));
  app.catalog.refresh();
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

interface Answer {
  status: number;
  unVersion: string | undefined;
  found: boolean;
  duringRebuild: boolean;
}

describe('a rebuild in slices (a server swapping in a new list version)', () => {
  it('answers every screening meanwhile from the old version, then from the new one, never with an error', async () => {
    const unVersion = () => app.catalog.datasets.find((d) => d.id === 'un-sc')?.version;
    const oldVersion = unVersion();
    const other = openDatabase(file);
    await importList(other, 'un-xml', path.join(work.dir, 'v2.xml'));
    other.close();

    let rebuilding = true;
    const rebuilt = app.catalog.refreshInBackground().finally(() => {
      rebuilding = false;
    });
    const answers: Answer[] = [];
    const screenOnce = async () => {
      const duringRebuild = rebuilding;
      const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: NEW_NAME } });
      const body = res.json() as { datasets?: { id: string; version: string }[]; matches?: { entity: { name: string } }[] };
      answers.push({
        status: res.statusCode,
        unVersion: body.datasets?.find((d) => d.id === 'un-sc')?.version,
        found: (body.matches ?? []).some((m) => m.entity.name === NEW_NAME),
        duringRebuild,
      });
    };
    while (rebuilding) await screenOnce();
    expect(await rebuilt).toBe(true);
    await screenOnce();

    const newVersion = unVersion();
    expect(newVersion).not.toBe(oldVersion);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Each answer is wholly of one version: the old one without the new party, or the new one with it.
    for (const a of answers) {
      expect([{ unVersion: oldVersion, found: false }, { unVersion: newVersion, found: true }]).toContainEqual({ unVersion: a.unVersion, found: a.found });
    }
    // Requests were answered while the state was being built, and once the new state was in, never the old one again.
    expect(answers.filter((a) => a.duringRebuild).length).toBeGreaterThan(0);
    const firstNew = answers.findIndex((a) => a.unVersion === newVersion);
    expect(firstNew).toBeGreaterThan(0);
    expect(answers.slice(firstNew).every((a) => a.unVersion === newVersion)).toBe(true);
    expect(answers.at(-1)).toMatchObject({ unVersion: newVersion, found: true, duringRebuild: false });
  });

  it('shares one rebuild between calls made while it runs, and does nothing when nothing changed', async () => {
    const [a, b] = await Promise.all([app.catalog.refreshInBackground(), app.catalog.refreshInBackground()]);
    expect([a, b]).toEqual([false, false]);
  });
});
