import type { Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { pageClient, type PageClient } from './helpers/pages.js';
import { World } from './helpers/world.js';

/** The text a person reads (tags stripped, the page's entities decoded, spaces collapsed). */
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

/**
 * The jury's pages in English: a juror whose profile says `en` reads /jury, an audition and its confirm steps in
 * English (refusals included) with no Danish sentence of the jury's dictionary left; `?lang=en` does the same
 * for a juror whose profile says Danish.
 */
describe('the jury pages in English', () => {
  let t: TestApp;
  let world: World;
  let chair: Person;
  let auditionId: string;
  let english: PageClient;

  beforeAll(async () => {
    t = await startApp();
    world = await new World(t).build();
    chair = world.jurorOnPanel;
    auditionId = (await world.scheduled()).auditionId;
    await t.http().patch('/api/me').set(chair.auth).send({ locale: 'en' }).expect(200);
    english = await pageClient(t, chair);
  }, 180_000);
  afterAll(async () => {
    await resetClock(t);
    await t?.close();
  });

  it('/jury: my auditions and my progress in English (the profile’s locale)', async () => {
    const res = await english.agent.get('/jury').expect(200);
    expect(res.text).toContain('<html lang="en"');
    const text = visible(res.text);
    expect(/<h1>([^<]*)<\/h1>/.exec(res.text)?.[1]).toBe('My auditions');
    expect(text).toMatch(/You have scored \d+ of \d+\. \d+ left\./);
    expect(text).toContain('Track and main subject');
    expect(text).toContain('Needs your score');
    expect(text).toContain('Running order: Panel A');
    expect(text).not.toContain('Mine prøver');
    expect(text).not.toContain('Mangler din bedømmelse');
  });

  it('/jury/auditions/:id: the dossier, the blind score sheet, the chair’s part and the conflict form in English', async () => {
    const res = await english.agent.get(`/jury/auditions/${auditionId}`).expect(200);
    expect(res.text).toContain('<html lang="en"');
    const text = visible(res.text);
    expect(text).toContain('Back to my auditions');
    expect(text).toContain('Your role Chair');
    expect(text).toContain(
      "Scoring is blind: you see no other juror's score before you have submitted your own.",
    );
    expect(text).toContain('Overall grade (7-point scale)');
    expect(text).toContain("The panel's result");
    expect(text).toContain('Once the result is recorded, the audition is locked for everyone on the panel.');
    expect(text).toContain('Conflict of interest');
    expect(text).toContain('Next: confirm the result');
    expect(text).toContain('Next: confirm the conflict');
    for (const danish of [
      'Din bedømmelse',
      'Samlet karakter',
      'Inhabilitet',
      'Panelets resultat',
      'Ansøgningen',
    ])
      expect(text).not.toContain(danish);
  });

  it('the confirm steps and their refusals in English', async () => {
    const result = await english.agent
      .get(`/jury/auditions/${auditionId}/result`)
      .query({ grade: '7', passed: 'false', note: 'Agreed.' })
      .expect(200);
    const r = visible(result.text);
    expect(visible(/<h1>([^<]*)<\/h1>/.exec(result.text)?.[1] ?? '')).toBe("Confirm the panel's result");
    expect(r).toContain('the audition is locked for everyone on the panel');
    expect(r).toContain('No, not passed');
    expect(r).toContain('Record the result and lock the audition');
    expect(r).toContain('Back to the audition without doing anything');

    const conflict = await english.agent
      .get(`/jury/auditions/${auditionId}/conflict`)
      .query({ kind: 'teacher', reason: 'I teach the applicant.' })
      .expect(200);
    const c = visible(conflict.text);
    expect(c).toContain('Confirm your conflict of interest');
    expect(c).toContain("I am or was the applicant's teacher");
    expect(c).toContain('you cannot undo this yourself');
    expect(c).toContain('Declare my conflict');

    const refused = await english.agent
      .get(`/jury/auditions/${auditionId}/conflict`)
      .query({ kind: 'teacher', reason: '' })
      .expect(400);
    expect(visible(refused.text)).toContain('Say briefly why you have a conflict');
    expect(refused.text).toContain('id="field-reason-error"');
    const noGrade = await english.agent
      .get(`/jury/auditions/${auditionId}/result`)
      .query({ passed: 'true' })
      .expect(400);
    expect(visible(noGrade.text)).toContain('Choose a grade on the 7-point scale');
  });

  it('?lang=en turns a Danish juror’s pages into English, and the recused juror reads why in English', async () => {
    const recused = await pageClient(t, world.recusedJuror);
    const danish = visible((await recused.agent.get(`/jury/auditions/${auditionId}`).expect(200)).text);
    expect(danish).toContain('Du har erklæret dig inhabil i denne prøve.');
    const res = await recused.agent.get(`/jury/auditions/${auditionId}?lang=en`).expect(200);
    expect(res.text).toContain('<html lang="en"');
    const text = visible(res.text);
    expect(text).toContain('Your role Subject examiner');
    expect(text).toContain(
      "You declared a conflict of interest for this audition. You see its time, but not the applicant's material",
    );
    expect(text).not.toContain('Du har erklæret dig inhabil');
    expect(text).not.toContain('Your score');
    const list = visible((await recused.agent.get('/jury?lang=en').expect(200)).text);
    expect(list).toContain('You are recused');
  });
});
