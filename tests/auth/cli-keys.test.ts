import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-key.js';
import { runKeys } from '../../src/cli-keys.js';
import { type Db, openDatabase } from '../../src/db/database.js';
import { type StoreDb, sqliteStore } from '../../src/store/store.js';
import { bearer, buildAuthApp } from './helpers.js';

let db: Db;
let store: StoreDb;
beforeEach(() => {
  db = openDatabase(':memory:');
  store = sqliteStore(db).db;
});
afterEach(() => db.close());

/** Runs `keys …` and returns its exit code and output. */
async function keys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runKeys(args, store, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

const tableRows = () => db.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];

describe('keys create', () => {
  it('prints the key once, alone on stdout, and stores only its hash', async () => {
    const created = await keys('create', '--name', 'ci', '--scopes', 'screen,review');
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(created.stdout).toBe(`${key}\n`);
    expect(key).toMatch(/^dprk_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/^created key_[0-9a-f]{12} "ci" with scopes screen, review\.\nThe key above is shown only this once/);

    const [row] = tableRows();
    expect(row).toMatchObject({ name: 'ci', key_hash: hashApiKey(key), scopes: 'screen,review', revoked_at: null });
    const stored = JSON.stringify(tableRows());
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice('dprk_'.length));
  });

  it('makes a key the API accepts', async () => {
    const key = (await keys('create', '--name', 'ci', '--scopes', 'screen')).stdout.trim();
    const { app } = await buildAuthApp(store);
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(key) })).statusCode).toBe(200);
    await app.close();
  });

  it('refuses a name an active key has (exit 1)', async () => {
    await keys('create', '--name', 'ci', '--scopes', 'screen');
    const again = await keys('create', '--name', 'ci', '--scopes', 'admin');
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'an active key is already named "ci"; choose another name or revoke that key first (screening keys revoke ci)\n',
    });
    expect(tableRows()).toHaveLength(1);
  });

  it.each([
    [['--scopes', 'screen'], '--name is required'],
    [['--name', 'ci'], '--scopes is required: a comma-separated list of screen, review, admin'],
    [['--name', 'ci', '--scopes', 'screen,root'], 'unknown scope root: use screen, review, admin'],
    [['--name', 'ci', '--scopes', ','], '--scopes is empty: use screen, review, admin'],
    [['--name', 'two words', '--scopes', 'screen'], '--name must be 1 to 64 letters, digits or _ . @ - (got "two words")'],
    [['--name', 'ci', '--scopes', 'screen', '--admin'], "Unknown option '--admin'"],
  ])('is a usage error (exit 2) on one line with %j', async (args, message) => {
    const result = await keys('create', ...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/^[^\n]+ \(see screening keys --help\)\n$/);
    expect(tableRows()).toEqual([]);
  });
});

describe('keys list', () => {
  it('shows every key, revoked ones too, and never the key or its hash', async () => {
    expect(await keys('list')).toEqual({
      code: 0,
      stdout: 'no API keys (create one with: screening keys create --name <name> --scopes screen)\n',
      stderr: '',
    });
    const key = (await keys('create', '--name', 'ci', '--scopes', 'screen')).stdout.trim();
    await keys('create', '--name', 'ops', '--scopes', 'admin');
    await keys('revoke', 'ci');

    const listed = await keys('list');
    expect(listed.code).toBe(0);
    // Oldest first; two keys made in the same millisecond (as here, in one process) are equally old, so the rows are
    // read in name order.
    const [header = '', ...rows] = listed.stdout.trimEnd().split('\n');
    const lines = [header, ...rows.sort((a, b) => a.split(/\s+/)[1]!.localeCompare(b.split(/\s+/)[1]!))];
    expect(lines[0]).toMatch(/^id\s+name\s+scopes\s+created\s+last used\s+revoked$/);
    expect(lines[1]).toMatch(/^key_[0-9a-f]{12}\s+ci\s+screen\s+\d{4}-\d\d-\d\dT\S+\s+-\s+\d{4}-\d\d-\d\dT\S+$/);
    expect(lines[2]).toMatch(/^key_[0-9a-f]{12}\s+ops\s+admin\s+\d{4}-\d\d-\d\dT\S+\s+-\s+-$/);
    expect(lines).toHaveLength(3);
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain(hashApiKey(key));
  });
});

describe('keys revoke', () => {
  it('revokes by name or id, then reports it already revoked (exit 1) or unknown (exit 1)', async () => {
    await keys('create', '--name', 'ci', '--scopes', 'screen');
    await keys('create', '--name', 'ops', '--scopes', 'admin');
    const [ci, ops] = tableRows() as { id: string }[];

    const byName = await keys('revoke', 'ci');
    expect(byName).toEqual({ code: 0, stdout: `revoked ${ci?.id} "ci"; it is refused from the next request on\n`, stderr: '' });
    expect((await keys('revoke', ops?.id ?? '')).code).toBe(0);

    const again = await keys('revoke', 'ci');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^${ci?.id} "ci" was already revoked at \\d{4}-`));
    expect(await keys('revoke', 'nobody')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no key has the id or name "nobody" (see screening keys list)\n',
    });
  });

  it('is a usage error (exit 2) without exactly one id or name', async () => {
    expect((await keys('revoke')).code).toBe(2);
    expect((await keys('revoke', 'a', 'b')).code).toBe(2);
  });
});

describe('keys', () => {
  it('is a usage error (exit 2) without a known command', async () => {
    const none = await keys();
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('missing keys command (see screening keys --help)\n');
    expect((await keys('rotate')).stderr).toBe('unknown keys command: rotate (see screening keys --help)\n');
    expect((await keys('list', 'extra')).code).toBe(2);
  });
});
