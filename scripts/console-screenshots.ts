// Takes the README's screenshots of the console's Screen and Review pages, in Debian's Chromium, over the curated
// data in a throw-away database: npm run screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { MonitorRescreener } from '../src/monitoring/runs.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { chromiumInstalled, screenByName, startConsoleRig } from '../tests/helpers/console-browser.js';

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  if (!chromiumInstalled) throw new Error('/usr/bin/chromium is not installed: apt-get install -y chromium');
  fs.mkdirSync(OUT, { recursive: true });
  const rig = await startConsoleRig();
  try {
    // An open alert for the Review page: a monitor whose first matches are forgotten, then screened again, as a
    // list change would find it.
    await rig.app.inject({ method: 'POST', url: '/v1/monitors', payload: { ref: 'cust-42', name: 'Andariel' } });
    rig.app.catalog.db.prepare("UPDATE monitors SET matches_json = '[]' WHERE ref = 'cust-42'").run();
    await new MonitorRescreener(rig.app.catalog.db, rig.app.store.db).rescreenAll(rig.app.catalog.state);
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await page.goto(`${rig.url}/console`);
    for (const name of ['Kim Jong Un', 'Lazarus Grup']) await screenByName(page, name);
    await page.getByLabel('Birth date', { exact: true }).fill('1983-03-08');
    await page.getByLabel('Nationality', { exact: true }).fill('US');
    await screenByName(page, 'Virgil Griffith');
    await page.screenshot({ path: path.join(OUT, 'console-screen.png') });
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.locator('.queue').waitFor();
    await page.screenshot({ path: path.join(OUT, 'console-review.png') });
    console.log(`wrote ${path.relative(PROJECT_ROOT, OUT)}/console-screen.png and console-review.png`);
  } finally {
    await rig.close();
  }
}

await main();
