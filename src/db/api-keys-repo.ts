import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { secretsEqual } from '../auth/api-key.js';
import type { Scope } from '../auth/scopes.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

/** What the API knows of a key while serving a request. */
export interface ActiveKey {
  id: string;
  name: string;
  scopes: Scope[];
}

/** A key as `keys list` shows it: never the key, never its hash. */
export interface KeyView extends ActiveKey {
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export class KeyNameTakenError extends Error {
  constructor(readonly keyName: string) {
    super(`an active key is already named ${JSON.stringify(keyName)}`);
  }
}

export type RevokeOutcome =
  | { outcome: 'revoked'; key: KeyView }
  | { outcome: 'already-revoked'; key: KeyView }
  | { outcome: 'not-found' };

const KEY_COLUMNS =
  'id, name, scopes, created_at AS createdAt, revoked_at AS revokedAt, last_used_at AS lastUsedAt';

type KeyRow = Omit<KeyView, 'scopes'> & { scopes: string };

const toView = ({ scopes, ...row }: KeyRow): KeyView => ({ ...row, scopes: scopes.split(',') as Scope[] });

/** Stores a key by its hash under a new public id (`key_` + 12 hex digits), which it returns. */
export function createKey(db: Db, key: { name: string; keyHash: string; scopes: readonly Scope[]; createdAt: string }): string {
  const id = `key_${randomBytes(6).toString('hex')}`;
  try {
    db.prepare('INSERT INTO api_keys (id, name, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)').run(
      id,
      key.name,
      key.keyHash,
      key.scopes.join(','),
      key.createdAt,
    );
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('api_keys.name')) {
      throw new KeyNameTakenError(key.name);
    }
    throw err;
  }
  return id;
}

/**
 * The unrevoked key with this hash, if any: one read through the unique index on key_hash (on every request). The
 * index finds the row; the stored hash is then compared with the presented one in constant time as well, so no step
 * of the check depends on how much of a guess is right.
 */
export function findActiveByHash(db: Db, keyHash: string): ActiveKey | null {
  const row = statement(db, 'SELECT id, name, scopes, key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL').get(keyHash) as
    | { id: string; name: string; scopes: string; key_hash: string }
    | undefined;
  if (!row || !secretsEqual(row.key_hash, keyHash)) return null;
  return { id: row.id, name: row.name, scopes: row.scopes.split(',') as Scope[] };
}

/** Every key, revoked ones included, oldest first. */
export function listKeys(db: Db): KeyView[] {
  return (db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at, rowid`).all() as KeyRow[]).map(toView);
}

/** Whether any unrevoked key exists: cheap enough to ask on every anonymous request (one step through an index). */
export function hasActiveKey(db: Db): boolean {
  const row = statement(db, 'SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL) AS found').get() as { found: number } | undefined;
  return row?.found === 1;
}

export function countActiveKeys(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL').get() as { n: number }).n;
}

/**
 * Revokes a key by id, or else the active key of that name. The row stays, so the audit trail's key ids keep a
 * name; a revoked key is refused from the next request on.
 */
export function revokeKey(db: Db, idOrName: string, revokedAt: string): RevokeOutcome {
  return db.transaction((): RevokeOutcome => {
    const row = (db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`).get(idOrName) ??
      db.prepare(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE name = ? ORDER BY revoked_at IS NULL DESC, revoked_at DESC`).get(idOrName)) as
      | KeyRow
      | undefined;
    if (!row) return { outcome: 'not-found' };
    if (row.revokedAt !== null) return { outcome: 'already-revoked', key: toView(row) };
    db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(revokedAt, row.id);
    return { outcome: 'revoked', key: toView({ ...row, revokedAt }) };
  })();
}

/**
 * Records that a key was used. Returns false, without waiting, when another connection holds the write lock (an
 * import can hold it for seconds): a missed touch costs a slightly stale timestamp, waiting would stall every request.
 */
export function touchLastUsed(db: Db, id: string, at: string): boolean {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(at, id);
    return true;
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_BUSY') return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
