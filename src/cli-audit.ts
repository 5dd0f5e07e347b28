import { withStore } from './cli-database.js';
import { usageError } from './cli-errors.js';
import { pruneScreenings } from './db/audit-repo.js';
import type { StoreDb } from './store/store.js';

export const AUDIT_USAGE = `usage: screening audit prune

  prune   delete the screenings recorded more than AUDIT_RETENTION_DAYS days ago (default 1825, five years),
          saying how many and up to when; nothing else ever deletes a screening

The database is DATABASE_URL when set (PostgreSQL), else DATABASE_PATH (default var/screening.db).`;

/** `audit prune`, on the shared database with the configured retention. */
export async function auditCommand(args: string[]): Promise<number> {
  const [command, ...extra] = args;
  if (command !== 'prune') throw usageError('audit', command ? `unknown audit command "${command}": use prune` : 'missing audit command: use prune');
  if (extra.length > 0) throw usageError('audit', `audit prune takes no arguments (got ${extra.join(' ')})`);
  return withStore((store, _db, config) => pruneAudit(store, config.AUDIT_RETENTION_DAYS));
}

/** Deletes the screenings older than the retention period, saying how many and up to when. */
export async function pruneAudit(db: StoreDb, retentionDays: number, stdout: { write(text: string): unknown } = process.stdout): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  const deleted = await pruneScreenings(db, cutoff);
  stdout.write(`deleted ${deleted} screenings recorded before ${cutoff} (retention ${retentionDays} days)\n`);
  return 0;
}
