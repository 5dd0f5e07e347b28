import { AUDIT_USAGE, auditCommand } from './cli-audit.js';
import { withStore } from './cli-database.js';
import { type CliOutput, CliError, asksForHelp, oneLine } from './cli-errors.js';
import { IMPORT_USAGE, runImport } from './cli-import.js';
import { KEYS_USAGE, keysCommand } from './cli-keys.js';
import { MIGRATE_USAGE, migrateCommand } from './cli-migrate.js';
import { MONITORS_USAGE, monitorsCommand } from './cli-monitors.js';
import { SCREEN_USAGE, runScreen, screenOptions } from './cli-screen.js';

interface Command {
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  import: { usage: IMPORT_USAGE, run: runImport },
  screen: {
    usage: SCREEN_USAGE,
    run: (args) => {
      // The command line and the file are checked before the database is opened (and perhaps created).
      const options = screenOptions(args);
      return withStore((store, db) => runScreen(options, db, process.stdout, store));
    },
  },
  audit: { usage: AUDIT_USAGE, run: auditCommand },
  keys: { usage: KEYS_USAGE, run: keysCommand },
  monitors: { usage: MONITORS_USAGE, run: (args) => monitorsCommand(args) },
  migrate: { usage: MIGRATE_USAGE, run: (args) => migrateCommand(args) },
};

const NAMES = Object.keys(COMMANDS).join(', ');

const USAGE = `usage: screening <command> …   (screening <command> --help for each)

  import   import an official sanctions list (OFAC SDN XML or CSV, UN consolidated XML) as a dataset
  screen   screen every row of a CSV file of customers, writing the results as CSV
  audit    audit prune: delete screenings older than AUDIT_RETENTION_DAYS
  keys     create, list and revoke API keys
  monitors import a CSV of customers as monitors, or re-screen every monitor
  migrate  apply the database migrations (SQLite, and PostgreSQL with DATABASE_URL) and say which

Every command works on the database at DATABASE_PATH (default var/screening.db); audit records, keys and monitors
go to DATABASE_URL instead when it is set (PostgreSQL, shared by every replica). An error is one line on stderr;
the exit status is 0 on success, 1 when the command fails, 2 when the command line is wrong.`;

/**
 * Runs the command named first in `argv` and returns its exit status; `--help` anywhere prints its usage on stdout
 * instead. Whatever goes wrong is one line on stderr naming the problem.
 */
export async function runCli(argv: string[], io: CliOutput = process): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    const command = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? ` ${argv[0]}` : '';
    io.stderr.write(`screening${command}: ${oneLine(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

async function dispatch(argv: string[], io: CliOutput): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (name === undefined) throw new CliError(`missing command: use ${NAMES} (see screening --help)`, 2);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new CliError(`unknown command "${name}": use ${NAMES} (see screening --help)`, 2);
  if (asksForHelp(args)) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(args);
}
