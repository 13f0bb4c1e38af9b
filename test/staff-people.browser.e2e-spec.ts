import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { createPerson, PASSWORD, registerApplicant, uniqueEmail, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { enrolStudent } from './helpers/students.js';

/**
 * The people side of the staff desk in a real Chromium at 1280 × 800 (issue 18's proof for users, messages,
 * students and erasure): a juror invited and invited again after the link expired, a failed message resent,
 * a juror deactivated is signed out of an open page at the next request, a student leaves on their own wish and
 * another by a failed exam, an erasure request refused. axe-core on every page; screenshots at 1280 and 360 px.
 */
/** A browser test on a shared 2-core machine: generous, so a busy machine does not fail it. */
const BROWSER_TEST_MS = 300000;

describe('staff people pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let sink: SmtpSink;
  let staff: Person;
  const tag = Date.now().toString(36);
  // Each test's own year, so the clock is never behind what another test of the shared database made.
  const year = 2040 + Math.floor(Math.random() * 150);
  const contexts: BrowserContext[] = [];

  const laptop = async () => {
    const context = await phone(browser, base, { width: 1280, height: 800 });
    context.setDefaultTimeout(60000);
    contexts.push(context);
    return context;
  };
  const signIn = async (context: BrowserContext, who: Person, next: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mailadresse').fill(who.email);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${base}${next}`);
    return page;
  };
  const axe = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  /** The page as it is now: axe-core, and a screenshot at 1280 and at 360 px. */
  const look = async (page: Page, name: string) => {
    await axe(page);
    await screenshot(page, `${name}-1280`);
    await page.setViewportSize({ width: 360, height: 740 });
    await axe(page);
    await screenshot(page, `${name}-360`);
    await page.setViewportSize({ width: 1280, height: 800 });
  };
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 90000) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const row = (page: Page, text: string) => page.locator('tbody tr', { hasText: text });
  const notice = (page: Page) => page.locator('[role="status"]').first();

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_BACKOFF_MS: '100' } });
    base = await serve(t);
    browser = await launchBrowser();
    await moveClock(t, `${year}-03-20T10:00:00+01:00`);
    staff = await createPerson(t, 'staff', 'Hanne Holm');
  }, 120000);
  afterEach(async () => {
    sink.refuseAll(false);
    await moveClock(t, `${year}-03-20T10:00:00+01:00`);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await resetClock(t);
    await t?.close();
    await sink?.stop();
  });

  it(
    'invites a juror, and invites again once the link expired: the new link works',
    async () => {
      const page = await signIn(await laptop(), staff, '/staff/users');
      expect(await page.locator('h1').textContent()).toBe('Brugere');
      const email = uniqueEmail(`juror${tag}`);
      const name = `Lars ${tag} Nielsen`;
      const invite = page.locator('form[method="post"][action="/staff/users"]');
      // Nothing typed: the same page with what to fix next to each field.
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await expect(page.locator('#field-name-error').textContent()).resolves.toContain('fulde navn');
      await expect(page.locator('#field-email-error').textContent()).resolves.toContain('e-mailadresse');
      await axe(page);
      await invite.getByLabel('Fulde navn').fill(name);
      await invite.getByLabel('E-mailadresse').fill(email);
      await invite.getByLabel('Rolle').selectOption('juror');
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await page.waitForURL(/done=invited/);
      expect(await notice(page).textContent()).toContain(`${name} er inviteret`);
      await page.getByLabel('Søg på navn eller e-mail').fill(email);
      await page.getByRole('button', { name: 'Vis' }).click();
      expect(await row(page, email).textContent()).toContain('Inviteret, linket virker til');
      await look(page, 'staff-users');

      // Three days and an hour later the link has expired: the page says so and offers a new one.
      await moveClock(t, `${year}-03-23T11:00:00+01:00`);
      await page.reload();
      expect(await row(page, email).textContent()).toContain('Invitationen er udløbet');
      await row(page, email)
        .getByRole('button', { name: /Send invitation igen/ })
        .click();
      await page.waitForURL(/done=reinvited/);
      expect(await notice(page).textContent()).toContain(`En ny invitation er sendt til ${name}`);

      // Two invitations arrived: the first link no longer works, the second one does.
      await sink.waitFor(() => sink.to(email).length === 2, 90000);
      const log = await t.http().get('/api/notifications').set(staff.auth).query({ q: email }).expect(200);
      const newest = (log.body.items as Array<{ id: string }>)[0].id;
      const linkOf = (isNew: boolean) =>
        /accept-invitation\?token=[\w-]+/.exec(
          sink.to(email).find((m) => (m.headers['x-notification-id'] === newest) === isNew)!.text,
        )![0];
      const juror = await (await laptop()).newPage();
      await juror.goto(`/${linkOf(false)}`);
      await juror.getByLabel('Adgangskode').fill(PASSWORD);
      await juror.getByRole('button', { name: 'Gem adgangskode og log ind' }).click();
      expect(await juror.locator('main').textContent()).toContain('Invitationen er udløbet');
      await juror.goto(`/${linkOf(true)}`);
      await juror.getByLabel('Adgangskode').fill(PASSWORD);
      await juror.getByRole('button', { name: 'Gem adgangskode og log ind' }).click();
      await juror.waitForURL((url) => !url.pathname.startsWith('/accept-invitation'));
      await page.reload();
      expect(await row(page, email).textContent()).toContain('Aktiv');
      expect(
        await row(page, email)
          .getByRole('button', { name: /Send invitation igen/ })
          .count(),
      ).toBe(0);
    },
    BROWSER_TEST_MS,
  );

  it(
    'a message that could not be sent is found by its recipient and sent again',
    async () => {
      const email = uniqueEmail(`failing${tag}`);
      sink.refuseAll(true);
      await t
        .http()
        .post('/api/users')
        .set(staff.auth)
        .send({ email, name: `Mette ${tag} Fejl`, role: 'teacher' })
        .expect(201);
      const stateOf = async () =>
        (await t.http().get('/api/notifications').set(staff.auth).query({ q: email }).expect(200)).body
          .items[0]?.status;
      await until('the invitation to fail', async () => (await stateOf()) === 'failed');
      sink.refuseAll(false);

      const page = await signIn(await laptop(), staff, '/staff/notifications');
      expect(await page.locator('h1').textContent()).toBe('Beskeder');
      await page.getByLabel('Søg på modtager (navn eller e-mail)').fill(email);
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Vis' }).click();
      const failed = row(page, email);
      expect(await failed.textContent()).toContain('Kunne ikke sendes');
      expect(await failed.textContent()).toContain('Fejl:');
      await look(page, 'staff-notifications');
      await failed.getByRole('button', { name: /Send igen/ }).click();
      await page.waitForURL(/done=resent/);
      expect(await notice(page).textContent()).toContain('sendt af sted igen');
      await sink.waitFor(() => sink.to(email).length === 1, 90000);
      await until('the log to say sent', async () => (await stateOf()) === 'sent');
      await page.goto(`/staff/notifications?q=${encodeURIComponent(email)}`);
      expect(await row(page, email).textContent()).toContain('Sendt');
    },
    BROWSER_TEST_MS,
  );

  it(
    'a juror deactivated from /staff/users is signed out of an open page at their next request',
    async () => {
      const juror = await createPerson(t, 'juror', `Jens ${tag} Juror`);
      const jurorPage = await signIn(await laptop(), juror, '/me');
      expect(await jurorPage.locator('h1').textContent()).toBe('Min profil');

      const page = await signIn(await laptop(), staff, `/staff/users?q=${encodeURIComponent(juror.email)}`);
      await row(page, juror.email)
        .getByRole('link', { name: /Deaktiver/ })
        .click();
      await page.waitForURL(`${base}/staff/users/${juror.id}/deactivate`);
      expect(await page.locator('h1').textContent()).toBe(`Deaktiver Jens ${tag} Juror`);
      await look(page, 'staff-users-deactivate');
      await page.getByRole('button', { name: 'Deaktiver brugeren' }).click();
      await page.waitForURL(/done=deactivated/);
      expect(await notice(page).textContent()).toContain('deaktiveret og logget ud alle steder');
      expect(await row(page, juror.email).textContent()).toContain('Deaktiveret');

      // The juror's open page: their next request finds them signed out.
      await jurorPage.reload();
      await jurorPage.waitForURL(`${base}/login?next=%2Fme`);
      // Their API token is refused too, and signing in again is refused.
      await t.http().get('/api/me').set(juror.auth).expect(401);
      await jurorPage.getByLabel('E-mailadresse').fill(juror.email);
      await jurorPage.getByLabel('Adgangskode').fill(PASSWORD);
      await jurorPage.getByRole('button', { name: 'Log ind' }).click();
      expect(await jurorPage.locator('[role="alert"]').first().textContent()).toBeTruthy();
      expect(new URL(jurorPage.url()).pathname).toBe('/login');

      // Reactivated, they sign in again.
      await row(page, juror.email)
        .getByRole('button', { name: /Genaktiver/ })
        .click();
      await page.waitForURL(/done=reactivated/);
      expect(await row(page, juror.email).textContent()).toContain('Aktiv');
    },
    BROWSER_TEST_MS,
  );

  it(
    'a student leaves on their own wish with a date and a reason; another by a failed annual exam',
    async () => {
      const cohort = year - 1;
      const maja = await registerApplicant(t, {
        name: `Maja ${tag} Jensen`,
        birthDate: `${year - 19}-05-17`,
      });
      const oliver = await registerApplicant(t, {
        name: `Oliver ${tag} Berg`,
        birthDate: `${year - 19}-06-01`,
      });
      const majaId = (await enrolStudent(t, maja, { cohort, mainSubject: 'cello' })).id;
      const oliverId = (await enrolStudent(t, oliver, { cohort, programme: 'TGK', track: 'theatre' })).id;

      const page = await signIn(await laptop(), staff, `/staff/students?cohort=${cohort}`);
      expect(await page.locator('h1').textContent()).toBe('Elever');
      expect(await row(page, `Maja ${tag}`).textContent()).toContain('1. år');
      await look(page, 'staff-students');
      await row(page, `Maja ${tag}`).getByRole('link').click();
      await page.waitForURL(`${base}/staff/students/${majaId}`);
      await look(page, 'staff-student');

      await page.getByRole('link', { name: 'Eleven stopper efter eget ønske' }).click();
      await page.waitForURL(`${base}/staff/students/${majaId}/leave`);
      // Nothing given, then a day after today: what to fix, next to the fields.
      await page.getByRole('button', { name: 'Registrer udmeldelsen' }).click();
      expect(await page.locator('#field-leftOn-error').textContent()).toContain('til i dag');
      expect(await page.locator('#field-reason-error').textContent()).toContain('begrundelse');
      await page.getByLabel('Dato for udmeldelse').fill(`${year}-03-21`);
      await page.getByLabel('Elevens begrundelse').fill('Vil koncentrere sig om gymnasiet');
      await page.getByRole('button', { name: 'Registrer udmeldelsen' }).click();
      expect(await page.locator('#field-leftOn-error').textContent()).toContain('til i dag');
      expect(await page.getByLabel('Elevens begrundelse').inputValue()).toBe(
        'Vil koncentrere sig om gymnasiet',
      );
      await look(page, 'staff-student-leave');
      await page.getByLabel('Dato for udmeldelse').fill(`${year}-03-15`);
      await page.getByRole('button', { name: 'Registrer udmeldelsen' }).click();
      await page.waitForURL(`${base}/staff/students/${majaId}?done=left`);
      const main = page.locator('main');
      expect(await notice(page).textContent()).toContain('Udmeldelsen er registreret');
      expect(await main.textContent()).toContain(`15. marts ${year} – Efter eget ønske`);
      expect(await main.textContent()).toContain('Vil koncentrere sig om gymnasiet');
      expect(await page.getByRole('link', { name: 'Eleven stopper efter eget ønske' }).count()).toBe(0);
      await sink.waitFor(
        () => sink.to(maja.email).some((m) => m.subject === 'Du er udmeldt af talentakademiet'),
        30000,
      );

      // Oliver fails his first annual exam: the course ends by a failed exam.
      await page.goto(`/staff/students/${oliverId}`);
      await page.getByRole('link', { name: 'Årsprøve for 1. år' }).click();
      await page.waitForURL(`${base}/staff/students/${oliverId}/annual-exam`);
      await page.getByLabel('Fag 1', { exact: true }).fill('skuespil');
      await page.getByLabel('Karakter i fag 1').selectOption('0');
      await page.getByLabel('Ikke bestået: forløbet slutter').check();
      await look(page, 'staff-student-annual-exam');
      await page.getByRole('button', { name: 'Registrer årsprøven' }).click();
      await page.waitForURL(`${base}/staff/students/${oliverId}?done=exam`);
      expect(await main.textContent()).toContain('Ikke bestået årsprøve');
      expect(await main.textContent()).toContain('skuespil: 00');

      await page.goto(`/staff/students?cohort=${cohort}&status=left`);
      expect(await row(page, `Maja ${tag}`).textContent()).toContain('Stoppet (efter eget ønske)');
      expect(await row(page, `Oliver ${tag}`).textContent()).toContain('Stoppet (ikke bestået årsprøve)');
    },
    BROWSER_TEST_MS,
  );

  it(
    'staff see pending erasure requests: refuse one with the legal reason, carry one out, the privacy rules hold',
    async () => {
      const person = await registerApplicant(t, {
        name: `Sofie ${tag} Sletmig`,
        birthDate: `${year - 19}-02-01`,
      });
      await t
        .http()
        .post('/api/me/erasure-request')
        .set(person.auth)
        .send({ reason: 'Jeg søger ikke alligevel' });
      const page = await signIn(await laptop(), staff, '/staff/erasure-requests');
      expect(await page.locator('h1').textContent()).toBe('Anmodninger om sletning');
      expect(await row(page, person.email).textContent()).toContain('Jeg søger ikke alligevel');
      await look(page, 'staff-erasure-requests');
      await row(page, person.email).getByRole('link', { name: /Afvis/ }).click();
      await page.getByRole('button', { name: 'Afvis anmodningen' }).click();
      expect(await page.locator('#field-reason-error').textContent()).toBeTruthy();
      await look(page, 'staff-erasure-refuse');
      await page.getByLabel('Begrundelse').fill('Oplysningerne opbevares efter musikskoleloven');
      await page.getByRole('button', { name: 'Afvis anmodningen' }).click();
      await page.waitForURL(/done=refused/);
      expect(await row(page, person.email).count()).toBe(0);
      await page.goto('/staff/erasure-requests?status=refused');
      expect(await row(page, person.email).textContent()).toContain('musikskoleloven');

      // Carrying one out is a confirm step; the privacy room's rules hold (a student's records are kept).
      const gone = await registerApplicant(t, { name: `Gustav ${tag} Væk`, birthDate: `${year - 20}-02-01` });
      const pupil = await registerApplicant(t, { name: `Ida ${tag} Elev`, birthDate: `${year - 20}-03-01` });
      await enrolStudent(t, pupil, { cohort: year - 1 });
      for (const who of [gone, pupil]) {
        await t.http().post('/api/me/erasure-request').set(who.auth).send({}).expect(202);
      }
      await page.goto('/staff/erasure-requests');
      await row(page, pupil.email)
        .getByRole('link', { name: /Slet data/ })
        .click();
      await page.getByRole('button', { name: 'Slet data nu' }).click();
      expect(await page.locator('[role="alert"]').textContent()).toContain('elev');
      await look(page, 'staff-erasure-carry-out');
      await page.goto('/staff/erasure-requests');
      await row(page, gone.email)
        .getByRole('link', { name: /Slet data/ })
        .click();
      expect(await page.locator('main').textContent()).toContain('Det kan ikke gøres om');
      await page.getByRole('button', { name: 'Slet data nu' }).click();
      await page.waitForURL(/done=carried-out/);
      expect(await notice(page).textContent()).toContain('Personens data er slettet');
      expect(await row(page, gone.email).count()).toBe(0);
      await t.http().post('/api/auth/login').send({ email: gone.email, password: PASSWORD }).expect(401);
    },
    BROWSER_TEST_MS,
  );
});
