import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page, chromium } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { CONSOLE_DIST } from '../../src/routes/console.js';
import { tempDir } from './app.js';

/** Debian's chromium package: the only browser the tests drive (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumInstalled = fs.existsSync(CHROMIUM);

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && !full.includes(`${path.sep}dist${path.sep}`) && !full.includes(`${path.sep}generated${path.sep}`)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Builds the console (npm run console:build) when console/dist is missing or older than its sources or the API contract. */
export function ensureConsoleBuilt(): void {
  const index = path.join(CONSOLE_DIST, 'index.html');
  const sources = Math.max(newestChange(path.join(PROJECT_ROOT, 'console')), fs.statSync(path.join(PROJECT_ROOT, 'openapi', 'openapi.json')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  execFileSync('npm', ['run', '-s', 'console:build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

/** The built console, the service over the repository's curated data on loopback, and Chromium to drive it. */
export interface ConsoleRig {
  app: FastifyInstance;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the console if needed and serves it over a throw-away database, which `prepare` may write first (an API key);
 * with no key in it the service runs open, as on a fresh clone.
 */
export async function startConsoleRig(prepare: (databasePath: string) => Promise<void> | void = () => {}): Promise<ConsoleRig> {
  ensureConsoleBuilt();
  const work = tempDir('console-rig-');
  const databasePath = path.join(work.dir, 'console.db');
  await prepare(databasePath);
  const app = await buildApp(testConfig({ DATA_DIR: path.join(PROJECT_ROOT, 'data'), DATABASE_PATH: databasePath, HOST: '127.0.0.1' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  return {
    app,
    url,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      work.cleanup();
    },
  };
}

/**
 * Screens a name through the Screen form, as an analyst does; resolves once the results of this screening are shown
 * (a new screening id), with the time from pressing Screen to then in milliseconds.
 */
export async function screenByName(page: Page, name: string): Promise<number> {
  const summary = page.getByRole('status').filter({ hasText: 'screening' });
  const before = (await summary.count()) > 0 ? await summary.textContent() : null;
  await page.getByLabel('Name', { exact: true }).fill(name);
  const pressed = performance.now();
  await page.getByRole('button', { name: 'Screen', exact: true }).click();
  // The summary names the screening id, so a new screening's summary never contains the one before.
  await (before ? summary.filter({ hasNotText: before }) : summary).waitFor();
  return performance.now() - pressed;
}
