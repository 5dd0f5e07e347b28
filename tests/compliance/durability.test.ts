import path from 'node:path';
import { sqliteStore } from '../../src/store/store.js';
import { afterAll, describe, expect, it } from 'vitest';
import { getScreening } from '../../src/db/audit-repo.js';
import { openDatabase } from '../../src/db/database.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { exitOf, listeningAddress, startServer } from '../helpers/server.js';

const work = tempDir();
afterAll(() => work.cleanup());

describe('an acknowledged screening is never lost', () => {
  it('survives SIGKILL of the server under load: every id a client received is on record after restart', async () => {
    const database = path.join(work.dir, 'kill.db');
    const child = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: database,
      DATA_DIR: FIXTURE_DATA_DIR,
      // This test is about durability under load, not rate limits.
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
    });
    const exited = exitOf(child);
    const base = await listeningAddress(child);

    const received: string[] = [];
    let failed = 0;
    const worker = async (n: number) => {
      for (let i = 0; i < 200; i++) {
        try {
          const res = await fetch(`${base}/v1/screen`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: i % 2 ? 'Crimson Group' : `Customer ${n}-${i}` }),
          });
          const body = (await res.json()) as { screeningId?: string };
          if (body.screeningId) received.push(body.screeningId);
          if (received.length === 150) child.kill('SIGKILL');
        } catch {
          failed++;
          return; // the server is gone: this client stops
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, n) => worker(n)));
    expect((await exited).signal).toBe('SIGKILL');
    expect(failed).toBeGreaterThan(0);
    expect(received.length).toBeGreaterThanOrEqual(150);

    // "Restart": open the database as the next server would, and look every acknowledged id up.
    const db = openDatabase(database);
    const store = sqliteStore(db).db;
    const missing: string[] = [];
    for (const id of received) if ((await getScreening(store, id)) === null) missing.push(id);
    db.close();
    expect(missing).toEqual([]);
  });
});
