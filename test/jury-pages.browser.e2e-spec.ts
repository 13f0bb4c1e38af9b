import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createPerson, PASSWORD, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { applicationBody } from './helpers/applications.js';
import { launchBrowser, phone, screenshot, seriousViolations, serve } from './helpers/browser.js';
import { createIntakes, moveClock, resetClock } from './helpers/catalogue.js';
import { PDF, PNG } from './helpers/files.js';

/** A real, playable WAV: `seconds` of a 440 Hz tone, 8 kHz mono 8-bit (what Chromium's player decodes). */
function tone(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++)
    wav[44 + i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return wav;
}

const SIZES = [
  { name: '1024', width: 1024, height: 768 },
  { name: '768', width: 768, height: 1024 },
] as const;

/**
 * The jury's tablet in a real Chromium (issue 17's proof): a three-juror panel each scores with the keyboard
 * alone, blind until their own is in; the chair records the result and the sheet is locked for all; a juror off
 * the panel gets 404 on the page and its material; a recused juror sees the time but no dossier; the audio plays
 * and seeks (206), the PDF and the image show inline; a draft survives a reload; a second submit adds no score;
 * axe-core finds nothing serious on any jury page; screenshots at 1024 × 768 and 768 × 1024.
 */
describe('the jury pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let staff: Person;
  let chair: Person;
  let subject: Person;
  let external: Person;
  let outsider: Person;
  let roundId: string;
  let first: { id: string; applicationId: string; name: string };
  let second: { id: string; applicationId: string; name: string };
  const materials: Record<string, string> = {};
  const criteria: Array<{ key: string; min: number; max: number }> = [];
  const contexts: BrowserContext[] = [];

  const signIn = async (who: Person, next: string, size: (typeof SIZES)[number] = SIZES[0]) => {
    const context = await phone(browser, base, { width: size.width, height: size.height });
    contexts.push(context);
    const page = await context.newPage();
    // A loaded 2-core machine: generous waits, each for a condition.
    page.setDefaultTimeout(60_000);
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mailadresse').fill(who.email);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`${base}${next}`);
    return page;
  };
  const axe = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const shoot = async (page: Page, name: string) => {
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await screenshot(page, `${name}-${size.name}`);
    }
    await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
  };
  /** Scores the sheet with the keyboard alone: each criterion, Tab, the grade with the arrow keys, Enter. */
  const scoreByKeyboard = async (page: Page, values: number[], gradeSteps: number) => {
    // The material's players and the PDF frame load first (a loading PDF viewer may take the focus).
    await page.waitForLoadState('networkidle');
    for (const frame of page.frames()) await frame.waitForLoadState('load');
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    await page.locator(`#field-criteria-${criteria[0].key}`).focus();
    for (const [i, value] of values.entries()) {
      await expect(focused()).resolves.toBe(`field-criteria-${criteria[i].key}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type(String(value));
      await page.keyboard.press('Tab');
    }
    // The grade is a radio group: Tab lands on its first choice (12), Space takes it, the arrows move on.
    await expect(focused()).resolves.toBe('field-grade');
    await page.keyboard.press('Space');
    for (let i = 0; i < gradeSteps; i++) await page.keyboard.press('ArrowDown');
    await Promise.all([
      page.waitForURL(/done=scored/, { waitUntil: 'commit' }),
      page.keyboard.press('Enter'),
    ]);
  };

  beforeAll(async () => {
    t = await startApp();
    base = await serve(t);
    browser = await launchBrowser();
    staff = await createPerson(t, 'staff', 'Sofie Kontor');
    chair = await createPerson(t, 'juror', 'Pia Prøveleder');
    subject = await createPerson(t, 'juror', 'Frederik Fagcensor');
    external = await createPerson(t, 'juror', 'Gitte Gennemgående');
    outsider = await createPerson(t, 'juror', 'Otto Udenfor');
    const [mgk] = await createIntakes(t, staff, ['MGK']);
    const year = mgk.year;
    await moveClock(t, `${year}-01-20T12:00:00+01:00`);
    try {
      const applications: Array<{ id: string; name: string }> = [];
      for (const name of ['Alma Andersen', 'Bertram Bach']) {
        const person = await registerApplicant(t, { name, birthDate: `${year - 19}-05-01` });
        const draft = await t
          .http()
          .post('/api/applications')
          .set(person.auth)
          .send(applicationBody(mgk.id, 'classical'))
          .expect(201);
        const upload = async (kind: string, file: Buffer, filename: string) =>
          (
            await t
              .http()
              .post(`/api/applications/${draft.body.id}/materials`)
              .set(person.auth)
              .field('kind', kind)
              .attach('file', file, filename)
              .expect(201)
          ).body.id as string;
        if (!applications.length) {
          materials.audio = await upload('recording', tone(20), 'optagelse.wav');
          materials.pdf = await upload('score', PDF, 'noder.pdf');
          materials.image = await upload('other', PNG, 'portraet.png');
        }
        await t.http().post(`/api/applications/${draft.body.id}/submit`).set(person.auth).expect(200);
        applications.push({ id: draft.body.id, name });
      }
      roundId = (
        await t
          .http()
          .post(`/api/intakes/${mgk.id}/rounds`)
          .set(staff.auth)
          .send({ track: 'classical', kind: 'audition', order: 1, name: 'Optagelsesprøve' })
          .expect(201)
      ).body.id;
      const panel = await t
        .http()
        .post(`/api/rounds/${roundId}/panels`)
        .set(staff.auth)
        .send({
          name: 'Panel Klassisk',
          members: [
            { userId: chair.id, role: 'chair' },
            { userId: subject.id, role: 'subject_examiner' },
            { userId: external.id, role: 'external_examiner' },
          ],
        })
        .expect(201);
      await t
        .http()
        .post(`/api/rounds/${roundId}/slots`)
        .set(staff.auth)
        .send({
          panelId: panel.body.id,
          venue: 'Musikkens Hus',
          room: 'Sal 1',
          startsAt: `${year}-03-04T09:00:00+01:00`,
          durationMinutes: 25,
          count: 2,
        })
        .expect(201);
      await t.http().post(`/api/rounds/${roundId}/schedule`).set(staff.auth).expect(200);
      const auditions = (await t.http().get(`/api/rounds/${roundId}/auditions`).set(staff.auth).expect(200))
        .body.items as Array<{ id: string; applicationId: string }>;
      const of = (a: { id: string; name: string }) => ({
        ...a,
        applicationId: a.id,
        id: auditions.find((x) => x.applicationId === a.id)!.id,
      });
      [first, second] = applications.map(of);
      const rubric = await t
        .http()
        .get(`/api/intakes/${mgk.id}/rubrics/classical`)
        .set(staff.auth)
        .expect(200);
      criteria.push(...(rubric.body.criteria as typeof criteria));
    } finally {
      await resetClock(t);
    }
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('material: the audio plays and seeks (206), the PDF and the image show inline; off the panel: 404', async () => {
    const page = await signIn(chair, `/jury/auditions/${first.id}`);
    const partial: number[] = [];
    page.on('response', (res) => {
      if (res.url().includes(`/materials/${materials.audio}`) && res.status() === 206)
        partial.push(res.status());
    });
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe(first.name);
    // The image is decoded in the page; the PDF frame is answered inline from the service itself.
    await page.waitForFunction(() => {
      const img = document.querySelector('img.jury-image') as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    const pdf = await page.request.get(`/jury/auditions/${first.id}/materials/${materials.pdf}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);
    expect(pdf.headers()['x-content-type-options']).toBe('nosniff');
    expect(await page.locator(`iframe[src$="${materials.pdf}"]`).count()).toBe(1);
    const csp = (await page.request.get(`/jury/auditions/${first.id}`)).headers()['content-security-policy'];
    expect(csp).toContain("media-src 'self'");
    expect(csp).toContain("frame-src 'self'");
    // Play (muted: no gesture needed) and seek into the recording: the player asks for a range and gets 206.
    await page.evaluate(async () => {
      const audio = document.querySelector('audio')!;
      audio.muted = true;
      await audio.play();
    });
    await page.waitForFunction(() => document.querySelector('audio')!.currentTime > 0);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const audio = document.querySelector('audio')!;
          audio.addEventListener('seeked', () => resolve(), { once: true });
          audio.currentTime = 15;
        }),
    );
    expect(await page.evaluate(() => document.querySelector('audio')!.currentTime)).toBeGreaterThanOrEqual(
      15,
    );
    expect(partial.length).toBeGreaterThan(0);
    const ranged = await page.request.get(`/jury/auditions/${first.id}/materials/${materials.audio}`, {
      headers: { Range: 'bytes=100000-100099' },
    });
    expect(ranged.status()).toBe(206);
    expect(ranged.headers()['content-range']).toBe(`bytes 100000-100099/${44 + 20 * 8000}`);
    expect(ranged.headers()['content-disposition']).toMatch(/^inline;/);

    const other = await signIn(outsider, '/jury');
    expect((await other.goto(`/jury/auditions/${first.id}`))!.status()).toBe(404);
    expect(
      (await other.request.get(`/jury/auditions/${first.id}/materials/${materials.audio}`)).status(),
    ).toBe(404);
    expect((await other.goto(`/jury/rounds/${roundId}/running-order`))!.status()).toBe(404);
  }, 120_000);

  it('three jurors score blind with the keyboard; each then sees the panel’s; the chair’s result locks the sheet', async () => {
    const values = (base: number) => criteria.map((c) => Math.min(c.max, Math.max(c.min, base)));
    const pages = {
      chair: await signIn(chair, '/jury', SIZES[0]),
      subject: await signIn(subject, `/jury/auditions/${first.id}`, SIZES[1]),
      external: await signIn(external, `/jury/auditions/${first.id}`, SIZES[0]),
    };
    // The list: today's auditions, what is left to score.
    await expect(pages.chair.getByText('Du har bedømt 0 af 2. 2 mangler.').count()).resolves.toBe(1);
    await axe(pages.chair);
    await shoot(pages.chair, 'jury-list');
    // And on a phone: the tables scroll sideways inside their region, nothing serious for axe.
    await pages.chair.setViewportSize({ width: 360, height: 740 });
    await axe(pages.chair);
    await screenshot(pages.chair, 'jury-list-360');
    await pages.chair.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
    await pages.chair.getByRole('link', { name: first.name }).click();
    await pages.chair.waitForURL(`${base}/jury/auditions/${first.id}`, { waitUntil: 'commit' });
    await pages.chair.getByRole('heading', { name: 'Din bedømmelse' }).waitFor();
    await axe(pages.chair);
    await shoot(pages.chair, 'jury-audition-sheet');

    // The chair: a draft typed, the page reloaded, still there; then sent with the keyboard.
    await pages.chair.locator(`#field-criteria-${criteria[0].key}`).fill(String(criteria[0].max));
    await pages.chair.reload();
    await expect(pages.chair.locator(`#field-criteria-${criteria[0].key}`).inputValue()).resolves.toBe(
      String(criteria[0].max),
    );
    await scoreByKeyboard(pages.chair, values(8), 1); // grade 10
    await pages.chair.getByText('Din bedømmelse er modtaget.').waitFor();
    await pages.chair.getByRole('table', { name: 'Panelets bedømmelser' }).waitFor();
    await pages.chair.getByText('din egen er endelig').waitFor();
    // Draft gone once the score is in.
    expect(
      await pages.chair.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('academy-score-draft')),
      ),
    ).toEqual([]);

    // Before their own, the others see no one's score.
    await pages.subject.reload();
    expect(await pages.subject.getByRole('table', { name: 'Panelets bedømmelser' }).count()).toBe(0);
    expect(await pages.subject.content()).not.toContain('Pia Prøveleder');
    await scoreByKeyboard(pages.subject, values(6), 2); // grade 7
    await pages.subject.getByRole('table', { name: 'Panelets bedømmelser' }).waitFor();
    await expect(
      pages.subject.getByRole('table', { name: 'Panelets bedømmelser' }).locator('tbody tr').count(),
    ).resolves.toBe(2);
    await axe(pages.subject);
    await shoot(pages.subject, 'jury-audition-scored');

    await pages.external.reload();
    expect(await pages.external.getByRole('table', { name: 'Panelets bedømmelser' }).count()).toBe(0);
    await scoreByKeyboard(pages.external, values(7), 1);
    await pages.external.getByRole('table', { name: 'Panelets bedømmelser' }).waitFor();
    await expect(
      pages.external.getByRole('table', { name: 'Panelets bedømmelser' }).locator('tbody tr').count(),
    ).resolves.toBe(3);

    // Submitted twice (the form sent again): refused as final, still one score per juror.
    const csrf = await pages.external.locator('input[name="_csrf"]').first().inputValue();
    const again = await pages.external.request.post(`/jury/auditions/${first.id}/score`, {
      form: {
        _csrf: csrf,
        ...Object.fromEntries(criteria.map((c) => [`criteria.${c.key}`, String(c.min)])),
        grade: '4',
      },
    });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('allerede afgivet og endelig');
    const scores = await t.http().get(`/api/auditions/${first.id}/scores`).set(staff.auth).expect(200);
    expect(scores.body.scores).toHaveLength(3);
    expect(scores.body.scores.find((s: { jurorId: string }) => s.jurorId === external.id).grade).toBe(10);

    // The chair: progress, check-in, the result; the sheet is locked for everyone.
    await pages.chair.reload();
    await pages.chair.getByText('3 af 3 censorer har afgivet bedømmelse.').waitFor();
    // By the keyboard, as a chair between two auditions would: a click by coordinates here twice (of many runs)
    // sent nothing, the page's material still settling its layout after the reload.
    await Promise.all([
      pages.chair.waitForURL(/done=checkedIn/, { waitUntil: 'commit' }),
      pages.chair.getByRole('button', { name: 'Ansøgeren er mødt' }).press('Enter'),
    ]);
    await pages.chair.getByText('Ansøgeren er registreret som mødt.').waitFor();
    // The result goes through its confirm step: without a grade it comes back next to the field (400).
    await pages.chair.locator('#field-passed').check();
    await pages.chair.getByLabel('Notat fra voteringen').fill('Enige om 10.');
    const [noGrade] = await Promise.all([
      pages.chair.waitForResponse((r) => r.url().includes(`/jury/auditions/${first.id}/result?`)),
      pages.chair.getByRole('button', { name: 'Videre: bekræft resultatet' }).click(),
    ]);
    expect(noGrade.status()).toBe(400);
    await pages.chair
      .locator('#field-resultGrade-error')
      .getByText('Vælg en karakter på 7-trinsskalaen')
      .waitFor();
    await expect(pages.chair.getByLabel('Notat fra voteringen').inputValue()).resolves.toBe('Enige om 10.');
    await pages.chair.locator('#field-resultGrade-10').check();
    await pages.chair.locator('#field-passed').check();
    await Promise.all([
      pages.chair.waitForURL(/\/result\?/, { waitUntil: 'commit' }),
      pages.chair.getByRole('button', { name: 'Videre: bekræft resultatet' }).click(),
    ]);
    await pages.chair.getByRole('heading', { level: 1, name: 'Bekræft panelets resultat' }).waitFor();
    await pages.chair.getByText('prøven låses for alle i panelet').waitFor();
    expect(await pages.chair.locator('.academy-summary').textContent()).toContain('Enige om 10.');
    expect(await pages.chair.locator('main form[method="post"]').count()).toBe(1);
    // The confirm page changes nothing: another panel member still has an open audition.
    expect(await (await pages.subject.request.get(`/jury/auditions/${first.id}`)).text()).not.toContain(
      'Panelet har afgivet resultatet',
    );
    // Only the chair records a result: the confirm page refuses the others (403, in Danish).
    const notChair = await pages.subject.request.get(
      `/jury/auditions/${first.id}/result?grade=7&passed=true`,
    );
    expect(notChair.status()).toBe(403);
    expect(await notChair.text()).toContain('Kun prøvelederen kan gøre dette.');
    await axe(pages.chair);
    await shoot(pages.chair, 'jury-confirm-result');
    await Promise.all([
      pages.chair.waitForURL(/done=result/, { waitUntil: 'commit' }),
      pages.chair.getByRole('button', { name: 'Afgiv resultat og lås prøven' }).click(),
    ]);
    await pages.chair.getByText('Resultatet er afgivet, og prøven er låst.').waitFor();
    for (const page of Object.values(pages)) {
      await page.reload();
      await page.getByText('Panelet har afgivet resultatet 10 (bestået)').waitFor();
      expect(await page.locator('form[action$="/score"]').count()).toBe(0);
    }
    await axe(pages.chair);
    await shoot(pages.chair, 'jury-audition-locked');
    await t
      .http()
      .put(`/api/auditions/${first.id}/scores/mine`)
      .set(subject.auth)
      .send({ criteria: Object.fromEntries(criteria.map((c) => [c.key, c.max])), grade: 12 })
      .expect(409);
  }, 240_000);

  it('a recused juror keeps the time but not the dossier, material or sheet; the running order prints and gives the day as a calendar', async () => {
    const page = await signIn(external, `/jury/auditions/${second.id}`, SIZES[1]);
    // The declaration goes through its confirm step: without a reason it comes back next to the field (400).
    await page.getByLabel('Vi er i familie').check();
    const [noReason] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/jury/auditions/${second.id}/conflict?`)),
      page.getByRole('button', { name: 'Videre: bekræft inhabilitet' }).click(),
    ]);
    expect(noReason.status()).toBe(400);
    await page.locator('#field-reason-error').getByText('Skriv kort, hvorfor du er inhabil').waitFor();
    await page.getByLabel('Begrundelse').fill('Ansøgeren er min nevø.');
    await Promise.all([
      page.waitForURL(/\/conflict\?/, { waitUntil: 'commit' }),
      page.getByRole('button', { name: 'Videre: bekræft inhabilitet' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Bekræft, at du er inhabil' }).waitFor();
    await page.getByText('du kan ikke selv fortryde det').waitFor();
    expect(await page.locator('.academy-summary').textContent()).toContain('Ansøgeren er min nevø.');
    expect(await page.locator('.academy-summary').textContent()).toContain('Vi er i familie');
    // Nothing declared yet: the audition page still shows the dossier.
    expect(await (await page.request.get(`/jury/auditions/${second.id}`)).text()).toContain('id="dossier"');
    await axe(page);
    await shoot(page, 'jury-confirm-conflict');
    await Promise.all([
      page.waitForURL(/done=declared/, { waitUntil: 'commit' }),
      page.getByRole('button', { name: 'Erklær mig inhabil' }).click(),
    ]);
    await page.getByText('Du har erklæret dig inhabil').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Ansøgningen' }).count()).toBe(0);
    expect(await page.locator('form[action$="/score"]').count()).toBe(0);
    expect(await page.getByText(/kl\. 9\.(00|25)/).count()).toBeGreaterThan(0);
    await t
      .http()
      .put(`/api/auditions/${second.id}/scores/mine`)
      .set(external.auth)
      .send({ criteria: Object.fromEntries(criteria.map((c) => [c.key, c.max])), grade: 12 })
      .expect(403);
    await axe(page);

    // Bad input: 400, the sheet again with a Danish sentence next to each refused field, what was typed kept.
    const judge = await signIn(subject, `/jury/auditions/${second.id}`);
    const token = await judge.locator('input[name="_csrf"]').first().inputValue();
    const refused = await judge.request.post(`/jury/auditions/${second.id}/score`, {
      form: { _csrf: token, [`criteria.${criteria[0].key}`]: '99', grade: '5' },
    });
    expect(refused.status()).toBe(400);
    const html = await refused.text();
    expect(html).toContain(`et tal fra ${criteria[0].min} til ${criteria[0].max}`);
    expect(html).toContain('Vælg en karakter på 7-trinsskalaen');
    expect(html).toContain('value="99"');
    expect(html).toContain(`id="field-criteria-${criteria[0].key}-error"`);

    const order = await signIn(subject, `/jury/rounds/${roundId}/running-order`);
    await order
      .getByRole('heading', { name: /Sal 1, Musikkens Hus/ })
      .first()
      .waitFor();
    expect(await order.getByRole('cell', { name: first.name }).count()).toBe(1);
    await axe(order);
    await shoot(order, 'jury-running-order');
    await order.emulateMedia({ media: 'print' });
    expect(await order.locator('.academy-header').isVisible()).toBe(false);
    await order.emulateMedia({ media: 'screen' });
    const link = order.getByRole('link', { name: /som kalenderfil/ });
    const ics = await order.request.get((await link.getAttribute('href')) as string);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const text = await ics.text();
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).not.toContain(first.name);
  }, 120_000);
});
