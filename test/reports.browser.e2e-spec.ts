import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../scripts/demo-seed.js';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  launchBrowser,
  phone,
  SCREENSHOT_DIR,
  screenshot,
  seriousViolations,
  serve,
} from './helpers/browser.js';

/**
 * /staff/reports in a real Chromium on the demo's data (three past years of every programme, on a database of
 * its own: the history's intakes are years other specs' retention sweeps would otherwise find): staff sign in and
 * choose a year and a programme with the plain form, charts are SVG drawn on the server beside their tables, the
 * page works without JavaScript, at 360 px and at 1280 px, with no serious or critical axe-core violation.
 */
describe('the yearly figures in a browser', () => {
  const databaseUrl = `${process.env.DATABASE_URL}_reports`;
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: { email: string; password: string };
  let year: number;
  const contexts: BrowserContext[] = [];

  const signIn = async (context: BrowserContext, next: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mailadresse').fill(staff.email);
    await page.getByLabel('Adgangskode').fill(staff.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${base}${next}`);
    return page;
  };

  beforeAll(async () => {
    await ensureDatabase(databaseUrl, { recreate: true });
    await runMigrations(databaseUrl);
    const accounts = await seedDemo(validateEnv({ ...process.env, DATABASE_URL: databaseUrl }));
    staff = accounts.find((a) => a.role === 'staff')!;
    t = await startApp({ env: { DATABASE_URL: databaseUrl } });
    base = await serve(t);
    browser = await launchBrowser();
    const clock = await t.http().get('/api/test/clock').expect(200);
    year = Number(String(clock.body.now).slice(0, 4)) - 1;
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
    const url = new URL(databaseUrl);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('staff read last year’s figures on a laptop, with charts beside the tables, and download the workbook', async () => {
    const laptop = await phone(browser, base, { width: 1280, height: 900 });
    contexts.push(laptop);
    const page = await signIn(laptop, '/staff/reports');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tal for året ${year}`);
    // Every table has its chart: an SVG image named by its title, and the table's numbers beside it.
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(7);
    expect(await page.locator('#chart-funnel-title').textContent()).toBe(`Tragt ${year}`);
    const funnel = page.getByRole('table', { name: `Tragt ${year}` });
    const mgkTotal = funnel.getByRole('row').filter({ hasText: 'MGK' }).filter({ hasText: 'I alt' });
    const applied = Number(await mgkTotal.locator('td').nth(1).textContent());
    expect(applied).toBeGreaterThan(40);
    expect(await page.getByRole('table', { name: `Kommune ${year}` }).textContent()).toContain('Aalborg');
    expect(await page.content()).toContain('&lt;5');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'staff-reports-1280');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'staff-reports-top-1280.png') });
    for (const table of ['funnel', 'gender', 'years']) {
      await page
        .locator(`section:has(#table-${table})`)
        .screenshot({ path: join(SCREENSHOT_DIR, `staff-reports-${table}-1280.png`) });
    }

    // The workbook of the year, from the page's link.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: new RegExp(`Hele året ${year} som Excel`) }).click();
    expect((await download).suggestedFilename()).toBe(`tal-${year}.xlsx`);
  }, 240_000);

  it('works at 360 px without JavaScript: the form chooses a programme, the charts scale down', async () => {
    const scriptless = await phone(browser, base, { javaScript: false });
    contexts.push(scriptless);
    const page = await signIn(scriptless, '/staff/reports');
    await page.getByLabel('Uddannelse').selectOption('TGK');
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    await page.waitForURL(new RegExp(`/staff/reports\\?year=${year}&programme=TGK`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Tal for året ${year} · TGK`);
    const width = await page
      .locator('#chart-years-title')
      .evaluate((el) => el.closest('svg')!.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'staff-reports-tgk-360');
  }, 240_000);
});
