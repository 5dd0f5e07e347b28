import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { type Db, openDatabase } from '../../src/db/database.js';
import { tempDir } from '../helpers/app.js';
import { newKey } from './helpers.js';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

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

describe('api keys repository', () => {
  it('finds an active key by hash, and not once revoked; revoked keys stay listed', () => {
    const { key, id } = newKey(db, 'ci', ['screen', 'review']);
    expect(id).toMatch(/^key_[0-9a-f]{12}$/);
    expect(findActiveByHash(db, hashApiKey(key))).toEqual({ id, name: 'ci', scopes: ['screen', 'review'] });
    expect(countActiveKeys(db)).toBe(1);
    expect(hasActiveKey(db)).toBe(true);

    expect(revokeKey(db, 'ci', '2026-01-02T00:00:00.000Z')).toMatchObject({ outcome: 'revoked', key: { id } });
    expect(findActiveByHash(db, hashApiKey(key))).toBeNull();
    expect(countActiveKeys(db)).toBe(0);
    expect(hasActiveKey(db)).toBe(false);
    expect(revokeKey(db, id, '2026-01-03T00:00:00.000Z')).toMatchObject({ outcome: 'already-revoked', key: { revokedAt: '2026-01-02T00:00:00.000Z' } });
    expect(revokeKey(db, 'nobody', '2026-01-03T00:00:00.000Z')).toEqual({ outcome: 'not-found' });
    expect(listKeys(db)).toEqual([
      { id, name: 'ci', scopes: ['screen', 'review'], createdAt: expect.any(String), revokedAt: '2026-01-02T00:00:00.000Z', lastUsedAt: null },
    ]);
  });

  it('keeps names unique among active keys; a revoked key frees its name', () => {
    newKey(db, 'ci', ['screen']);
    expect(() => newKey(db, 'ci', ['admin'])).toThrow(KeyNameTakenError);
    revokeKey(db, 'ci', new Date().toISOString());
    const second = newKey(db, 'ci', ['admin']);
    // By name, revoke picks the active key, not the older revoked one.
    expect(revokeKey(db, 'ci', new Date().toISOString())).toMatchObject({ outcome: 'revoked', key: { id: second.id } });
  });

  it('skips recording last use, without waiting, while another process holds the write lock', () => {
    const work = tempDir();
    const file = path.join(work.dir, 'keys.db');
    const server = openDatabase(file);
    const importer = openDatabase(file);
    const { id } = newKey(server, 'ci', ['screen']);
    importer.exec('BEGIN IMMEDIATE');
    expect(touchLastUsed(server, id, '2026-01-01T00:00:00.000Z')).toBe(false);
    importer.exec('ROLLBACK');
    expect(touchLastUsed(server, id, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(listKeys(server)[0]?.lastUsedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(server.pragma('busy_timeout', { simple: true })).toBe(5000);
    importer.close();
    server.close();
    work.cleanup();
  });

  it('rejects an empty scope list at the database too', () => {
    expect(() => createKey(db, { name: 'x', keyHash: hashApiKey('k'), scopes: [], createdAt: 'now' })).toThrow(/CHECK/);
  });
});
