import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { secretsEqual } from '../auth/api-key.js';
import type { Scope } from '../auth/scopes.js';
import type { StoreDb } from '../store/store.js';
import { isPostgres, isUniqueViolation } from '../store/transactions.js';

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

const KEY_COLUMNS = ['id', 'name', 'scopes', 'created_at as createdAt', 'revoked_at as revokedAt', 'last_used_at as lastUsedAt'] as const;

type KeyRow = Omit<KeyView, 'scopes'> & { scopes: string };

const toView = ({ scopes, ...row }: KeyRow): KeyView => ({ ...row, scopes: scopes.split(',') as Scope[] });

/** Stores a key by its hash under a new public id (`key_` + 12 hex digits), which it returns. */
export async function createKey(
  q: StoreDb,
  key: { name: string; keyHash: string; scopes: readonly Scope[]; createdAt: string },
): Promise<string> {
  const id = `key_${randomBytes(6).toString('hex')}`;
  try {
    await q
      .insertInto('api_keys')
      .values({ id, name: key.name, key_hash: key.keyHash, scopes: key.scopes.join(','), created_at: key.createdAt })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err, { sqliteColumn: 'api_keys.name', postgresIndex: 'api_keys_active_name' })) throw new KeyNameTakenError(key.name);
    throw err;
  }
  return id;
}

/**
 * The unrevoked key with this hash, if any: one read through the unique index on key_hash (on every request). The
 * index finds the row; the stored hash is then compared with the presented one in constant time as well, so no step
 * of the check depends on how much of a guess is right.
 */
export async function findActiveByHash(q: StoreDb, keyHash: string): Promise<ActiveKey | null> {
  const row = await q
    .selectFrom('api_keys')
    .select(['id', 'name', 'scopes', 'key_hash'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !secretsEqual(row.key_hash, keyHash)) return null;
  return { id: row.id, name: row.name, scopes: row.scopes.split(',') as Scope[] };
}

/** Every key, revoked ones included, oldest first. */
export async function listKeys(q: StoreDb): Promise<KeyView[]> {
  const rows = await q.selectFrom('api_keys').select(KEY_COLUMNS).orderBy('created_at').orderBy('id').execute();
  return rows.map(toView);
}

/** Whether any unrevoked key exists: cheap enough to ask on every anonymous request (one step through an index). */
export async function hasActiveKey(q: StoreDb): Promise<boolean> {
  const row = await q.selectFrom('api_keys').select('id').where('revoked_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function countActiveKeys(q: StoreDb): Promise<number> {
  const row = await q
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Revokes a key by id, or else the active key of that name. The row stays, so the audit trail's key ids keep a
 * name; a revoked key is refused from the next request on.
 */
export async function revokeKey(q: StoreDb, idOrName: string, revokedAt: string): Promise<RevokeOutcome> {
  // The update is conditional, so of two concurrent revocations one revokes and the other is told it already was.
  return q.transaction().execute(async (trx): Promise<RevokeOutcome> => {
    const row =
      (await trx.selectFrom('api_keys').select(KEY_COLUMNS).where('id', '=', idOrName).executeTakeFirst()) ??
      (await trx
        .selectFrom('api_keys')
        .select(KEY_COLUMNS)
        .where('name', '=', idOrName)
        .orderBy(sql`revoked_at IS NULL`, 'desc')
        .orderBy('revoked_at', 'desc')
        .limit(1)
        
        .executeTakeFirst());
    if (!row) return { outcome: 'not-found' };
    if (row.revokedAt !== null) return { outcome: 'already-revoked', key: toView(row) };
    const revoked = await trx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', row.id).where('revoked_at', 'is', null).executeTakeFirst();
    if (revoked.numUpdatedRows === 0n) return { outcome: 'already-revoked', key: toView(row) };
    return { outcome: 'revoked', key: toView({ ...row, revokedAt }) };
  });
}

/**
 * Records that a key was used. On SQLite it returns false, without waiting, when another connection holds the write
 * lock (an import can hold it for seconds): a missed touch costs a slightly stale timestamp, waiting would stall every
 * request. On PostgreSQL the update takes a row lock only, which nothing holds for long.
 */
export async function touchLastUsed(q: StoreDb, id: string, at: string): Promise<boolean> {
  if (isPostgres(q)) {
    await q.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    return true;
  }
  // One connection held throughout, so no other query runs while the busy timeout is lowered.
  return q.connection().execute(async (conn) => {
    const [setting] = (await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(conn)).rows;
    await sql`PRAGMA busy_timeout = 0`.execute(conn);
    try {
      await conn.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
      return true;
    } catch (err) {
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_BUSY') return false;
      throw err;
    } finally {
      await sql.raw(`PRAGMA busy_timeout = ${Number(setting?.timeout ?? 0)}`).execute(conn);
    }
  });
}
