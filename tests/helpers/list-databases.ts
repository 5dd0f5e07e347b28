/**
 * Databases holding the real lists, each imported once per run instead of once per test file: the first test file
 * that needs one builds it (exactly as the files did in their `beforeAll`: an app over `dataDir`, then each list
 * through `importList`, then the screening state swapped in) into a cache folder under the system's temporary
 * folder, and every file that needs it works on a copy of its own. Another worker needing the same database
 * meanwhile waits for that build rather than starting its own.
 *
 * A cached database is named by a hash of what it is built from: its lists' bytes, the dataset folder, every file
 * under src/ and migrations/, the lockfile and the Node version. Changing any of them builds it again.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WritePacing } from '../../src/db/sliced-writes.js';
import { type ListFormat, importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FIXTURE_DATA_DIR, REAL_DATA_DIR, buildTestApp } from './app.js';

/**
 * Writes in long slices without pauses: for an import no other writer waits on (a database being built before
 * anything else opens it, or a test whose subject is not the write lock). The default pacing leaves the lock free
 * half of the time.
 */
export const UNPACED: WritePacing = { sliceMs: 1_000, pauseMs: 0 };

export interface ListDatabase {
  /** Names the cached file: say what it holds. */
  readonly name: string;
  /** The curated dataset the app loads first (DATA_DIR). */
  readonly dataDir: string;
  /** The lists imported, in order. */
  readonly lists: readonly (readonly [ListFormat, string])[];
}

export const CACHE_DIR = path.join(os.tmpdir(), 'screening-test-list-databases');

const hashFile = (hash: ReturnType<typeof createHash>, file: string) => {
  hash.update(`${path.relative(PROJECT_ROOT, file)}\0`);
  hash.update(fs.readFileSync(file));
};

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (entry.isFile()) hashFile(hash, full);
  }
}

let codeHash: string | undefined;
/** What every database depends on beside its own inputs: the code that imports and stores, and its libraries. */
function hashOfCode(): string {
  if (codeHash === undefined) {
    const hash = createHash('sha256');
    hashTree(hash, path.join(PROJECT_ROOT, 'src'));
    hashTree(hash, path.join(PROJECT_ROOT, 'migrations'));
    hashFile(hash, path.join(PROJECT_ROOT, 'package-lock.json'));
    hash.update(process.version);
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

function keyOf(spec: ListDatabase): string {
  const hash = createHash('sha256');
  hash.update(hashOfCode());
  hashTree(hash, spec.dataDir);
  for (const [format, file] of spec.lists) {
    hash.update(`\0${format}\0`);
    hashFile(hash, file);
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Builds `spec` into `file`, as the test files did in their `beforeAll`. */
async function build(spec: ListDatabase, file: string): Promise<void> {
  const app = await buildTestApp({ DATA_DIR: spec.dataDir, DATABASE_PATH: file, DATA_REFRESH_MS: 0 });
  try {
    for (const [format, input] of spec.lists) await importList(app.catalog.db, format, input, { pacing: UNPACED });
    app.catalog.refresh();
  } finally {
    await app.close();
  }
  // Closing the last connection checkpoints the journal into the file: the file alone is then the whole database.
  if (fs.existsSync(`${file}-wal`)) throw new Error(`${file}: its write-ahead log outlived the connection`);
}

/** Who holds the build lock: its pid, or null while it has not written it yet (or the lock is gone). */
function lockOwner(lock: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')) || null;
  } catch {
    return null;
  }
}

/** A lock whose builder died, or that never got its pid written within a minute, is taken away. */
function staleLock(lock: string): boolean {
  const owner = lockOwner(lock);
  if (owner !== null) return !alive(owner);
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > 60_000;
  } catch {
    return false;
  }
}

/** Cached databases of `name` built from other code that no run has used for this long are deleted. */
const UNUSED_FOR_MS = 6 * 3_600_000;

function deleteUnused(name: string, keep: string): void {
  for (const entry of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, entry);
    if (file === keep || !entry.startsWith(`${name}-`) || !entry.endsWith('.db')) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > UNUSED_FOR_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another run deleted it first.
    }
  }
}

/** The cached database built from `spec`, built first if it is not cached yet (or waited for if another is building it). */
export async function cachedListDatabase(spec: ListDatabase): Promise<string> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${spec.name}-${keyOf(spec)}.db`);
  const lock = `${file}.lock`;
  for (;;) {
    try {
      // Marks it used, so that runs of other code keep it.
      const now = new Date();
      fs.utimesSync(file, now, now);
      return file;
    } catch {
      // Not built yet.
    }
    try {
      fs.mkdirSync(lock);
    } catch {
      if (staleLock(lock)) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      const building = `${file}.${process.pid}.tmp`;
      try {
        await build(spec, building);
        fs.renameSync(building, file);
      } finally {
        for (const leftover of ['', '-wal', '-shm']) fs.rmSync(`${building}${leftover}`, { force: true });
      }
      deleteUnused(spec.name, file);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Writes a copy of the database built from `spec` as `file`, for a test to open (DATABASE_PATH) and change. */
export async function copyOfListDatabase(spec: ListDatabase, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(await cachedListDatabase(spec), file);
}

export const SHARED_DATA = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
/** The OFAC SDN advanced XML of 2025-11-19 as published at 14:50 UTC, and as republished at 16:44 with 19 parties more. */
export const OFAC_1450 = path.join(SHARED_DATA, 'ofac', 'sdn_advanced_2025-11-19_1450UTC.xml.gz');
export const OFAC_1644 = path.join(SHARED_DATA, 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
export const UN_XML = path.join(SHARED_DATA, 'un', 'UN_consolidated_2026-02-27.xml');

/** The test fixtures' curated dataset, then the OFAC list of 14:50. */
export const FIXTURES_OFAC_1450: ListDatabase = { name: 'fixtures-ofac-1450', dataDir: FIXTURE_DATA_DIR, lists: [['ofac-xml', OFAC_1450]] };
/** The test fixtures' curated dataset, then the OFAC list of 16:44, then the UN list. */
export const FIXTURES_OFAC_UN: ListDatabase = {
  name: 'fixtures-ofac-1644-un',
  dataDir: FIXTURE_DATA_DIR,
  lists: [
    ['ofac-xml', OFAC_1644],
    ['un-xml', UN_XML],
  ],
};
/** The real curated dataset (data/), then the OFAC list of 16:44. */
export const CURATED_OFAC: ListDatabase = { name: 'curated-ofac-1644', dataDir: REAL_DATA_DIR, lists: [['ofac-xml', OFAC_1644]] };
