import { generateApiKey, hashApiKey } from './auth/api-key.js';
import { SCOPES, parseScopes } from './auth/scopes.js';
import { withStore } from './cli-database.js';
import { type CliOutput, CliError, parseCommandLine, usageError } from './cli-errors.js';
import { type KeyView, KeyNameTakenError, createKey, listKeys, revokeKey } from './db/api-keys-repo.js';
import type { StoreDb } from './store/store.js';

export const KEYS_USAGE = `usage: screening keys create --name <name> --scopes <${SCOPES.join(',')}>
       screening keys list
       screening keys revoke <id-or-name>

  create   makes a key and prints it once; only its hash is stored. Scopes: screen (screening and the data
           behind it), review (decisions), admin (everything). A name identifies one active key.
  list     every key with its scopes, creation, last use and revocation (never the key itself)
  revoke   refuses the key from the next request on; it stays listed for the audit trail

The database is DATABASE_URL when set (PostgreSQL), else DATABASE_PATH (default var/screening.db); a running server picks changes up without a restart.`;

const KEY_NAME = /^[\w.@-]{1,64}$/;

/** The `keys` command of the CLI: runs on the shared database (DATABASE_URL, else the file at DATABASE_PATH). */
export async function keysCommand(args: string[]): Promise<number> {
  return withStore((store) => runKeys(args, store));
}

/** `keys create|list|revoke`: exit code 0 on success, 1 when the database refuses (name taken, unknown key), 2 on a usage error. */
export async function runKeys(args: string[], db: StoreDb, out: CliOutput = process): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'create':
        return await createCommand(rest, db, out);
      case 'list':
        if (rest.length > 0) throw usageError('keys', `keys list takes no arguments (got ${rest.join(' ')})`);
        out.stdout.write(formatKeys(await listKeys(db)));
        return 0;
      case 'revoke':
        return await revokeCommand(rest, db, out);
      default:
        throw usageError('keys', command ? `unknown keys command: ${command}` : 'missing keys command');
    }
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    out.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
}

async function createCommand(args: string[], db: StoreDb, out: CliOutput): Promise<number> {
  const { values, positionals } = parseCommandLine('keys', { args, options: { name: { type: 'string' }, scopes: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw usageError('keys', `unexpected argument: ${positionals.join(' ')}`);
  if (!values.name) throw usageError('keys', '--name is required');
  if (!KEY_NAME.test(values.name)) throw usageError('keys', `--name must be 1 to 64 letters, digits or _ . @ - (got ${JSON.stringify(values.name)})`);
  if (!values.scopes) throw usageError('keys', `--scopes is required: a comma-separated list of ${SCOPES.join(', ')}`);
  const { scopes, unknown } = parseScopes(values.scopes);
  if (unknown.length > 0) throw usageError('keys', `unknown scope ${unknown.join(', ')}: use ${SCOPES.join(', ')}`);
  if (scopes.length === 0) throw usageError('keys', `--scopes is empty: use ${SCOPES.join(', ')}`);

  const key = generateApiKey();
  try {
    const id = await createKey(db, { name: values.name, keyHash: hashApiKey(key), scopes, createdAt: new Date().toISOString() });
    out.stdout.write(`${key}\n`);
    out.stderr.write(
      `created ${id} "${values.name}" with scopes ${scopes.join(', ')}.\n` +
        'The key above is shown only this once and cannot be recovered: store it now. Send it as Authorization: Bearer <key>.\n',
    );
    return 0;
  } catch (err) {
    if (!(err instanceof KeyNameTakenError)) throw err;
    out.stderr.write(`${err.message}; choose another name or revoke that key first (screening keys revoke ${err.keyName})\n`);
    return 1;
  }
}

async function revokeCommand(args: string[], db: StoreDb, out: CliOutput): Promise<number> {
  const { positionals } = parseCommandLine('keys', { args, allowPositionals: true });
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw usageError('keys', 'keys revoke takes one key id or name');
  const result = await revokeKey(db, target, new Date().toISOString());
  switch (result.outcome) {
    case 'not-found':
      out.stderr.write(`no key has the id or name ${JSON.stringify(target)} (see screening keys list)\n`);
      return 1;
    case 'already-revoked':
      out.stderr.write(`${result.key.id} "${result.key.name}" was already revoked at ${result.key.revokedAt}\n`);
      return 1;
    case 'revoked':
      out.stdout.write(`revoked ${result.key.id} "${result.key.name}"; it is refused from the next request on\n`);
      return 0;
  }
}

function formatKeys(keys: KeyView[]): string {
  if (keys.length === 0) return 'no API keys (create one with: screening keys create --name <name> --scopes screen)\n';
  const rows = [
    ['id', 'name', 'scopes', 'created', 'last used', 'revoked'],
    ...keys.map((k) => [k.id, k.name, k.scopes.join(','), k.createdAt, k.lastUsedAt ?? '-', k.revokedAt ?? '-']),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}
