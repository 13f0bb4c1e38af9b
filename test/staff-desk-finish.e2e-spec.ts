import { createPerson, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { applyAndSubmit } from './helpers/applications.js';
import { createIntakes, moveClock, resetClock } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { pageClient, type PageClient } from './helpers/pages.js';

/**
 * The staff desk's remaining pages through HTTP with a signed-in page client (issue 18's gaps): the intake's
 * settings form (a refused date said next to its field with the input kept, then saved; the form posted
 * unchanged after opening changes nothing), a rubric's form (a refused row named at its own input, saved, then
 * read-only once scored with), a material opened from the staff application page (inline PDF, Range, nosniff),
 * the scores per round on that page, and adopting the proposal through its confirm page.
 */
describe('staff desk: settings, rubrics, material, scores and adopting the proposal', () => {
  let t: TestApp;
  let staff: Person;
  let jurors: Person[];
  let desk: PageClient;
  const tag = `fin${Math.random().toString(36).slice(2, 7)}`;

  beforeAll(async () => {
    t = await startApp();
    staff = await createPerson(t, 'staff');
    jurors = [];
    for (const name of ['Aase', 'Bent', 'Carl'])
      jurors.push(await createPerson(t, 'juror', `${name} ${tag}`));
    desk = await pageClient(t, staff);
  }, 60_000);
  afterEach(async () => {
    await resetClock(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const api = () => t.http();
  /** The text of a field's error message (DKFDS `form-error-message` tied to the input by id). */
  const errorOf = (html: string, id: string) =>
    new RegExp(`id="${id}-error"[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]*)</span>`).exec(html)?.[1].trim();
  /** The fields one form of a page would post as it stands (inputs' values, selects' selected options). */
  const formFields = (html: string, action: string): Record<string, string> => {
    const start = html.indexOf(`action="${action}"`);
    expect(start).toBeGreaterThan(-1);
    const form = html.slice(start, html.indexOf('</form>', start));
    const fields: Record<string, string> = {};
    for (const input of form.match(/<input[^>]*>/g) ?? []) {
      const name = /name="([^"]+)"/.exec(input)?.[1];
      if (!name || name === '_csrf') continue;
      fields[name] = (/value="([^"]*)"/.exec(input)?.[1] ?? '').replace(/&amp;/g, '&');
    }
    for (const select of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      fields[select[1]] = /<option value="([^"]*)" selected/.exec(select[2])?.[1] ?? '';
    }
    return fields;
  };

  it("edits an intake's settings: a refused date next to its field with the input kept, then saved", async () => {
    const [intake] = await createIntakes(t, staff, ['MGK']);
    const y = intake.year;
    const page = await desk.agent.get(`/staff/intakes/${intake.id}`).expect(200);
    const action = `/staff/intakes/${intake.id}/settings`;
    const shown = formFields(page.text, action);
    // The stored dates as the form shows them: plain days where the API's plain day means the same instant.
    expect(shown).toMatchObject({
      opensAt: `${y}-01-01`,
      closesAt: `${y}-02-01`,
      offerResponseDays: '14',
      'seats.classical': '3',
      'seats.production': '2',
    });

    // A deadline before opening: refused, in Danish next to the field, what was written kept, nothing saved.
    const refused = await desk.post(action, {
      ...shown,
      closesAt: `${y - 1}-12-01`,
      offerResponseDays: '21',
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.text, 'field-closesAt')).toContain('Skriv datoen som ÅÅÅÅ-MM-DD, efter åbningen');
    expect(refused.text).toContain(`value="${y - 1}-12-01"`);
    expect(refused.text).toMatch(/role="alert"/);
    const unchanged = await api().get(`/api/intakes/${intake.id}`).expect(200);
    expect(unchanged.body.offerResponseDays).toBe(14);

    // A quota row with no number: said at that row's own input.
    const noMax = await desk.post(action, {
      ...shown,
      'quotas[1].track': 'classical',
      'quotas[1].mainSubject': 'kontrabas',
    });
    expect(noMax.status).toBe(400);
    expect(errorOf(noMax.text, 'field-quotas-1-max')).toContain('Skriv et helt tal');

    // Saved: a later deadline, 21 days to answer, 4 classical seats and a quota.
    const saved = await desk.post(action, {
      ...shown,
      closesAt: `${y}-02-10`,
      offerResponseDays: '21',
      'seats.classical': '4',
      'quotas[1].track': 'classical',
      'quotas[1].mainSubject': 'kontrabas',
      'quotas[1].max': '1',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/staff/intakes/${intake.id}?done=settings`);
    const after = await api().get(`/api/intakes/${intake.id}`).expect(200);
    expect(after.body).toMatchObject({
      closesAt: `${y}-02-10T23:59:59.999+01:00`,
      offerResponseDays: 21,
      seats: { classical: 4, rhythmic: 3, production: 2 },
      quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }],
    });
    expect((await desk.agent.get(saved.headers.location).expect(200)).text).toContain(
      'Indstillingerne er gemt.',
    );

    // After opening only dates may move, and only later: the form posted as shown changes nothing (303, the
    // same intake), moving the deadline earlier is refused next to its field.
    await moveClock(t, `${y}-01-15T12:00:00+01:00`);
    const open = formFields((await desk.agent.get(`/staff/intakes/${intake.id}`).expect(200)).text, action);
    expect(open['quotas[0].max']).toBe('1');
    expect((await desk.post(action, open)).status).toBe(303);
    expect((await api().get(`/api/intakes/${intake.id}`).expect(200)).body).toEqual(
      expect.objectContaining({ closesAt: after.body.closesAt, opensAt: after.body.opensAt }),
    );
    const earlier = await desk.post(action, { ...open, closesAt: `${y}-02-05` });
    expect(earlier.status).toBe(409);
    expect(errorOf(earlier.text, 'field-closesAt')).toContain('kun til senere');
    expect(earlier.text).toContain(`value="${y}-02-05"`);
  }, 60_000);

  it("edits a track's rubric: a refused row named at its input, then saved", async () => {
    const [intake] = await createIntakes(t, staff, ['MGK']);
    const path = `/staff/intakes/${intake.id}/rubrics/rhythmic`;
    const intakePage = await desk.agent.get(`/staff/intakes/${intake.id}`).expect(200);
    expect(intakePage.text).toContain(`href="${path}"`);
    const page = await desk.agent.get(path).expect(200);
    expect(page.text).toContain('Gem skemaet');
    const rows = {
      'criteria[0].key': 'groove',
      'criteria[0].label': 'Groove',
      'criteria[0].weight': '2',
      'criteria[0].min': '1',
      'criteria[0].max': '10',
      // Row 1 left empty: ignored.
      'criteria[2].key': 'udtryk',
      'criteria[2].label': 'Udtryk',
      'criteria[2].labelEn': 'Expression',
      'criteria[2].weight': '1',
      'criteria[2].min': '5',
      'criteria[2].max': '3',
    };
    // The second criterion sent (the form's third row) has max below min: said at that row's input.
    const refused = await desk.post(path, rows);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.text, 'field-criteria-2-max')).toContain('større end min');
    expect(refused.text).toContain('value="Expression"');
    const saved = await desk.post(path, { ...rows, 'criteria[2].max': '10' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${path}?done=saved`);
    const rubric = await api().get(`/api/intakes/${intake.id}/rubrics/rhythmic`).set(staff.auth).expect(200);
    expect(rubric.body.criteria).toEqual([
      { key: 'groove', label: 'Groove', weight: 2, min: 1, max: 10 },
      { key: 'udtryk', label: 'Udtryk', labelEn: 'Expression', weight: 1, min: 5, max: 10 },
    ]);
    expect((await desk.agent.get(saved.headers.location).expect(200)).text).toContain(
      'Bedømmelsesskemaet er gemt.',
    );
    await desk.agent.get(`/staff/intakes/${intake.id}/rubrics/nope`).expect(404);
  }, 60_000);

  it('opens a material from the staff application page: inline PDF, a range, nosniff; 404 under another application', async () => {
    const [intake] = await createIntakes(t, staff, ['MGK']);
    await moveClock(t, `${intake.year}-01-20T12:00:00+01:00`);
    const register = { birthDate: `${intake.year - 19}-03-01` };
    const applied = await applyAndSubmit(t, { intakeId: intake.id, track: 'production', register });
    const other = await applyAndSubmit(t, { intakeId: intake.id, track: 'production', register });
    const page = await desk.agent.get(`/staff/applications/${applied.id}`).expect(200);
    const href = `/staff/applications/${applied.id}/materials/${applied.materialId}`;
    expect(page.text).toContain(`href="${href}"`);
    const whole = await desk.agent.get(href).buffer(true).expect(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['content-disposition']).toMatch(/^inline;/);
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(whole.body as Buffer).equals(PDF)).toBe(true);
    const part = await desk.agent.get(href).set('Range', 'bytes=0-3').buffer(true).expect(206);
    expect(part.headers['content-range']).toBe(`bytes 0-3/${PDF.length}`);
    expect(Buffer.from(part.body as Buffer).toString()).toBe('%PDF');
    await desk.agent.get(`/staff/applications/${other.id}/materials/${applied.materialId}`).expect(404);
    // The applicant has the API for their own material; this page is the staff desk's (403).
    const applicant = await pageClient(t, applied.person);
    await applicant.agent.get(href).expect(403);
  }, 60_000);

  it('adopts the proposal through its confirm page; overrides stand; the application page shows the scores per round', async () => {
    const [intake] = await createIntakes(t, staff, ['MGK'], { seats: { classical: 1, rhythmic: 1 } });
    const y = intake.year;
    await moveClock(t, `${y}-01-20T12:00:00+01:00`);
    const names = ['Asta', 'Bjørn', 'Cille'];
    const ids: string[] = [];
    for (const name of names) {
      ids.push(
        (
          await applyAndSubmit(t, {
            intakeId: intake.id,
            register: { name: `${name} ${tag}`, birthDate: `${y - 19}-03-01` },
          })
        ).id,
      );
    }
    await moveClock(t, `${y}-02-10T12:00:00+01:00`);
    const round = await api()
      .post(`/api/intakes/${intake.id}/rounds`)
      .set(staff.auth)
      .send({ track: 'classical', kind: 'audition', order: 1, name: `Prøven ${tag}` })
      .expect(201);
    const panel = await api()
      .post(`/api/rounds/${round.body.id}/panels`)
      .set(staff.auth)
      .send({
        name: 'Panel',
        members: [
          { userId: jurors[0].id, role: 'chair' },
          { userId: jurors[1].id, role: 'subject_examiner' },
          { userId: jurors[2].id, role: 'external_examiner' },
        ],
      })
      .expect(201);
    await api()
      .post(`/api/rounds/${round.body.id}/slots`)
      .set(staff.auth)
      .send({
        panelId: panel.body.id,
        venue: 'Kulturskolen',
        room: `Sal ${tag}`,
        startsAt: `${y}-03-01T09:00:00+01:00`,
        durationMinutes: 25,
        count: names.length,
      })
      .expect(201);
    await api().post(`/api/rounds/${round.body.id}/schedule`).set(staff.auth).expect(200);
    const auditions = (await api().get(`/api/rounds/${round.body.id}/auditions`).set(staff.auth).expect(200))
      .body.items as Array<{ id: string; applicationId: string }>;
    const rubric = (
      await api().get(`/api/intakes/${intake.id}/rubrics/classical`).set(staff.auth).expect(200)
    ).body.criteria as Array<{ key: string; min: number; max: number }>;
    const grades = [12, 10, 7];
    for (const [i, id] of ids.entries()) {
      const audition = auditions.find((a) => a.applicationId === id)!;
      const criteria = Object.fromEntries(rubric.map((k) => [k.key, Math.max(k.min, k.max - i)]));
      for (const juror of jurors) {
        await api()
          .put(`/api/auditions/${audition.id}/scores/mine`)
          .set(juror.auth)
          .send({ criteria, grade: grades[i], comment: `Fin ${i}` })
          .expect(200);
      }
      await api()
        .post(`/api/auditions/${audition.id}/result`)
        .set(jurors[0].auth)
        .send({ grade: grades[i], passed: true })
        .expect(200);
    }
    await moveClock(t, `${y}-04-30T12:00:00+02:00`);

    // The decisions page links the confirm step; the confirm page says how many it decides.
    const adopt = `/staff/intakes/${intake.id}/decisions/adopt`;
    expect((await desk.agent.get(`/staff/intakes/${intake.id}/decisions`).expect(200)).text).toContain(
      `href="${adopt}"`,
    );
    const confirm = await desk.agent.get(adopt).expect(200);
    expect(confirm.text).toContain('Forslaget bliver afgørelsen for 3 ansøgninger');
    expect(confirm.text).toContain('Ingen afgørelser afviger fra forslaget.');
    expect(
      (await api().get(`/api/intakes/${intake.id}/decisions`).set(staff.auth).expect(200)).body.items,
    ).toEqual([]);
    const adopted = await desk.post(adopt);
    expect(adopted.status).toBe(303);
    expect(adopted.headers.location).toBe(`/staff/intakes/${intake.id}/decisions?done=adopted`);
    const decisions = async () =>
      (await api().get(`/api/intakes/${intake.id}/decisions`).set(staff.auth).expect(200)).body
        .items as Array<{
        applicationId: string;
        outcome: string;
        proposedOutcome: string;
        overrideReason: string | null;
      }>;
    const first = await decisions();
    expect(first).toHaveLength(3);
    const outcomeOf = (list: typeof first, id: string) => list.find((d) => d.applicationId === id)!.outcome;
    expect(ids.map((id) => outcomeOf(first, id))).toEqual(['admitted', 'waitlisted', 'waitlisted']);
    expect(first.every((d) => d.outcome === d.proposedOutcome)).toBe(true);
    const audit = await api()
      .get('/api/audit')
      .query({ entity: 'application', entityId: ids[0], action: 'decision.proposed', limit: 10 })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items.map((r: { actorId: string }) => r.actorId)).toEqual([staff.id]);

    // Staff reject Cille with a reason; adopting again keeps that and counts it apart.
    await api()
      .put(`/api/applications/${ids[2]}/decision`)
      .set(staff.auth)
      .send({ outcome: 'rejected', reason: 'Trak sig mundtligt' })
      .expect(200);
    const again = await desk.agent.get(adopt).expect(200);
    expect(again.text).toContain('Forslaget bliver afgørelsen for 2 ansøgninger');
    expect(again.text).toContain(
      '1 afgørelse, der afviger fra forslaget med en begrundelse, bliver stående.',
    );
    expect((await desk.post(adopt)).status).toBe(303);
    const second = await decisions();
    expect(outcomeOf(second, ids[2])).toBe('rejected');
    expect(second.find((d) => d.applicationId === ids[2])!.overrideReason).toBe('Trak sig mundtligt');

    // The application page: every juror's score in the round and the panel's result.
    const application = await desk.agent.get(`/staff/applications/${ids[0]}`).expect(200);
    expect(application.text).toContain(`Point i Prøven ${tag}`);
    for (const juror of jurors) expect(application.text).toContain(juror.name);
    expect(application.text).toContain('Fin 0');
    expect(application.text).toContain('Panelets resultat: 12, bestået');

    // Scored with: the rubric is shown read-only with the reason, and a post is refused saying why.
    const locked = await desk.agent.get(`/staff/intakes/${intake.id}/rubrics/classical`).expect(200);
    expect(locked.text).toContain('Skemaet er låst');
    expect(locked.text).not.toContain('Gem skemaet');
    const refused = await desk.post(`/staff/intakes/${intake.id}/rubrics/classical`, {
      'criteria[0].key': 'x',
      'criteria[0].label': 'X',
      'criteria[0].weight': '1',
      'criteria[0].min': '1',
      'criteria[0].max': '2',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Skemaet er låst, fordi censorerne har givet point efter det.');

    // Once published, adopting is refused on the confirm page.
    await moveClock(t, `${y}-05-01T12:00:00+02:00`);
    await api().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
    const late = await desk.post(adopt);
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/role="alert"/);
  }, 180_000);
});
