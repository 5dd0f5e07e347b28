import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

describe('npm run monitors', () => {
  it('imports a CSV of customers, naming the line of a bad row, then re-screens every monitor as a recorded run', async () => {
    const work = tempDir();
    try {
      const database = path.join(work.dir, 'cli.db');
      const db = openDatabase(database);
      syncCuratedDataset(db, FIXTURE_DATA_DIR);
      db.close();
      const csv = path.join(work.dir, 'customers.csv');
      fs.writeFileSync(csv, 'ref,name,kind,segment\nc-1,Crimson Group,group,retail\nc-2,,person,retail\nc-3,Jane Roe,person,private\n');
      const env = { DATABASE_PATH: database, DATA_DIR: FIXTURE_DATA_DIR };
      const imported = await runCli(['monitors', 'import', csv], env);
      expect(imported.stdout).toBe('3 rows: 2 created, 0 replaced, 0 unchanged, 1 in error\n');
      expect(imported.stderr).toContain('line 3: name: give a `name`, an `address`, `identifiers`, or several');
      expect(imported.code).toBe(1);
      const again = await runCli(['monitors', 'import', csv], env);
      expect(again.stdout).toBe('3 rows: 0 created, 0 replaced, 2 unchanged, 1 in error\n');
      const rescreen = await runCli(['monitors', 'rescreen'], env);
      expect(rescreen.code).toBe(0);
      expect(rescreen.stdout).toMatch(/^2 monitors screened, 0 alerts raised, in \d+\.\d s\n$/);
      const check = openDatabase(database);
      const run = check.prepare("SELECT kind, status, monitors_screened AS n FROM monitor_runs WHERE kind = 'full'").all();
      const channels = check.prepare("SELECT count(*) AS n FROM screenings WHERE channel = 'monitor'").get() as { n: number };
      check.close();
      expect(run).toEqual([{ kind: 'full', status: 'done', n: 2 }]);
      expect(channels.n).toBe(4);
      const dated = path.join(work.dir, 'dated.csv');
      fs.writeFileSync(dated, 'ref,name,kind,birth_date\nd-1,Jane Roe,person,13.10.1944\nd-2,John Roe,person,13 Oct 1944\nd-3,Joan Roe,person,1944-13-40\n');
      const datedImport = await runCli(['monitors', 'import', dated], env);
      expect(datedImport.stdout).toBe('3 rows: 2 created, 0 replaced, 0 unchanged, 1 in error\n');
      expect(datedImport.stderr).toContain('line 4: birthDate: not a date this service can read\n');
      const wrong = await runCli(['monitors', 'frobnicate'], env);
      expect(wrong.code).toBe(2);
    } finally {
      work.cleanup();
    }
  }, 120_000);
});
