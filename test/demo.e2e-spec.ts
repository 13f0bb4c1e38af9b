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

  it('the demo applicant finds the open intakes and the draft; the demo juror a round to score today', async () => {
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

    // The demo juror chairs a panel of a round in its audition days: five submitted applicants, today.
    const juror = accounts.find((a) => a.role === 'juror')!;
    const jury = await pageClient(t, { email: juror.email } as Person, juror.password);
    const mine = await jury.agent.get('/jury').expect(200);
    expect(mine.text).toContain('Du har bedømt 0 af 5. 5 mangler.');
    expect(mine.text).toContain('I dag: ');
    expect(mine.text).toContain('Koncertsalen, Aalborg Kulturskole');
    const auditionId = /href="\/jury\/auditions\/([0-9a-f-]{36})"/.exec(mine.text)![1];
    const sheet = await jury.agent.get(`/jury/auditions/${auditionId}`).expect(200);
    expect(sheet.text).toContain('Send bedømmelse');
    // Its material: a recording, a score and a picture, shown in the page.
    const sources = [...sheet.text.matchAll(/src="(\/jury\/auditions\/[^"]+\/materials\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(sources).toHaveLength(3);
    for (const src of sources) {
      const file = await jury.agent.get(src).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^inline;/);
    }
    // The applicants' addresses are verified (only a verified applicant may submit) and the demo runs again
    // without a second round.
    await seedDemo(env);
    expect((await jury.agent.get('/jury').expect(200)).text).toContain('Du har bedømt 0 af 5. 5 mangler.');
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
