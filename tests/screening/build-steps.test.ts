import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/database.js';
import { importList } from '../../src/ingest/import-list.js';
import { buildState } from '../../src/screening/catalog.js';
import { tempDir } from '../helpers/app.js';

/** A UN list of `count` made-up individuals, each with an alias, a birth date and a nationality. */
function unList(count: number): string {
  const person = (i: number) =>
    `<INDIVIDUAL><DATAID>${7_000_000 + i}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>SYNTHETIC ${i.toString(36).toUpperCase()} PERSON</FIRST_NAME>` +
    `<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.${7000 + i}</REFERENCE_NUMBER><LISTED_ON>2020-01-02</LISTED_ON>` +
    `<NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>` +
    `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>ALIAS ${i.toString(36).toUpperCase()}</ALIAS_NAME></INDIVIDUAL_ALIAS>` +
    `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>19${String(40 + (i % 50))}-0${1 + (i % 9)}-1${i % 10}</DATE>` +
    `</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-01-10T00:00:00.000Z">` +
    `<INDIVIDUALS>${Array.from({ length: count }, (_, i) => person(i)).join('')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`
  );
}

const PEOPLE = 2000;

/**
 * A read-only connection that counts the rows its statements hand over (iterated, or returned by `all` or `get`):
 * what one step of the build read from SQLite, however fast or slow the machine is.
 */
function countingConnection(file: string): { db: Db; rowsRead: () => number } {
  const db = new Database(file, { readonly: true });
  let rows = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    const all = statement.all.bind(statement);
    const get = statement.get.bind(statement);
    const iterate = statement.iterate.bind(statement);
    statement.all = (...params: unknown[]) => {
      const result = all(...params);
      rows += result.length;
      return result;
    };
    statement.get = (...params: unknown[]) => {
      rows++;
      return get(...params);
    };
    statement.iterate = function* (...params: unknown[]) {
      for (const row of iterate(...params)) {
        rows++;
        yield row;
      }
    };
    return statement;
  }) as typeof db.prepare;
  return { db, rowsRead: () => rows };
}

const work = tempDir();
const file = path.join(work.dir, 'screening.db');
beforeAll(async () => {
  fs.writeFileSync(path.join(work.dir, 'un.xml'), unList(PEOPLE));
  const db = openDatabase(file);
  await importList(db, 'un-xml', path.join(work.dir, 'un.xml'));
  db.close();
});
afterAll(() => work.cleanup());

describe('building the screening state in steps (what a server does between requests)', () => {
  it('reads a bounded number of rows in any one step, the identities and the names included', () => {
    const { db, rowsRead } = countingConnection(file);
    db.exec('BEGIN');
    const steps = buildState(db, db);
    const perStep: number[] = [];
    let before = 0;
    for (let next = steps.next(); ; next = steps.next()) {
      perStep.push(rowsRead() - before);
      before = rowsRead();
      if (next.done) {
        expect(next.value.names.size).toBe(2 * PEOPLE);
        break;
      }
    }
    db.exec('COMMIT');
    db.close();
    // Every name, birth date and nationality was read (some 10,000 rows), yet no step read more than two pacer
    // chunks of rows (see steps.ts): before the identities were read in steps, one step read all 4,000 of theirs.
    expect(rowsRead()).toBeGreaterThan(5 * PEOPLE);
    expect(Math.max(...perStep)).toBeLessThanOrEqual(2 * 256 + 16);
  });
});
