import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerToken, generateApiKey, hashApiKey, isWellFormedApiKey, secretsEqual } from '../../src/auth/api-key.js';
import { grants, parseScopes } from '../../src/auth/scopes.js';
import {
  KeyNameTakenError,
  countActiveKeys,
  createKey,
  findActiveByHash,
  hasActiveKey,
  listKeys,
  revokeKey,
  touchLastUsed,
} from '../../src/db/api-keys-repo.js';
import { openDatabase } from '../../src/db/database.js';
import { sqliteStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/app.js';
import { describeEngines } from '../helpers/engines.js';
import { newKey } from './helpers.js';


describe('API key format', () => {
  it('is dprk_ and 43 base64url characters (32 random bytes), stored as its SHA-256 in hex', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^dprk_[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer  abc ', 'abc'],
    ['Basic abc', null],
    ['Bearer', null],
    ['Bearer a b', null],
  ])('bearerToken(%j) → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('secretsEqual, the constant-time comparison of secrets', () => {
  it.each([
    ['the same secret', 'whsec_abc', 'whsec_abc', true],
    ['one character off at the end', 'whsec_abc', 'whsec_abd', false],
    ['a prefix of the other (lengths differ)', 'whsec_ab', 'whsec_abc', false],
    ['empty against non-empty', '', 'x', false],
    ['two empty strings', '', '', true],
  ])('%s', (_case, a, b, equal) => {
    expect(secretsEqual(a, b)).toBe(equal);
  });
});

describe('scopes', () => {
  it('admin implies every scope; review and screen only themselves', () => {
    expect(grants(['admin'], 'screen')).toBe(true);
    expect(grants(['admin'], 'review')).toBe(true);
    expect(grants(['review'], 'screen')).toBe(false);
    expect(grants(['screen'], 'review')).toBe(false);
    expect(grants(['screen', 'review'], 'admin')).toBe(false);
  });

  it('are parsed from a comma-separated list, deduplicated, unknown ones reported', () => {
    expect(parseScopes('review, screen,review')).toEqual({ scopes: ['screen', 'review'], unknown: [] });
    expect(parseScopes('screen,root')).toEqual({ scopes: ['screen'], unknown: ['root'] });
  });
});

describeEngines('api keys repository', (engine) => {
  it('finds an active key by hash, and not once revoked; revoked keys stay listed', async () => {
    const db = engine.store.db;
    const { key, id } = await newKey(db, 'ci', ['screen', 'review']);
    expect(id).toMatch(/^key_[0-9a-f]{12}$/);
    expect(await findActiveByHash(db, hashApiKey(key))).toEqual({ id, name: 'ci', scopes: ['screen', 'review'] });
    expect(await countActiveKeys(db)).toBe(1);
    expect(await hasActiveKey(db)).toBe(true);

    expect(await revokeKey(db, 'ci', '2026-01-02T00:00:00.000Z')).toMatchObject({ outcome: 'revoked', key: { id } });
    expect(await findActiveByHash(db, hashApiKey(key))).toBeNull();
    expect(await countActiveKeys(db)).toBe(0);
    expect(await hasActiveKey(db)).toBe(false);
    expect(await revokeKey(db, id, '2026-01-03T00:00:00.000Z')).toMatchObject({ outcome: 'already-revoked', key: { revokedAt: '2026-01-02T00:00:00.000Z' } });
    expect(await revokeKey(db, 'nobody', '2026-01-03T00:00:00.000Z')).toEqual({ outcome: 'not-found' });
    expect(await listKeys(db)).toEqual([
      { id, name: 'ci', scopes: ['screen', 'review'], createdAt: expect.any(String), revokedAt: '2026-01-02T00:00:00.000Z', lastUsedAt: null },
    ]);
  });

  it('keeps names unique among active keys; a revoked key frees its name', async () => {
    const db = engine.store.db;
    await newKey(db, 'ci', ['screen']);
    await expect(newKey(db, 'ci', ['admin'])).rejects.toThrow(KeyNameTakenError);
    await revokeKey(db, 'ci', new Date().toISOString());
    const second = await newKey(db, 'ci', ['admin']);
    // By name, revoke picks the active key, not the older revoked one.
    expect(await revokeKey(db, 'ci', new Date().toISOString())).toMatchObject({ outcome: 'revoked', key: { id: second.id } });
  });

  it('records when a key was last used', async () => {
    const db = engine.store.db;
    const { id } = await newKey(db, 'ci', ['screen']);
    expect(await touchLastUsed(db, id, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect((await listKeys(db))[0]?.lastUsedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('rejects an empty scope list at the database too', async () => {
    await expect(createKey(engine.store.db, { name: 'x', keyHash: hashApiKey('k'), scopes: [], createdAt: 'now' })).rejects.toThrow(/CHECK|check constraint/);
  });
});

describe('api keys repository on SQLite', () => {
  it('skips recording last use, without waiting, while another process holds the write lock', async () => {
    const work = tempDir();
    const file = path.join(work.dir, 'keys.db');
    const server = openDatabase(file);
    const store = sqliteStore(server).db;
    const importer = openDatabase(file);
    const { id } = await newKey(store, 'ci', ['screen']);
    importer.exec('BEGIN IMMEDIATE');
    expect(await touchLastUsed(store, id, '2026-01-01T00:00:00.000Z')).toBe(false);
    importer.exec('ROLLBACK');
    expect(await touchLastUsed(store, id, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect((await listKeys(store))[0]?.lastUsedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(server.pragma('busy_timeout', { simple: true })).toBe(5000);
    importer.close();
    server.close();
    work.cleanup();
  });

});
