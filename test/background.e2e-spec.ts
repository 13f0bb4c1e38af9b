import yauzl from 'yauzl';
import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { discoverPageRoutes, pageClient } from './helpers/pages.js';
import { World } from './helpers/world.js';

/** Words no other spec writes: if any answer of a juror or staff carries them, the background answers leaked. */
const MARKERS = {
  genderDescription: 'Kvasarbeskrivelse',
  school: 'Zebrafinkeskolen 7Q',
  feederCourseWhere: 'Xylofontalentklassen',
};
const BACKGROUND_KEYS = [
  'gender',
  'genderDescription',
  'municipalityCode',
  'school',
  'feederCourse',
  'feederCourseWhere',
];

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

function expectNoBackground(what: string, text: string, json?: unknown) {
  for (const marker of Object.values(MARKERS))
    expect({ what, has: text.includes(marker) }).toEqual({ what, has: false });
  if (json !== undefined) {
    const keys = keysOf(json);
    expect({ what, keys: BACKGROUND_KEYS.filter((k) => keys.has(k)) }).toEqual({ what, keys: [] });
  }
}

function unzipNames(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (p: Buffer) => parts.push(p));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('voluntary background questions', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startApp();
    w = await new World(t).build();
  }, 120_000);
  beforeEach(async () => {
    await moveClock(t, w.now);
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  it('the applicant answers, changes and reads them; bad answers are refused with what to fix', async () => {
    const { owner, id } = await w.submitted();
    const put = (body: Record<string, unknown>, who = owner) =>
      t.http().put(`/api/applications/${id}/background`).set(who.auth).send(body);

    const empty = await t.http().get(`/api/applications/${id}/background`).set(owner.auth).expect(200);
    expect(empty.body).toMatchObject({
      gender: null,
      municipalityCode: null,
      school: null,
      feederCourse: null,
    });

    const saved = await put({
      gender: 'self-described',
      genderDescription: MARKERS.genderDescription,
      municipalityCode: '825',
      school: MARKERS.school,
      feederCourse: 'talent-class',
      feederCourseWhere: MARKERS.feederCourseWhere,
    }).expect(200);
    expect(saved.body).toMatchObject({
      gender: 'self-described',
      genderDescription: MARKERS.genderDescription,
      municipalityCode: '825',
      feederCourse: 'talent-class',
    });
    // Every answer is optional and "prefer-not" is one: a new PUT replaces them all.
    const changed = await put({ gender: 'prefer-not', municipalityCode: 'prefer-not' }).expect(200);
    expect(changed.body).toMatchObject({
      gender: 'prefer-not',
      municipalityCode: 'prefer-not',
      school: null,
    });

    const unknown = await put({ municipalityCode: '999' }).expect(400);
    expect(unknown.body.message).toMatch(/No Danish municipality has the code 999/);
    expect((await put({ gender: 'robot' }).expect(400)).body.message).toMatch(/gender must be one of/);
    await put({ favouriteColour: 'blå' }).expect(400);
    await put({ school: 'x'.repeat(201) }).expect(400);
    // Nothing of a refused answer was kept.
    const now = await t.http().get(`/api/applications/${id}/background`).set(owner.auth).expect(200);
    expect(now.body).toMatchObject({ gender: 'prefer-not', municipalityCode: 'prefer-not' });

    await put({ gender: 'woman' }, w.otherApplicant).expect(404);
    await t.http().get(`/api/applications/${id}/background`).set(w.staff.auth).expect(403);
    await t.http().get(`/api/applications/${id}/background`).set(w.jurorOnPanel.auth).expect(403);
    const municipalities = await t.http().get('/api/municipalities').expect(200);
    expect(municipalities.body).toHaveLength(98);
    expect(municipalities.body).toContainEqual({ code: '825', name: 'Læsø', region: 'Region Nordjylland' });
  });

  it('no answer a juror or staff get about the application carries them, nor a page a juror can open', async () => {
    const audition = await w.scheduled();
    await t
      .http()
      .put(`/api/applications/${audition.applicationId}/background`)
      .set(audition.owner.auth)
      .send({
        gender: 'self-described',
        genderDescription: MARKERS.genderDescription,
        municipalityCode: '851',
        school: MARKERS.school,
        feederCourse: 'other-course',
        feederCourseWhere: MARKERS.feederCourseWhere,
      })
      .expect(200);
    await t
      .http()
      .put(`/api/auditions/${audition.auditionId}/scores/mine`)
      .set(w.jurorOnPanel.auth)
      .send(await w.scoreBody())
      .expect(200);

    const juror = w.jurorOnPanel;
    const calls: Array<[string, string, typeof juror]> = [
      ['juror: my auditions', '/api/jury/auditions', juror],
      ['juror: my timetable', '/api/jury/timetable', juror],
      ['juror: the scores', `/api/auditions/${audition.auditionId}/scores`, juror],
      ['staff: the application', `/api/applications/${audition.applicationId}`, w.staff],
      ['staff: the round', `/api/rounds/${w.roundId}/auditions`, w.staff],
      ['staff: the ranking', `/api/rounds/${w.roundId}/ranking`, w.staff],
      ['staff: applications', `/api/applications?intakeId=${w.mgk.id}&limit=500`, w.staff],
    ];
    for (const [what, path, who] of calls) {
      const res = await t.http().get(path).set(who.auth);
      expect({ what, status: res.status }).toEqual({ what, status: 200 });
      expectNoBackground(what, res.text, res.body);
    }
    // The material a juror may open is the applicant's upload, nothing else.
    const material = await t
      .http()
      .get(`/api/applications/${audition.applicationId}/materials/${audition.materialId}`)
      .set(juror.auth)
      .expect(200);
    expectNoBackground('juror: material', String(material.text ?? ''));

    // Every page a juror can open without an id, and the jury's pages of this audition: its dossier and score
    // sheet, the round's running order and the juror's day as a calendar.
    const browser = await pageClient(t, juror);
    for (const route of discoverPageRoutes(t).filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      const res = await browser.agent.get(route.path);
      if (res.status === 200 && /html/.test(String(res.headers['content-type'])))
        expectNoBackground(`juror page ${route.path}`, res.text);
    }
    for (const path of [
      `/jury/auditions/${audition.auditionId}`,
      `/jury/rounds/${w.roundId}/running-order`,
      `/jury/rounds/${w.roundId}/running-order.ics`,
    ]) {
      const res = await browser.agent.get(path).expect(200);
      expectNoBackground(`juror page ${path}`, res.text);
    }
  });

  it('the page asks them one page on its own, explained, and keeps what was typed when refused', async () => {
    const { owner, id } = await w.draft(true);
    const browser = await pageClient(t, owner);
    const application = await browser.agent.get(`/applications/${id}`).expect(200);
    expect(application.text).toContain(`href="/applications/${id}/background"`);
    const page = await browser.agent.get(`/applications/${id}/background`).expect(200);
    expect(page.text).toContain('<h1>Frivillige spørgsmål om din baggrund</h1>');
    expect(page.text).toContain('censorerne ser dem aldrig');
    expect(page.text).toContain('<option value="851">Aalborg</option>');

    const token = async () =>
      /name="_csrf" value="([^"]+)"/.exec(
        (await browser.agent.get(`/applications/${id}/background`)).text,
      )![1];
    const refused = await browser.agent
      .post(`/applications/${id}/background`)
      .type('form')
      .send({ _csrf: await token(), gender: 'man', municipalityCode: '999', school: MARKERS.school });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Vælg en kommune fra listen eller «Vil ikke oplyse»');
    expect(refused.text).toContain(`value="${MARKERS.school}"`);

    const saved = await browser.agent
      .post(`/applications/${id}/background`)
      .type('form')
      .send({
        _csrf: await token(),
        gender: 'man',
        municipalityCode: '813',
        feederCourse: 'none',
        school: '',
      });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/applications/${id}/background?done=saved`);
    const after = await browser.agent.get(saved.headers.location as string).expect(200);
    expect(after.text).toContain('Dine svar er gemt.');
    expect(after.text).toContain('<option value="813" selected>Frederikshavn</option>');
    expect(after.text).toMatch(/value="man"[^>]*checked/);
  });

  it('the personal-data export holds them', async () => {
    const { owner, id } = await w.submitted();
    await t
      .http()
      .put(`/api/applications/${id}/background`)
      .set(owner.auth)
      .send({ school: MARKERS.school, feederCourse: 'none' })
      .expect(200);
    const res = await t
      .http()
      .get('/api/me/export')
      .set(owner.auth)
      .buffer(true)
      .parse((r, done) => {
        const parts: Buffer[] = [];
        r.on('data', (p: Buffer) => parts.push(p));
        r.on('end', () => done(null, Buffer.concat(parts)));
      })
      .expect(200);
    const entries = await unzipNames(res.body as Buffer);
    const rows = JSON.parse(entries.get('application_backgrounds.json')!) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      expect.objectContaining({ application_id: id, school: MARKERS.school, feeder_course: 'none' }),
    ]);
  });
});
