import fs from 'node:fs';
import { sqliteStore } from '../../src/store/store.js';
import path from 'node:path';
import axe from 'axe-core';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.js';
import { createKey } from '../../src/db/api-keys-repo.js';
import { openDatabase } from '../../src/db/database.js';
import { MonitorRescreener } from '../../src/monitoring/runs.js';
import { CONSOLE_DIST } from '../../src/routes/console.js';
import { type ConsoleRig, chromiumInstalled, screenByName, startConsoleRig } from '../helpers/console-browser.js';

if (!chromiumInstalled) console.warn('console browser tests skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)');

describe.skipIf(!chromiumInstalled)('the analyst console in Chromium', () => {
  let rig: ConsoleRig;
  let context: BrowserContext;
  let page: Page;
  let refused: string[];

  beforeAll(async () => {
    rig = await startConsoleRig();
  }, 180_000);
  afterAll(async () => rig?.close());
  beforeEach(async () => {
    context = await rig.browser.newContext();
    page = await context.newPage();
    refused = [];
    // The service's content security policy must never have to refuse anything the console does.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
  });
  afterEach(async () => {
    expect(refused).toEqual([]);
    await context.close();
  });

  const open = async (where: string) => {
    await page.goto(`${rig.url}${where}`);
    await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
  };
  // Run in the browser (as text: the tests are type-checked without the DOM library).
  const focusedId = () => page.evaluate<string | undefined>('document.activeElement?.id');
  const match = (name: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name, exact: true }) });
  // Evaluated by the test, not added as a script element, which the content security policy would refuse.
  const seriousViolations = async () => {
    await page.evaluate(axe.source);
    return page.evaluate<string[]>(`axe.run(document).then((result) => result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`);
  };

  const screenWithBirthDate = async (name: string, birthDate: string) => {
    await page.getByLabel('Birth date', { exact: true }).fill(birthDate);
    return screenByName(page, name);
  };

  it('screen "Lazarus Group": the OFAC 27307 designation and a verbatim quote', async () => {
    await open('/console');
    const ms = await screenByName(page, 'Lazarus Group');
    console.log(`console: pressing Screen to results shown for "Lazarus Group": ${ms.toFixed(0)} ms (Chromium, this machine)`);
    const article = match('Lazarus Group');
    expect(await article.locator('.designations dt').allTextContents()).toContain('OFAC SDN');
    expect(await article.locator('.designations').textContent()).toContain('DPRK3, entry 27307, listed 2019-09-13');
    expect(await article.locator('blockquote').allTextContents()).toContain('which attributed the losses to North Korea’s infamous hacking group, Lazarus.');
    expect(await article.getByRole('table').textContent()).toContain('exact');
  });

  it('screen "Virgil Griffith": the exposure path through the 2019 Pyongyang conference to the designated Government of the DPRK', async () => {
    await open('/console');
    await screenByName(page, 'Virgil Griffith');
    const firstPath = match('Virgil Griffith').locator('.exposure-paths > li').first();
    expect(await firstPath.locator('.steps > li').count()).toBe(3);
    const text = (await firstPath.textContent()) ?? '';
    expect(text).toContain('speaker at Pyongyang Blockchain and Cryptocurrency Conference 2019 (2019-04)');
    expect(text).toContain('Government of the Democratic People\'s Republic of Korea (designated) host Virgil Griffith (exposed)');
    expect(text).toContain('designated: UN Security Council');
  });

  it('mark a match as a false positive, re-screen, and see it previously reviewed', async () => {
    await open('/console');
    await screenByName(page, 'Marine Chain');
    const button = match('Marine Chain').getByRole('button', { name: 'Mark as false positive' });
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Our customer is a Rotterdam ship broker, not the Hong Kong startup');
    await dialog.getByLabel('Reviewer').fill('j.doe');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await match('Marine Chain').locator('.reviewed').textContent()).toContain('Previously reviewed: false positive by j.doe');
    // Focus goes back where it was: the button that opened the dialog.
    expect(await match('Marine Chain').locator('button:focus').textContent()).toBe('Mark as false positive');

    await screenByName(page, 'Marine Chain');
    expect(await page.getByRole('status').filter({ hasText: 'screening' }).textContent()).toContain('Overall: clear');
    expect(await match('Marine Chain').locator('.reviewed').textContent()).toContain(
      '“Our customer is a Rotterdam ship broker, not the Hong Kong startup”',
    );
  });

  it('work through the review queue with the keyboard alone', async () => {
    await open('/console');
    await screenByName(page, 'Kim Jong Un');
    await screenByName(page, 'Bluenoroff');
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    await page.getByRole('listitem').first().or(page.getByText('Nothing awaits review.')).waitFor();
    let decided = 0;
    while ((await page.getByRole('button', { name: 'Confirm match' }).count()) > 0) {
      const items = await page.locator('.queue > li').count();
      await page.getByRole('button', { name: 'Confirm match' }).first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByLabel('Reason').waitFor();
      // The dialog opens on its first field, and the keyboard stays inside it.
      expect(await focusedId()).toBe('decision-reason');
      await page.keyboard.type('Confirmed against the customer file');
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe('decision-reviewer');
      await page.keyboard.type('a.analyst');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.queue > li').count()).toBeLessThan(items);
      // The decided item's buttons are gone: focus waits on the queue's heading, where Tab goes on to the next item.
      await expect.poll(focusedId).toBe('review-title');
      decided += 1;
      expect(decided).toBeLessThan(50);
    }
    expect(decided).toBeGreaterThan(1);
    await page.getByText('Nothing awaits review.').waitFor();
  });

  it('an alert in the review queue shows what changed, and deciding it takes it out of the queue', async () => {
    // A new match, as a list change raises it: the monitor's first matches are its starting point, so they are
    // forgotten and the monitors screened again.
    const created = await rig.app.inject({ method: 'POST', url: '/v1/monitors', payload: { ref: 'cust-console', name: 'Andariel' } });
    expect(created.statusCode, created.body).toBe(201);
    rig.app.catalog.db.prepare("UPDATE monitors SET matches_json = '[]' WHERE ref = 'cust-console'").run();
    await new MonitorRescreener(rig.app.catalog.db, rig.app.store.db).rescreenAll(rig.app.catalog.state);
    const [alert] = (await rig.app.inject({ method: 'GET', url: '/v1/alerts?ref=cust-console&status=open' })).json().alerts;
    expect(alert).toBeDefined();
    const heading = `Alert: Andariel → ${alert.party.name}`;
    const item = page.getByRole('article').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

    await open('/console/review');
    while ((await item.count()) === 0) await page.getByRole('button', { name: 'Next page' }).click();
    expect(await item.textContent()).toContain('New match · monitor cust-console');
    expect({ violations: await seriousViolations() }).toEqual({ violations: [] });
    await item.getByRole('button', { name: 'Mark as false positive' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Our customer is another Andariel, a shop in Lyon');
    await dialog.getByLabel('Reviewer').fill('a.analyst');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item.waitFor({ state: 'detached' });
    const after = (await rig.app.inject({ method: 'GET', url: `/v1/alerts/${alert.id}` })).json();
    expect(after).toMatchObject({ status: 'acknowledged', acknowledgement: { reviewer: 'a.analyst', note: 'Our customer is another Andariel, a shop in Lyon' } });
    // Nor is the pair anywhere else in the queue: the monitor's own screenings of it left with the alert.
    const queue = (await rig.app.inject({ method: 'GET', url: '/v1/review-queue?limit=200' })).json();
    expect(queue.items.filter((i: { subjectKey: string; entity: { id: string } }) => i.subjectKey === 'name:andariel' && i.entity.id === alert.party.id)).toEqual([]);
  });

  it('every control of the Screen page is reachable with Tab, in order', async () => {
    await open('/console');
    const reached: string[] = [];
    for (let i = 0; i < 18; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate<string>("document.activeElement.id || document.activeElement.textContent.trim()"));
    }
    expect(reached).toEqual([
      'Skip to content', 'Screen', 'Review queue', 'Events', 'Lists', 'Batch',
      'screen-name', 'screen-kind', 'screen-birthDate', 'screen-nationality', 'screen-country', 'screen-gender',
      'screen-identifierType', 'screen-identifierNumber', 'screen-identifierCountry', 'screen-address', 'screen-chain', 'Screen',
    ]);
    // Operable from the keyboard too: Enter in the Name field screens.
    await page.getByLabel('Name', { exact: true }).fill('Lazarus Group');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await page.getByRole('heading', { name: 'Results' }).waitFor();
  });

  it('the events page for 2019 lists the Pyongyang conference', async () => {
    await open('/console/events');
    await page.getByLabel('From', { exact: true }).fill('2019');
    await page.getByLabel('To', { exact: true }).fill('2019');
    await page.getByRole('button', { name: 'Show events' }).click();
    const conference = page.getByRole('heading', { name: 'Pyongyang Blockchain and Cryptocurrency Conference 2019' });
    await conference.waitFor();
    const titles = await page.locator('.timeline h2').allTextContents();
    expect(titles.length).toBeGreaterThan(1);
    expect(titles.every((t) => !t.includes('2014'))).toBe(true);
  });

  it('a bad input shows the problem’s detail beside the field', async () => {
    const problem = (await rig.app.inject({ method: 'POST', url: '/v1/screen', payload: { name: '???' } })).json();
    await open('/console');
    await page.getByLabel('Name', { exact: true }).fill('???');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const beside = page.locator('#screen-name-error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe(problem.errors[0].message);
    expect(problem.errors[0].message).toContain('the name has no letters or digits to screen');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-describedby')).toBe('screen-name-error');
  });

  it('screen with a birth date and a nationality: each match shows the qualifier rows the API answered, side by side', async () => {
    const answer = (await rig.app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Virgil Griffith', birthDate: '1983-03-08', nationality: 'US', limit: 10 } })).json();
    const rows = answer.matches[0].explanation.qualifiers as { field: string; query: string; listed: string; listedSource?: string; outcome: string; effect: number }[];
    expect(rows.map((r) => r.field)).toEqual(['birthDate', 'nationality']);
    await open('/console');
    await page.getByLabel('Nationality', { exact: true }).fill('US');
    await screenWithBirthDate('Virgil Griffith', '1983-03-08');
    const table = match(answer.matches[0].entity.name).getByRole('table', { name: /^Qualifiers/ });
    const shown: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) shown.push(await row.locator('th, td').allTextContents());
    const label = { birthDate: 'Birth date', nationality: 'Nationality' } as Record<string, string>;
    const outcome = (o: string) => o.replaceAll('_', ' ');
    expect(shown).toEqual(
      rows.map((r) => [label[r.field], r.query, r.listed || '—', r.listedSource ?? '—', outcome(r.outcome), r.effect > 0 ? `+${r.effect}` : String(r.effect)]),
    );
    expect(await table.locator('thead th').allTextContents()).toEqual(['Field', 'Query', 'Listed', 'Listed in', 'Outcome', 'Effect']);
  });

  it('a bad birth date shows the problem’s detail beside the Birth date field, and no results', async () => {
    const problem = (await rig.app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Virgil Griffith', birthDate: '1983-13-45' } })).json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['body.birthDate']);
    await open('/console');
    await page.getByLabel('Birth date', { exact: true }).fill('1983-13-45');
    await page.getByLabel('Name', { exact: true }).fill('Virgil Griffith');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const beside = page.locator('#screen-birthDate-error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe(problem.errors[0].message);
    expect(await page.getByLabel('Birth date', { exact: true }).getAttribute('aria-describedby')).toBe('screen-birthDate-error');
    expect(await page.getByRole('heading', { name: 'Results' }).count()).toBe(0);
  });

  it('a bad identifier number shows the detail beside the Identifier number field', async () => {
    await open('/console');
    await page.getByLabel('Identifier type', { exact: true }).selectOption('imo');
    await page.getByLabel('Identifier number', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const beside = page.locator('#screen-identifierNumber-error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe('an IMO number is seven digits, with or without the `IMO` prefix');
  });

  it('the Party page shows the nationalities and countries the records print, with their citations', async () => {
    const entity = (await rig.app.inject({ method: 'GET', url: '/v1/entities/virgil-griffith' })).json();
    const printed = [...entity.nationalities, ...entity.countries].map((f: { printed: string }) => f.printed);
    expect(printed.length).toBeGreaterThan(0);
    await open('/console/entities/virgil-griffith');
    const identity = page.locator('dl.identity');
    await identity.waitFor();
    const text = (await identity.textContent()) ?? '';
    for (const p of printed) expect(text).toContain(p);
    expect(await identity.locator('.citations li').count()).toBeGreaterThan(0);
  });

  it('every page has its language, a title, and no serious or critical axe-core violation', async () => {
    const pages: [string, () => Promise<void>][] = [
      ['/console', async () => {}],
      ['/console', async () => { await screenByName(page, 'Lazarus Group'); }],
      ['/console', async () => {
        await screenByName(page, 'Lazarus Group');
        await match('Lazarus Group').getByRole('button', { name: 'Confirm match' }).click();
        await page.getByRole('dialog').waitFor();
      }],
      ['/console/review', async () => {}],
      ['/console/entities/lazarus-group', async () => { await page.getByRole('heading', { name: 'Exposure' }).waitFor(); }],
      ['/console/entities/virgil-griffith', async () => { await page.getByRole('heading', { name: 'Exposure' }).waitFor(); }],
      ['/console/events', async () => { await page.locator('.timeline').waitFor(); }],
      ['/console', async () => { await screenWithBirthDate('Virgil Griffith', '1983'); }],
      ['/console/lists', async () => { await page.getByRole('table').first().waitFor(); }],
      ['/console/lists', async () => {
        await page.getByRole('button', { name: /^Show changes of curated/ }).click();
        await page.locator('.changes').waitFor();
      }],
      ['/console/batch', async () => {}],
    ];
    const titles = new Set<string>();
    for (const [where, prepare] of pages) {
      await open(where);
      await prepare();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      titles.add(await page.title());
      expect({ where, violations: await seriousViolations() }).toEqual({ where, violations: [] });
    }
    expect([...titles].sort()).toEqual(
      ['Batch', 'Events', 'Lazarus Group', 'Lists', 'Review queue', 'Screen', 'Virgil Griffith'].map((t) => `${t} — DPRK screening console`).sort(),
    );
  });

  it('batch: a CSV longer than one request is screened in chunks, with progress, and joined into one download', async () => {
    const rows = Array.from({ length: 2345 }, (_, i) => (i === 1234 ? 'c-1234,Lazarus Group,KP' : `c-${i},"Doe, Jane ${i}",GB`));
    await open('/console/batch');
    await page.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`ref,name,country\n${rows.join('\n')}\n`) });
    await page.getByRole('button', { name: 'Screen the file' }).click();
    const link = page.getByRole('link', { name: 'Download the results (CSV)' });
    await link.waitFor({ timeout: 60_000 });
    expect(await page.getByText('2345 of 2345').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const records: string[][] = parse(fs.readFileSync(file, 'utf8'));
    expect(records).toHaveLength(2346);
    expect(records[0]?.slice(0, 4)).toEqual(['ref', 'name', 'address', 'verdict']);
    expect(records.slice(1).map((r) => r[0])).toEqual(rows.map((_, i) => `c-${i}`));
    expect(records[1235]?.slice(0, 5)).toEqual(['c-1234', 'Lazarus Group', '', 'match', 'Lazarus Group']);
  });

  it('serves its own build from /console, linked from /', async () => {
    const root = await rig.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/console');
    expect(fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))).toBe(true);
  });
});

describe.skipIf(!chromiumInstalled)('the analyst console where API keys are required', () => {
  const key = generateApiKey();
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startConsoleRig(async (file) => {
      const db = openDatabase(file);
      await createKey(sqliteStore(db).db, { name: 'analyst-console', keyHash: hashApiKey(key), scopes: ['admin'], createdAt: new Date().toISOString() });
      db.close();
    });
  }, 180_000);
  afterAll(async () => rig?.close());

  it('asks for an API key, says when it is refused, and keeps it in sessionStorage only', async () => {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${rig.url}/console/review`);
    const field = page.getByLabel('API key');
    await field.fill('dprk_not-a-key-we-issued');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#api-key-error').waitFor();
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    // Signed in, a decision is recorded under the key's name: the dialog asks for no reviewer.
    await page.getByRole('link', { name: 'Screen' }).click();
    await screenByName(page, 'Marine Chain');
    await page.getByRole('button', { name: 'Confirm match' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('Same Hong Kong company');
    expect(await page.getByRole('dialog').getByLabel('Reviewer').count()).toBe(0);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Previously reviewed: true match by analyst-console').waitFor();
    const stored = await page.evaluate<[string | null, number]>("[sessionStorage.getItem('screening-console.api-key'), localStorage.length]");
    expect(stored).toEqual([key, 0]);
    await context.close();
  });
});
