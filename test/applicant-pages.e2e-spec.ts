import request from 'supertest';
import { createPerson, PASSWORD, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { PDF, TEXT } from './helpers/files.js';

type Agent = ReturnType<typeof request.agent>;

/** The form token of a page (every form of it carries the same one). */
async function tokenOf(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return token;
}

/** A browser signed in through /login (cookie session), as a person would. */
async function signIn(t: TestApp, person: Person): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const _csrf = await tokenOf(agent, '/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf, email: person.email, password: PASSWORD })
    .expect(303);
  return agent;
}

/** The text a person reads (tags stripped, entities of the page decoded, spaces collapsed). */
const visible = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');

describe('the applicant pages (forms without a browser)', () => {
  let t: TestApp;
  let staff: Person;
  let mgk: IntakeBody;
  let maja: Person;
  let browser: Agent;
  let applicationId: string;

  beforeAll(async () => {
    t = await startApp();
    staff = await createPerson(t, 'staff');
    [mgk] = await createIntakes(t, staff, ['MGK', 'BGK']);
    await moveClock(t, `${mgk.year}-01-20T12:00:00+01:00`);
    maja = await registerApplicant(t, { birthDate: `${mgk.year - 17}-03-01`, guardian: guardian() });
    browser = await signIn(t, maja);
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  const guardian = () => ({ name: 'Hanne Jensen', email: `hanne-${Date.now()}@example.dk` });

  it('/ lists the open intakes per programme with the deadline in Danish, Copenhagen time', async () => {
    const res = await request(t.app.getHttpServer()).get('/').expect(200);
    const text = visible(res.text);
    expect(text).toContain(`Musikalsk Grundkursus (MGK) ${mgk.year}`);
    expect(text).toContain(`1. februar ${mgk.year} kl. 23.59`);
    expect(res.text).toContain(`href="/apply/${mgk.id}"`);
    const en = await request(t.app.getHttpServer()).get('/?lang=en').expect(200);
    expect(visible(en.text)).toContain(`1 February ${mgk.year} at 23:59`);
  });

  it('/apply/:intakeId makes the draft and goes to its page; a missing main subject is said in Danish', async () => {
    const _csrf = await tokenOf(browser, `/apply/${mgk.id}`);
    const refused = await browser
      .post(`/apply/${mgk.id}`)
      .type('form')
      .send({ _csrf, track: 'classical', mainSubject: '' })
      .expect(400);
    expect(visible(refused.text)).toContain('Skriv dit hovedfag, fx cello');
    expect(refused.text).toMatch(/aria-describedby="[^"]*field-mainSubject-error"/);
    const made = await browser
      .post(`/apply/${mgk.id}`)
      .type('form')
      .send({ _csrf, track: 'classical', mainSubject: 'cello' })
      .expect(303);
    applicationId = /\/applications\/([0-9a-f-]{36})$/.exec(made.headers.location)![1];
    const page = await browser.get(made.headers.location).expect(200);
    const text = visible(page.text);
    expect(text).toContain('Kladde – ikke sendt');
    // The checklist comes from the requirement rules: motivation and the repertoire.
    expect(text).toContain('Skriv din motivation');
    expect(text).toContain('Skriv 2 til 3 stykker på dit repertoire (du har 0)');
  });

  it('the form saves motivation and repertoire; rows are added and removed by buttons, input kept on errors', async () => {
    const path = `/applications/${applicationId}`;
    let _csrf = await tokenOf(browser, path);
    const rows = {
      'repertoire[0].title': 'Cellosuite nr. 1, Prélude',
      'repertoire[0].composer': 'J.S. Bach',
      'repertoire[0].durationMinutes': '3,5',
      'repertoire[1].title': '',
      'repertoire[2].title': '',
    };
    const bad = await browser
      .post(path)
      .type('form')
      .send({
        _csrf,
        mainSubject: 'cello',
        motivation: 'Jeg vil være cellist.',
        ...rows,
        'repertoire[1].durationMinutes': 'lang',
        action: 'save',
      })
      .expect(400);
    expect(visible(bad.text)).toContain('Skriv spilletiden som et tal i minutter');
    expect(bad.text).toContain('value="lang"');
    expect(bad.text).toContain('Jeg vil være cellist.');

    const added = await browser
      .post(path)
      .type('form')
      .send({ _csrf, mainSubject: 'cello', motivation: 'Jeg vil være cellist.', ...rows, action: 'add-row' })
      .expect(303);
    const withFour = await browser.get(added.headers.location).expect(200);
    expect(withFour.text).toContain('name="repertoire[3].title"');
    expect(visible(withFour.text)).toContain('Din ansøgning er gemt.');
    expect(visible(withFour.text)).toContain('Skriv 2 til 3 stykker på dit repertoire (du har 1)');

    _csrf = await tokenOf(browser, path);
    await browser
      .post(path)
      .type('form')
      .send({
        _csrf,
        mainSubject: 'cello',
        motivation: 'Jeg vil være cellist.',
        ...rows,
        'repertoire[1].title': 'Til sletning',
        'repertoire[1].durationMinutes': '2',
        'repertoire[2].title': 'Élégie',
        'repertoire[2].composer': 'G. Fauré',
        'repertoire[2].durationMinutes': '6',
        action: 'remove-row:1',
      })
      .expect(303);
    const api = await t.http().get(`/api/applications/${applicationId}`).set(maja.auth).expect(200);
    expect(api.body.repertoire).toEqual([
      { title: 'Cellosuite nr. 1, Prélude', composer: 'J.S. Bach', durationMinutes: 3.5 },
      { title: 'Élégie', composer: 'G. Fauré', durationMinutes: 6 },
    ]);
    expect(api.body.completeness).toEqual({ complete: true, missing: [] });
  });

  it('uploads a file with its kind (multipart, token in the address); a wrong file is refused in Danish', async () => {
    const path = `/applications/${applicationId}`;
    const _csrf = await tokenOf(browser, path);
    const wrong = await browser
      .post(`${path}/materials?_csrf=${encodeURIComponent(_csrf)}`)
      .field('kind', 'score')
      .attach('file', TEXT, 'noder.pdf')
      .expect(400);
    expect(visible(wrong.text)).toContain('Filen kan ikke bruges som «Noder (PDF)»');
    const withoutToken = await browser
      .post(`${path}/materials`)
      .field('kind', 'score')
      .attach('file', PDF, 'noder.pdf');
    expect(withoutToken.status).toBe(403);
    await browser
      .post(`${path}/materials?_csrf=${encodeURIComponent(_csrf)}`)
      .field('kind', 'score')
      .attach('file', PDF, 'noder.pdf')
      .expect(303);
    const page = visible((await browser.get(path).expect(200)).text);
    expect(page).toContain('Noder (PDF) noder.pdf');
  });

  it('another applicant gets 404 for the application and its pages; staff get 403 (the pages are the applicant’s)', async () => {
    const other = await signIn(t, await registerApplicant(t));
    for (const sub of ['', '/submit', '/audition.ics', '/offer/accept']) {
      await other.get(`/applications/${applicationId}${sub}`).expect(404);
    }
    const _csrf = await tokenOf(other, '/applications');
    await other
      .post(`/applications/${applicationId}`)
      .type('form')
      .send({ _csrf, mainSubject: 'tuba', action: 'save' })
      .expect(404);
    const desk = await signIn(t, staff);
    await desk.get(`/applications/${applicationId}`).expect(403);
    await request(t.app.getHttpServer())
      .get(`/applications/${applicationId}`)
      .expect(303)
      .expect('location', `/login?next=%2Fapplications%2F${applicationId}`);
  });

  it('submit has a confirm step; afterwards the page says received and shows the timeline', async () => {
    const confirm = await browser.get(`/applications/${applicationId}/submit`).expect(200);
    expect(visible(confirm.text)).toContain('Vil du sende din ansøgning?');
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)![1];
    await browser.post(`/applications/${applicationId}/submit`).type('form').send({ _csrf }).expect(303);
    const page = visible((await browser.get(`/applications/${applicationId}`).expect(200)).text);
    expect(page).toContain('Status: Modtaget');
    expect(page).toContain('Ansøgning modtaget');
    const list = visible((await browser.get('/applications').expect(200)).text);
    expect(list).toContain(`MGK ${mgk.year} Klassisk Modtaget`);
  });
});
