import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getScreening } from '../../src/db/audit-repo.js';
import { openDatabase } from '../../src/db/database.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

const work = tempDir();
afterAll(() => work.cleanup());

describe('an acknowledged screening is never lost', () => {
  it('survives SIGKILL of the server under load: every id a client received is on record after restart', async () => {
    const database = path.join(work.dir, 'kill.db');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'server.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_PATH: database,
        DATA_DIR: FIXTURE_DATA_DIR,
        // This test is about durability under load, not rate limits.
        RATE_LIMIT_PER_SECOND: '100000',
        RATE_LIMIT_BURST: '100000',
      },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`server exited before listening:\n${out}`)));
    });

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
    expect(await exited).toBe('SIGKILL');
    expect(failed).toBeGreaterThan(0);
    expect(received.length).toBeGreaterThanOrEqual(150);

    // "Restart": open the database as the next server would, and look every acknowledged id up.
    const db = openDatabase(database);
    const missing = received.filter((id) => getScreening(db, id) === null);
    db.close();
    expect(missing).toEqual([]);
  });
});
