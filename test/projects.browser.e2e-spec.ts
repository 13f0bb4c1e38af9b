import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { Sweeper } from '../src/common/sweeper.js';
import { createPerson, PASSWORD, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';
import { enrolStudent } from './helpers/students.js';

// The shared test database holds other specs' projects with familiar titles: this one is found by its own.
const TITLE = `Nordiske stemmer ${Date.now().toString(36)}`;

const OVERDUE_SUBJECT = 'Delmål i dit afgangsprojekt er overskredet';

/**
 * The third-year project in a real Chromium (issue 19's proof): a year-3 student proposes on a phone, staff
 * send it back, the student resubmits, staff approve with a supervisor, the supervisor writes a check-in on a
 * laptop, the clock passes a milestone: at risk with the reason on /teacher and /staff/projects, one overdue
 * e-mail for that milestone and none for the proposal; another teacher and another student get 404.
 */
describe('third-year project pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let sink: SmtpSink;
  let staff: Person;
  let anna: Person;
  let bo: Person;
  let maja: Person;
  let oliver: Person;
  const year = 2040 + Math.floor(Math.random() * 150);
  const contexts: BrowserContext[] = [];

  const signIn = async (context: BrowserContext, who: Person, next: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mailadresse').fill(who.email);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${base}${next}`);
    return page;
  };
  const laptop = async () => {
    const context = await phone(browser, base, { width: 1280, height: 800 });
    contexts.push(context);
    return context;
  };
  const onPhone = async () => {
    const context = await phone(browser, base);
    contexts.push(context);
    return context;
  };
  const api = (who: Person, path: string, body: object = {}) =>
    t.http().post(`/api/projects${path}`).set(who.auth).send(body);
  const axe = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    base = await serve(t);
    browser = await launchBrowser();
    await moveClock(t, `${year}-09-01T10:00:00+02:00`);
    staff = await createPerson(t, 'staff', 'Hanne Holm');
    anna = await createPerson(t, 'teacher', 'Anna Vejleder');
    bo = await createPerson(t, 'teacher', 'Bo Vejleder');
    const birthDate = `${year - 19}-05-17`;
    maja = await registerApplicant(t, { name: 'Maja Jensen', birthDate });
    oliver = await registerApplicant(t, { name: 'Oliver Berg', birthDate });
    await enrolStudent(t, maja, { cohort: year - 2, year: 3 });
    await enrolStudent(t, oliver, { cohort: year - 2, year: 3, programme: 'TGK', track: 'theatre' });
  }, 120000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await resetClock(t);
    await t?.close();
    await sink?.stop();
  });

  it('propose, return, resubmit, approve, check in, fall behind: at risk with its reason, one overdue e-mail', async () => {
    // The student, on a phone: my course, then propose.
    const student = await signIn(await onPhone(), maja, '/student');
    expect(await student.locator('h1').textContent()).toBe('Min uddannelse');
    expect(await student.locator('main').textContent()).toContain('3. år');
    await axe(student);
    await screenshot(student, 'student-360');
    await student.getByRole('link', { name: 'Foreslå dit afgangsprojekt' }).click();
    await student.waitForURL(`${base}/projects/new`);
    // Nothing filled in: every field says what to write.
    await student.getByRole('button', { name: 'Send forslaget' }).click();
    await student.waitForLoadState();
    expect(await student.getByRole('alert').textContent()).toContain('Skriv en titel');
    await axe(student);
    await screenshot(student, 'project-propose-errors-360');
    await student.getByLabel('Projektets titel').fill(TITLE);
    await student.getByLabel('Dit kunstneriske mål').fill('At finde min egen klang i nordisk kammermusik');
    await student.getByLabel('Beskrivelse').fill('En afgangskoncert med værker af Nielsen og Sibelius.');
    await student.getByLabel('Koncert').check();
    // Four weeks on: the proposal is due in a week, the midway presentation in two.
    await student.getByLabel('Planlagt præsentationsdato').fill(`${year}-09-29`);
    await student.getByRole('button', { name: 'Send forslaget' }).click();
    await student.waitForURL(/\/projects\/[0-9a-f-]{36}\?done=proposed$/);
    const id = new URL(student.url()).pathname.split('/')[2];
    expect(await student.getByRole('status').textContent()).toContain('Dit forslag er sendt');
    expect(await student.locator('main').textContent()).toContain('Midtvejsfremlæggelse');
    await axe(student);
    await screenshot(student, 'project-proposed-360');

    // Staff send it back with a comment (the staff pages are another helper's; the API does it).
    await api(staff, `/${id}/return`, { comment: 'Beskriv repertoiret nærmere.' }).expect(200);
    await student.goto(`/projects/${id}`);
    expect(await student.locator('main').textContent()).toContain('Beskriv repertoiret nærmere.');
    await student
      .getByLabel('Beskrivelse')
      .fill('Nielsen: Fantasistykker; Sibelius: Malinconia; et eget værk.');
    await axe(student);
    await screenshot(student, 'project-returned-360');
    await student.getByRole('button', { name: 'Send forslaget igen' }).click();
    await student.waitForURL(`${base}/projects/${id}?done=resubmitted`);
    expect(await student.locator('main').textContent()).toContain('Sendt tilbage med en kommentar');

    // Staff assign a supervisor and approve.
    await moveClock(t, `${year}-09-02T10:00:00+02:00`);
    await api(staff, `/${id}/supervisor`, { teacherId: anna.id }).expect(200);
    await api(staff, `/${id}/approve`).expect(200);

    // The supervisor, on a laptop, writes a check-in from the list.
    const teacher = await signIn(await laptop(), anna, '/teacher');
    expect(await teacher.locator('h1').textContent()).toBe('Mine vejledningsprojekter');
    await axe(teacher);
    const form = teacher.locator('section', { hasText: 'Skriv vejledningsnotat for Maja Jensen' });
    await form.getByRole('button', { name: 'Gem notatet' }).click();
    await teacher.waitForLoadState();
    expect(await teacher.getByRole('alert').textContent()).toContain('Skriv et notat');
    await axe(teacher);
    await form.getByLabel('Notat fra vejledningen').fill('Godt i gang med programmet.');
    await form.getByLabel('Ja').check();
    await form.getByRole('button', { name: 'Gem notatet' }).click();
    await teacher.waitForURL(`${base}/teacher?done=saved`);
    expect(await teacher.getByRole('status').textContent()).toContain('Vejledningsnotatet er gemt.');
    await screenshot(teacher, 'teacher-1280');

    // Past the midway presentation (15 September), not done: at risk.
    await moveClock(t, `${year}-09-17T10:00:00+02:00`);
    await t.app.get(Sweeper).runOnce();
    await teacher.goto('/teacher');
    const row = teacher.locator('tr', { hasText: TITLE });
    expect(await row.textContent()).toContain(
      `Delmålet "Midtvejsfremlæggelse" skulle have været klar 15. september ${year}`,
    );
    expect(await row.textContent()).toContain(`I risiko siden 16. september ${year}`);
    await axe(teacher);
    await screenshot(teacher, 'teacher-at-risk-1280');

    const desk = await signIn(await laptop(), staff, '/staff/projects');
    const staffRow = desk.locator('tr', { hasText: TITLE });
    expect(await staffRow.textContent()).toContain('Midtvejsfremlæggelse');
    expect(await desk.locator('tbody tr').first().textContent()).toContain('I risiko');
    await axe(desk);
    await screenshot(desk, 'staff-projects-1280');

    await student.goto(`/projects/${id}`);
    expect(await student.locator('main').textContent()).toContain('Projektet er i risiko');
    await axe(student);
    await screenshot(student, 'project-at-risk-360');

    // Exactly one overdue e-mail, for the midway presentation; none for the proposal (settled by approval).
    await sink.waitFor(() => sink.to(maja.email).some((m) => m.subject === OVERDUE_SUBJECT));
    await t.app.get(Sweeper).runOnce();
    await drainNotifications(t);
    const overdue = sink.to(maja.email).filter((m) => m.subject === OVERDUE_SUBJECT);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain('Midtvejsfremlæggelse');
    expect(sink.to(maja.email).some((m) => m.text.includes('"Projektforslag"'))).toBe(false);

    // Another teacher and another student: 404, in the site's layout.
    for (const [who, path] of [
      [bo, '/teacher'],
      [oliver, '/student'],
    ] as const) {
      const other = await signIn(await laptop(), who, path);
      const res = await other.goto(`/projects/${id}`);
      expect(res?.status()).toBe(404);
      expect(await other.locator('h1').textContent()).toBe('Siden findes ikke');
    }

    // The presentation calendar and its file.
    await teacher.goto(`/presentations?year=${year}`);
    expect(await teacher.locator('main').textContent()).toContain(`Koncert: Maja Jensen – ${TITLE}`);
    await axe(teacher);
    await screenshot(teacher, 'presentations-1280');
    const ics = await teacher.request.get(`/presentations.ics?year=${year}`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const text = await ics.text();
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(`DTSTART;VALUE=DATE:${year}0929`);
    expect(text).toContain(TITLE);
  }, 300_000);
});
