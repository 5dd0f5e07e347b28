import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { setMonitorStatus, upsertMonitor } from '../../src/db/monitors-repo.js';
import { MonitorNameIndex } from '../../src/monitoring/reverse-index.js';
import { subjectNameKeys } from '../../src/monitoring/screening.js';
import { keysOfName } from '../../src/screening/name-keys.js';
import { databaseEachTest } from '../helpers/app.js';

const test = databaseEachTest();

function monitor(db: Db, ref: string, name: string): number {
  upsertMonitor(db, {
    ref,
    status: 'active',
    subjectJson: JSON.stringify({ name, kind: 'person' }),
    nameKeys: subjectNameKeys({ name, kind: 'person' }),
    address: null,
    at: '2026-12-01T00:00:00.000Z',
    screeningId: `screening-${ref}`,
    matchesJson: '[]',
    matchRecords: [],
  });
  return (db.prepare('SELECT id FROM monitors WHERE ref = ?').get(ref) as { id: number }).id;
}

/** The refs of the monitors a listed name retrieves. */
function retrieved(db: Db, index: MonitorNameIndex, listedName: string): string[] {
  const ids = new Set<number>();
  index.candidates(keysOfName(listedName, 'person'), ids);
  return [...ids].map((id) => (db.prepare('SELECT ref FROM monitors WHERE id = ?').get(id) as { ref: string }).ref).sort();
}

describe('the reverse index of monitored names', () => {
  it('finds monitors written before it was built, after it (kept apart), and after the base is rebuilt', () => {
    const { db } = test;
    monitor(db, 'm-1', 'Kim Chol Su');
    monitor(db, 'm-2', 'Fatima Haddad');
    // A rebuild of the base once more than 2 monitors (or a tenth of the base) are written since it was built.
    const index = new MonitorNameIndex(2);
    index.catchUp(db);
    expect(index.size).toBe(2);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1']);

    monitor(db, 'm-3', 'Kim Chol Sun');
    index.catchUp(db);
    expect(index.size).toBe(3);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1', 'm-3']);
    expect(retrieved(db, index, 'Fatima Hadad')).toEqual(['m-2']);

    monitor(db, 'm-4', 'Kim Chol Soo');
    monitor(db, 'm-5', 'Fatma Haddad');
    index.catchUp(db);
    expect(index.size).toBe(5);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1', 'm-3', 'm-4']);
    expect(retrieved(db, index, 'Fatima Hadad')).toEqual(['m-2', 'm-5']);
  });

  it('drops a monitor paused since the base from the recent part, and reads nothing again when nothing was written', () => {
    const { db } = test;
    monitor(db, 'm-1', 'Kim Chol Su');
    const index = new MonitorNameIndex();
    index.catchUp(db);
    monitor(db, 'm-2', 'Kim Chol Sun');
    index.catchUp(db);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1', 'm-2']);
    setMonitorStatus(db, 'm-2', 'paused', '2026-12-01T00:01:00.000Z');
    index.catchUp(db);
    expect(index.size).toBe(1);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1']);
    index.catchUp(db);
    expect(retrieved(db, index, 'KIM Chol-su')).toEqual(['m-1']);
  });
});
