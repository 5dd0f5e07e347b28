import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as runInProcess } from '../src/cli-main.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/app.js';

const work = tempDir();
const database = path.join(work.dir, 'cli.db');
const missing = path.join(work.dir, 'missing.csv');
// The commands run in this process read DATABASE_PATH; none of these cases may open it.
process.env.DATABASE_PATH = database;
afterAll(() => work.cleanup());

/** Runs the CLI in this process: its exit status and what it printed itself. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('issue 16 item 9: every command and subcommand answers --help', () => {
  it.each([
    [['--help'], 'usage: screening <command>'],
    [['import', '--help'], 'usage: screening import <ofac-xml|ofac-csv|un-xml|eu-xml|uk-conlist|uk-fcdo-xml> <path-or-url>'],
    [['screen', '--help'], 'usage: screening screen <customers.csv>'],
    [['audit', '--help'], 'usage: screening audit prune'],
    [['audit', 'prune', '--help'], 'usage: screening audit prune'],
    [['keys', '--help'], 'usage: screening keys create'],
    [['keys', 'create', '-h'], 'usage: screening keys create'],
    [['keys', 'list', '--help'], 'usage: screening keys create'],
    [['keys', 'revoke', '--help'], 'usage: screening keys create'],
    [['migrate', '--help'], 'usage: screening migrate'],
  ])('%j prints its usage on stdout and exits 0, without opening the database', async (args, usage) => {
    const result = await cli(...args);
    expect(result).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    expect(result.stdout.slice(0, usage.length)).toBe(usage);
    expect(fs.existsSync(database)).toBe(false);
  });
});

describe('issue 16 item 9: a wrong command line is one line naming the problem, before the database is opened', () => {
  it.each([
    ['an unknown command', ['frobnicate'], 2, 'screening: unknown command "frobnicate": use import, screen, audit, keys, monitors, migrate (see screening --help)'],
    ['no command', [], 2, 'screening: missing command: use import, screen, audit, keys, monitors, migrate (see screening --help)'],
    ['an unknown list format', ['import', 'ofac-json', 'sdn.json'], 2, 'screening import: unknown list format "ofac-json": use ofac-xml, ofac-csv, un-xml, eu-xml, uk-conlist, uk-fcdo-xml (see screening import --help)'],
    ['an import without a file', ['import', 'un-xml'], 2, 'screening import: give the un-xml file, folder or URL to import (see screening import --help)'],
    ['a missing list file', ['import', 'ofac-xml', missing], 1, `screening import: no such file or folder: ${missing}`],
    ['a missing CSV file', ['screen', missing], 1, `screening screen: no such file: ${missing}`],
    ['a screen without a file', ['screen'], 2, 'screening screen: give the CSV file to screen (see screening screen --help)'],
    ['an unknown audit command', ['audit', 'nonsense'], 2, 'screening audit: unknown audit command "nonsense": use prune (see screening audit --help)'],
    ['an argument too many', ['audit', 'prune', 'now'], 2, 'screening audit: audit prune takes no arguments (got now) (see screening audit --help)'],
  ])('%s', async (_case, args, code, message) => {
    expect(await cli(...args)).toEqual({ code, stdout: '', stderr: `${message}\n` });
    expect(fs.existsSync(database)).toBe(false);
  });

  it('an unknown option', async () => {
    const result = await cli('screen', missing, '--output', 'results.csv');
    expect(result).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^screening screen: Unknown option '--output'\.[^\n]* \(see screening screen --help\)\n$/) });
  });
});

describe.concurrent('issue 16 item 9: the command itself prints one line naming the problem, never a stack trace', () => {
  const env = { DATABASE_PATH: database };
  it('import --help', async () => {
    const result = await runCli(['import', '--help'], env);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^usage: screening import /), stderr: '' });
  });

  it('AUDIT_RETENTION_DAYS=0 npm run audit -- prune', async () => {
    expect(await runCli(['audit', 'prune'], { ...env, AUDIT_RETENTION_DAYS: '0' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'screening audit: Invalid configuration: AUDIT_RETENTION_DAYS: Too small: expected number to be >=1 (got "0")\n',
    });
  });

  it('an unknown command', async () => {
    expect(await runCli(['frobnicate'], env)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'screening: unknown command "frobnicate": use import, screen, audit, keys, monitors, migrate (see screening --help)\n',
    });
  });

  it('a missing file', async () => {
    expect(await runCli(['screen', missing], env)).toEqual({ code: 1, stdout: '', stderr: `screening screen: no such file: ${missing}\n` });
  });

  it('a database that cannot be opened', async () => {
    expect(await runCli(['audit', 'prune'], { DATABASE_PATH: work.dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: `screening audit: cannot open the database ${work.dir}: unable to open database file\n`,
    });
  });
});
