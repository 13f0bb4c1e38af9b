import pg from 'pg';
import { seedDemo } from '../scripts/demo-seed.js';
import { validateEnv } from '../src/config/env.js';
import { ensureDatabase, runMigrations } from '../src/database/migrate.js';
import type { Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { pageClient } from './helpers/pages.js';

/**
 * `npm run demo`'s data on a database of its own (the demo's staff and intakes would otherwise join the shared
 * test database): the demo applicant signs in at /login with the printed password and finds the seeded draft.
 */
describe('the demo', () => {
  const databaseUrl = `${process.env.DATABASE_URL}_demo`;
  let t: TestApp;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl, { recreate: true });
    await runMigrations(databaseUrl);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    const url = new URL(databaseUrl);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('the demo applicant signs in at /login and sees the open intakes and the draft', async () => {
    // The test clock of this run's Redis prefix may stand anywhere; the demo's intakes are made around it.
    const env = validateEnv({ ...process.env, DATABASE_URL: databaseUrl });
    const accounts = await seedDemo(env);
    t = await startApp({ env: { DATABASE_URL: databaseUrl } });
    const applicant = accounts.find((a) => a.role === 'applicant')!;
    const browser = await pageClient(t, { email: applicant.email } as Person, applicant.password);
    const home = await browser.agent.get('/').expect(200);
    expect(home.text).toContain('Logget ind som Maja Ansøger');
    expect(home.text).toContain('Musikalsk Grundkursus (MGK)');
    const list = await browser.agent.get('/applications').expect(200);
    const id = /href="\/applications\/([0-9a-f-]{36})"/.exec(list.text)![1];
    const draft = await browser.agent.get(`/applications/${id}`).expect(200);
    // One piece short of complete: the checklist says so, in Danish.
    expect(draft.text).toContain('Skriv 2 til 3 stykker på dit repertoire (du har 1)');

    // Three past years of history: staff find last year's figures on /staff/reports, charts and all.
    const staff = accounts.find((a) => a.role === 'staff')!;
    const desk = await pageClient(t, { email: staff.email } as Person, staff.password);
    const figures = await desk.agent.get('/staff/reports').expect(200);
    const lastYear =
      Number(String((await t.http().get('/api/test/clock').expect(200)).body.now).slice(0, 4)) - 1;
    expect(figures.text).toContain(`<h1>Tal for året ${lastYear}</h1>`);
    expect(figures.text.match(/<svg role="img"/g)).toHaveLength(7);
    const total = /<th scope="row">TGK<\/th><td>I alt<\/td><td>(\d+)<\/td>/.exec(figures.text);
    expect(Number(total?.[1])).toBeGreaterThan(25);
    // Seeding again changes nothing (the demo is idempotent).
    await seedDemo(validateEnv({ ...process.env, DATABASE_URL: databaseUrl }));
    const again = await desk.agent.get('/staff/reports').expect(200);
    expect(/<th scope="row">TGK<\/th><td>I alt<\/td><td>(\d+)<\/td>/.exec(again.text)?.[1]).toBe(total?.[1]);
  });
});
