// Takes the README's screenshots of the console's Screen and Review pages, in Debian's Chromium, over the curated
// data in a throw-away database: npm run screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { chromiumInstalled, screenByName, startConsoleRig } from '../tests/helpers/console-browser.js';

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots');

async function main(): Promise<void> {
  if (!chromiumInstalled) throw new Error('/usr/bin/chromium is not installed: apt-get install -y chromium');
  fs.mkdirSync(OUT, { recursive: true });
  const rig = await startConsoleRig();
  try {
    const page = await rig.browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${rig.url}/console`);
    for (const name of ['Kim Jong Un', 'Lazarus Grup', 'Virgil Griffith']) await screenByName(page, name);
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
