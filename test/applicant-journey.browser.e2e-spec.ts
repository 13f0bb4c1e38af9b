import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { createPerson, PASSWORD, uniqueEmail, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { drainNotifications } from './helpers/queues.js';

/**
 * The applicant's whole journey on a phone (360 × 740) in a real Chromium, once with JavaScript and once without:
 * a 16-year-old registers with a guardian, confirms the e-mail address from the message in the SMTP sink, applies
 * to MGK classical, lists a repertoire, uploads sheet music, submits and sees "Modtaget"; staff schedule the
 * audition (API); the applicant sees the time and downloads the calendar file; the jury scores (API); the clock
 * moves to results day and staff publish (API); the applicant accepts the offer. Every page is checked by axe-core
 * (no serious or critical violations) and photographed at 360 px (the front page at 1280 px too).
 */
describe('the applicant journey in a browser (360 × 740)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let sink: SmtpSink;
  let staff: Person;
  let jurors: Person[];

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    base = await serve(t);
    browser = await launchBrowser();
    staff = await createPerson(t, 'staff');
    jurors = [await createPerson(t, 'juror'), await createPerson(t, 'juror'), await createPerson(t, 'juror')];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await resetClock(t);
    await t?.close();
    await sink?.stop();
  });

  for (const javaScript of [true, false]) {
    const mode = javaScript ? '' : '-nojs';

    it(`${javaScript ? 'with' : 'without'} JavaScript: registers, applies, submits, auditions and accepts the place`, async () => {
      const [intake] = await createIntakes(t, staff, ['MGK']);
      const year = intake.year;
      await moveClock(t, `${year}-01-20T12:00:00+01:00`);
      const context = await phone(browser, base, { javaScript });
      const page = await context.newPage();
      /** axe-core (a page without JavaScript is checked as a scripted copy) and a screenshot, as it is now. */
      const look = async (name: string) => {
        expect({ page: name, violations: await seriousViolations(page) }).toEqual({
          page: name,
          violations: [],
        });
        await screenshot(page, `${name}-360${mode}`);
      };
      const click = async (name: string | RegExp) => {
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name }).first().click()]);
        await page.waitForLoadState();
      };
      try {
        // The front page lists the open intake with its deadline in Danish.
        await page.goto('/');
        expect(await page.locator('main').textContent()).toContain(`1. februar ${year} kl. 23.59`);
        await look('home');
        if (javaScript) {
          await page.setViewportSize({ width: 1280, height: 900 });
          await screenshot(page, 'home-1280');
          await page.setViewportSize({ width: 360, height: 740 });
        }

        // A 16-year-old registers with a guardian.
        const email = uniqueEmail('maja16');
        const guardianEmail = uniqueEmail('hanne');
        await page.goto('/register');
        await look('register');
        await page.fill('[name="email"]', email);
        await page.fill('[name="password"]', PASSWORD);
        await page.fill('[name="name"]', 'Maja Sekstensen');
        await fillDate(page, 'birthDate', `${year - 16}-03-01`);
        await page.fill('[name="guardian.name"]', 'Hanne Sekstensen');
        await page.fill('[name="guardian.email"]', guardianEmail);
        await click(/Opret/);

        // The welcome e-mail's link confirms the address.
        const [welcome] = await sink
          .waitFor((mails) => mails.some((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text)))
          .then((mails) => mails.filter((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text)));
        const link = /\/verify-email\?token=[\w%.-]+/.exec(welcome.text)![0];
        await page.goto(link);
        await look('verify-email');
        if (!(await page.locator('header').textContent())?.includes('Maja Sekstensen'))
          await signIn(page, email);

        // Applies to MGK classical.
        await page.goto('/');
        await Promise.all([
          page.waitForURL(`**/apply/${intake.id}`),
          page.getByRole('link', { name: 'Søg MGK' }).click(),
        ]);
        await look('apply');
        await page.getByLabel('Klassisk').check();
        await page.getByLabel('Hovedfag', { exact: true }).fill('cello');
        await click('Opret ansøgning');
        await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
        const applicationId = /applications\/([0-9a-f-]{36})/.exec(page.url())![1];
        expect(await page.locator('main').textContent()).toContain('Skriv din motivation');
        await look('application-draft');

        // Motivation and repertoire; a fourth row is added by its button (no script needed), then saved.
        await page
          .getByLabel('Motivation')
          .fill('Jeg har spillet cello i syv år og vil gerne på konservatoriet.');
        await page.fill('[name="repertoire[0].title"]', 'Cellosuite nr. 1, Prélude');
        await page.fill('[name="repertoire[0].composer"]', 'J.S. Bach');
        await page.fill('[name="repertoire[0].durationMinutes"]', '3,5');
        await click('Tilføj et stykke');
        expect(await page.locator('[name="repertoire[3].title"]').count()).toBe(1);
        await page.fill('[name="repertoire[1].title"]', 'Élégie');
        await page.fill('[name="repertoire[1].composer"]', 'G. Fauré');
        await page.fill('[name="repertoire[1].durationMinutes"]', 'seks');
        await click('Gem ansøgningen');
        // Refused in Danish next to the field, with what was typed kept.
        expect(await page.getByRole('alert').textContent()).toContain(
          'Skriv spilletiden som et tal i minutter',
        );
        expect(await page.locator('[name="repertoire[1].title"]').inputValue()).toBe('Élégie');
        await look('application-error');
        await page.fill('[name="repertoire[1].durationMinutes"]', '6');
        await click('Gem ansøgningen');
        expect(await page.getByRole('status').textContent()).toContain('Din ansøgning er gemt.');
        expect(await page.locator('main').textContent()).toContain('Alt er udfyldt');

        // Sheet music as a PDF.
        await page.selectOption('[name="kind"]', 'score');
        await page.setInputFiles('[name="file"]', {
          name: 'noder-bach.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        });
        await click('Send filen');
        expect(await page.locator('#materials').textContent()).toContain('noder-bach.pdf');
        await look('application-complete');

        // Submit, through its confirm step.
        await Promise.all([
          page.waitForURL(`**/applications/${applicationId}/submit`),
          page.getByRole('link', { name: 'Send ansøgningen' }).click(),
        ]);
        await look('submit-confirm');
        await click('Ja, send ansøgningen');
        await page.waitForURL(new RegExp(`/applications/${applicationId}\\?submitted`));
        expect(await page.locator('main').textContent()).toContain('Status: Modtaget');
        await look('application-received');
        await page.goto('/applications');
        expect(await page.locator('main').textContent()).toContain('Modtaget');
        await look('applications');

        // Staff schedule the audition through the API; the applicant sees the time and place.
        const { auditionId } = await scheduleAudition(t, staff, jurors, intake);
        await page.goto(`/applications/${applicationId}`);
        const main = (await page.locator('main').textContent()) ?? '';
        expect(main).toMatch(new RegExp(`mandag den 3\\. marts ${year}|den 3\\. marts ${year}`));
        expect(main).toContain('kl. 9.00');
        expect(main).toContain('Kulturskolen, Sal A');
        expect(main).toContain('Dit instrument og noder til akkompagnatøren');
        await look('application-audition');
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: /kalender/ }).click(),
        ]);
        const ics = readFileSync((await download.path())!, 'utf8');
        expect(ics).toContain('BEGIN:VEVENT');
        expect(ics).toContain(`UID:audition-${auditionId}@talentakademi.aalborg.dk`);
        expect(ics.replace(/\r\n[ \t]/g, '')).toContain('LOCATION:Kulturskolen\\, Sal A');

        // The jury scores; on results day staff publish, and the applicant accepts the place.
        await scoreAndPropose(t, staff, jurors, intake, auditionId);
        await moveClock(t, `${year}-05-01T12:00:00+02:00`);
        await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
        await page.goto(`/applications/${applicationId}`);
        if (page.url().includes('/login')) await signIn(page, email);
        expect(await page.locator('#result').textContent()).toContain('Tillykke! Du er optaget.');
        expect(await page.locator('#result').textContent()).toContain(
          `Svar senest 15. maj ${year} kl. 23.59.`,
        );
        await look('application-offer');
        await Promise.all([
          page.waitForURL('**/offer/accept'),
          page.getByRole('link', { name: 'Tag imod pladsen' }).click(),
        ]);
        await look('offer-accept-confirm');
        await click('Ja, tag imod pladsen');
        expect(await page.getByRole('status').textContent()).toContain('Du har taget imod pladsen.');
        expect(await page.locator('main').textContent()).toContain('Plads accepteret');
        await look('application-accepted');
        const api = await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
        const view = await t
          .http()
          .get(`/api/applications/${applicationId}`)
          .set({ Authorization: `Bearer ${api.body.accessToken}` })
          .expect(200);
        expect(view.body).toMatchObject({ status: 'accepted', offer: { status: 'accepted' } });
        expect(view.body.offer.enrolmentId).toBeTruthy();
        // The guardian got a copy of the receipt, naming no other page than the applicant's.
        await drainNotifications(t);
        expect(sink.to(guardianEmail).length).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    }, 180_000);
  }
});

/** A date field, whether the page asks with one input (type=date or text) or with day, month and year. */
async function fillDate(page: Page, name: string, isoDate: string): Promise<void> {
  const input = page.locator(`[name="${name}"]`);
  const type = await input.getAttribute('type');
  const [y, m, d] = isoDate.split('-');
  await input.fill(type === 'date' ? isoDate : `${d}-${m}-${y}`);
}

async function signIn(page: Page, email: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.fill('[name="email"]', email);
  await page.fill('[name="password"]', PASSWORD);
  await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Log ind' }).click()]);
  await page.waitForLoadState();
}

/** One audition round with a panel of three and a slot at 9.00 on 3 March; every submitted application placed. */
async function scheduleAudition(t: TestApp, staff: Person, jurors: Person[], intake: IntakeBody) {
  const year = intake.year;
  const round = await t
    .http()
    .post(`/api/intakes/${intake.id}/rounds`)
    .set(staff.auth)
    .send({ track: 'classical', kind: 'audition', order: 1, name: 'Optagelsesprøve' })
    .expect(201);
  const panel = await t
    .http()
    .post(`/api/rounds/${round.body.id}/panels`)
    .set(staff.auth)
    .send({
      name: 'Panel A',
      members: [
        { userId: jurors[0].id, role: 'chair' },
        { userId: jurors[1].id, role: 'subject_examiner' },
        { userId: jurors[2].id, role: 'external_examiner' },
      ],
    })
    .expect(201);
  await t
    .http()
    .post(`/api/rounds/${round.body.id}/slots`)
    .set(staff.auth)
    .send({
      panelId: panel.body.id,
      venue: 'Kulturskolen',
      room: 'Sal A',
      startsAt: `${year}-03-03T09:00:00+01:00`,
      durationMinutes: 25,
      count: 2,
    })
    .expect(201);
  const scheduled = await t.http().post(`/api/rounds/${round.body.id}/schedule`).set(staff.auth).expect(200);
  expect(scheduled.body.unscheduled).toEqual([]);
  const auditions = await t.http().get(`/api/rounds/${round.body.id}/auditions`).set(staff.auth).expect(200);
  return { roundId: round.body.id as string, auditionId: auditions.body.items[0].id as string };
}

/** Every juror scores the audition well, the chair records a pass, and staff make the decision proposal. */
async function scoreAndPropose(
  t: TestApp,
  staff: Person,
  jurors: Person[],
  intake: IntakeBody,
  auditionId: string,
) {
  const rubric = await t
    .http()
    .get(`/api/intakes/${intake.id}/rubrics/classical`)
    .set(staff.auth)
    .expect(200);
  const criteria = Object.fromEntries(
    (rubric.body.criteria as Array<{ key: string; max: number }>).map((c) => [c.key, c.max]),
  );
  for (const juror of jurors) {
    await t
      .http()
      .put(`/api/auditions/${auditionId}/scores/mine`)
      .set(juror.auth)
      .send({ criteria, grade: 12 })
      .expect(200);
  }
  await t
    .http()
    .post(`/api/auditions/${auditionId}/result`)
    .set(jurors[0].auth)
    .send({ grade: 12, passed: true })
    .expect(200);
  await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
}
