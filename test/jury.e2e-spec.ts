import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Application } from '../src/applications/application.entity.js';
import { Audition } from '../src/auditions/audition.entity.js';
import { PanelMember } from '../src/auditions/panel.entity.js';
import { Round } from '../src/auditions/round.entity.js';
import { Rubric } from '../src/catalogue/rubric.entity.js';
import { AuditionResult } from '../src/jury/audition-result.entity.js';
import { Conflict } from '../src/jury/conflict.entity.js';
import { JuryService } from '../src/jury/jury.service.js';
import { rankRound, weightedScore, type RankingMethod } from '../src/jury/ranking.js';
import { Score } from '../src/jury/score.entity.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createPerson, uniqueEmail, type Person } from './helpers/accounts.js';
import { applyAndSubmit as submitted } from './helpers/applications.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';

/** The MGK rubric's keys (the default rubric, scale 1..10). */
const KEYS = [
  'technique',
  'musical-expression',
  'interpretation',
  'ear-training',
  'sight-reading',
  'ensemble',
];
const all = (v: number) => Object.fromEntries(KEYS.map((k) => [k, v]));

interface AuditionRow {
  id: string;
  applicationId: string;
  panelId: string;
  startsAt: string | null;
}

describe('jury', () => {
  let t: TestApp;
  let db: DataSource;
  let staff: Person;
  let mgk: IntakeBody;
  // Panel A: j1 chairs, j2 and j3 examine. Panel B: k1 chairs. Both sit in the classical round.
  let j1: Person, j2: Person, j3: Person, k1: Person, k2: Person, k3: Person;
  let classicalRound: string;
  let prescreenRound: string;
  let panelA: AuditionRow[]; // six classical auditions before panel A
  let panelB: AuditionRow[]; // one before panel B
  let prescreen: AuditionRow[]; // four rhythmic applications, judged on material
  let withdrawnApplication: string;

  const put = (who: Person, auditionId: string, body: object) =>
    t.http().put(`/api/auditions/${auditionId}/scores/mine`).set(who.auth).send(body);
  const score = (who: Person, auditionId: string, v: number, grade = 7, comment?: string) =>
    put(who, auditionId, { criteria: all(v), grade, ...(comment ? { comment } : {}) });
  const scoresOf = (who: Person, auditionId: string) =>
    t.http().get(`/api/auditions/${auditionId}/scores`).set(who.auth);
  const result = (who: Person, auditionId: string, body: object) =>
    t.http().post(`/api/auditions/${auditionId}/result`).set(who.auth).send(body);
  const conflict = (who: Person, auditionId: string, body: object) =>
    t.http().post(`/api/auditions/${auditionId}/conflicts`).set(who.auth).send(body);

  /** A minor (a guardian given) applies to MGK and submits. */
  const applyAndSubmit = (year: number, track: 'classical' | 'rhythmic') =>
    submitted(t, {
      intakeId: mgk.id,
      track,
      register: {
        birthDate: `${year - 17}-03-01`,
        guardian: { name: 'Hanne Værge', email: uniqueEmail('guardian') },
        name: `Ansøger ${randomUUID().slice(0, 4)}`,
      },
    });

  async function round(body: object): Promise<string> {
    const res = await t.http().post(`/api/intakes/${mgk.id}/rounds`).set(staff.auth).send(body).expect(201);
    return res.body.id;
  }

  async function panel(roundId: string, name: string, members: Person[]): Promise<string> {
    const roles = ['chair', 'subject_examiner', 'external_examiner'];
    const res = await t
      .http()
      .post(`/api/rounds/${roundId}/panels`)
      .set(staff.auth)
      .send({ name, members: members.map((m, i) => ({ userId: m.id, role: roles[i] })) })
      .expect(201);
    return res.body.id;
  }

  async function auditionsOf(roundId: string): Promise<AuditionRow[]> {
    const res = await t.http().get(`/api/rounds/${roundId}/auditions?limit=500`).set(staff.auth).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  }

  beforeAll(async () => {
    // BENCH_STATEMENTS: each answer says how many SQL statements it took (checked for the score write below).
    t = await startApp({ env: { BENCH_STATEMENTS: '1' } });
    db = t.app.get(DataSource);
    staff = await createPerson(t, 'staff');
    [j1, j2, j3, k1, k2, k3] = await Promise.all(
      ['Jens', 'Jytte', 'Jonas', 'Karen', 'Kim', 'Kirsten'].map((n) => createPerson(t, 'juror', n)),
    );
    [mgk] = await createIntakes(t, staff, ['MGK']);
    const year = mgk.year;
    await moveClock(t, `${year}-01-20T12:00:00+01:00`);
    try {
      for (let i = 0; i < 7; i++) await applyAndSubmit(year, 'classical');
      const rhythmic = [];
      for (let i = 0; i < 4; i++) rhythmic.push(await applyAndSubmit(year, 'rhythmic'));

      classicalRound = await round({
        track: 'classical',
        kind: 'audition',
        order: 1,
        name: 'Optagelsesprøve',
      });
      const a = await panel(classicalRound, 'Panel A', [j1, j2, j3]);
      const b = await panel(classicalRound, 'Panel B', [k1, k2, k3]);
      const venue = `Kulturskolen ${randomUUID().slice(0, 6)}`;
      const slots = (panelId: string, room: string, startsAt: string, count: number) =>
        t
          .http()
          .post(`/api/rounds/${classicalRound}/slots`)
          .set(staff.auth)
          .send({ panelId, venue, room, startsAt, durationMinutes: 25, count })
          .expect(201);
      await slots(a, 'Sal 1', `${year}-03-04T09:00:00+01:00`, 6);
      await slots(b, 'Sal 2', `${year}-03-04T14:00:00+01:00`, 2);
      await t.http().post(`/api/rounds/${classicalRound}/schedule`).set(staff.auth).expect(200);
      const rows = await auditionsOf(classicalRound);
      panelA = rows.filter((r) => r.panelId === a);
      panelB = rows.filter((r) => r.panelId === b);

      prescreenRound = await round({
        track: 'rhythmic',
        kind: 'prescreen',
        order: 1,
        name: 'Forhåndsudvælgelse',
      });
      await panel(prescreenRound, 'Panel P', [j1, j2, j3]);
      await t.http().post(`/api/rounds/${prescreenRound}/schedule`).set(staff.auth).expect(200);
      prescreen = await auditionsOf(prescreenRound);
      withdrawnApplication = rhythmic[3].id;
      await t
        .http()
        .post(`/api/applications/${withdrawnApplication}/withdraw`)
        .set(rhythmic[3].person.auth)
        .expect(200);
    } finally {
      await resetClock(t);
    }
    expect(panelA).toHaveLength(6);
    expect(panelB).toHaveLength(1);
    expect(prescreen).toHaveLength(4);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a juror sees their own panels’ auditions with what to judge and their progress; never another panel’s', async () => {
    const mine = await t.http().get('/api/jury/auditions').set(j1.auth).expect(200);
    const ids = mine.body.items.map((i: { id: string }) => i.id);
    // The withdrawn pre-screen application has vanished from the jurors' view at once (least access).
    const live = prescreen.filter((p) => p.applicationId !== withdrawnApplication);
    expect(live).toHaveLength(3);
    expect(ids.sort()).toEqual([...panelA, ...live].map((a) => a.id).sort());
    expect(ids).not.toContain(panelB[0].id);
    const first = mine.body.items.find((i: { id: string }) => i.id === panelA[0].id);
    expect(first).toMatchObject({
      applicantName: expect.stringMatching(/^Ansøger /),
      track: 'classical',
      mainSubject: 'cello',
      repertoire: [expect.objectContaining({ title: 'Suite nr. 1, Prélude' }), expect.anything()],
      materials: [],
      room: 'Sal 1',
      startsAt: expect.stringMatching(/T09:00:00\+01:00$/),
      myScore: null,
      recused: false,
      locked: false,
    });
    // A pre-screen audition has no time or room: judged on the material.
    // The timetable (times, rooms, who comes) leaves the withdrawn application out too.
    const timetable = await t.http().get('/api/jury/timetable').set(j1.auth).expect(200);
    expect(timetable.body.map((i: { id: string }) => i.id).sort()).toEqual(ids.sort());
    expect(JSON.stringify(timetable.body)).not.toContain(withdrawnApplication);
    const pre = mine.body.items.find((i: { id: string }) => i.id === live[0].id);
    expect(pre).toMatchObject({ track: 'rhythmic', startsAt: null, room: null });
    expect(JSON.stringify(mine.body)).not.toMatch(/"grade"/);

    const theirs = await t.http().get('/api/jury/auditions').set(k1.auth).expect(200);
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual([panelB[0].id]);
    expect(theirs.body).toMatchObject({ total: 1, scored: 0, remaining: 1 });
  });

  it('a juror outside the panel gets 404 for every way in; an applicant or teacher 403', async () => {
    const id = panelA[0].id;
    for (const res of [
      await score(k1, id, 5),
      await scoresOf(k1, id),
      await conflict(k1, id, { reason: 'Kender hende' }),
      await result(k1, id, { grade: 7, passed: true }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    await score(j1, randomUUID(), 5).expect(404);
    const teacher = await createPerson(t, 'teacher');
    await scoresOf(teacher, id).expect(403);
    await t.http().get(`/api/rounds/${classicalRound}/ranking`).set(j1.auth).expect(403);
  });

  it('bad scores → 400 naming the criterion or the grade; the first valid score locks the rubric (PUT rubric → 409)', async () => {
    const id = panelA[0].id;
    const rubricPath = `/api/intakes/${mgk.id}/rubrics/classical`;
    const rubric = await t.http().get(rubricPath).set(staff.auth).expect(200);
    expect(rubric.body.lockedAt).toBeNull();
    const criteria = rubric.body.criteria;

    const { ensemble: _dropped, ...missing } = all(6);
    const res1 = await put(j1, id, { criteria: missing, grade: 7 }).expect(400);
    expect(res1.body.details.map((d: { field: string }) => d.field)).toEqual(['criteria.ensemble']);
    expect(res1.body.message).toContain('criteria.ensemble');

    const res2 = await put(j1, id, { criteria: { ...all(6), technique: 11 }, grade: 7 }).expect(400);
    expect(res2.body.details[0]).toMatchObject({ field: 'criteria.technique' });
    expect(res2.body.message).toContain('outside 1..10');

    const res3 = await put(j1, id, { criteria: { ...all(6), charm: 9 }, grade: 7 }).expect(400);
    expect(res3.body.details[0].field).toBe('criteria.charm');

    const res4 = await put(j1, id, { criteria: all(6), grade: 5 }).expect(400);
    expect(res4.body.details[0].field).toBe('grade');

    // Refused scores left the rubric open: staff can still edit it.
    await t.http().put(rubricPath).set(staff.auth).send({ criteria }).expect(200);

    const ok = await score(j1, id, 6, 7, 'God tone').expect(200);
    expect(ok.body).toMatchObject({ jurorId: j1.id, grade: 7, revision: 1, comment: 'God tone' });
    const locked = await t.http().put(rubricPath).set(staff.auth).send({ criteria }).expect(409);
    expect(locked.body.code).toBe('LOCKED');
    expect((await t.http().get(rubricPath).set(staff.auth)).body.lockedAt).not.toBeNull();
  });

  it('blind: a juror sees the panel’s scores only after submitting their own; staff always', async () => {
    const id = panelA[1].id;
    await score(j1, id, 7, 10).expect(200);
    const blind = await scoresOf(j2, id).expect(403);
    expect(blind.body.message).toMatch(/blind/i);

    const staffView = await scoresOf(staff, id).expect(200);
    expect(staffView.body.scores).toEqual([
      expect.objectContaining({ jurorId: j1.id, grade: 10, counts: true }),
    ]);

    await score(j2, id, 8, 10).expect(200);
    const seen = await scoresOf(j2, id).expect(200);
    expect(seen.body.scores.map((s: { jurorId: string }) => s.jurorId).sort()).toEqual([j1.id, j2.id].sort());
    // The list view shows only the caller's own score, and the progress moved.
    const list = await t.http().get('/api/jury/auditions').set(j2.auth).expect(200);
    const row = list.body.items.find((i: { id: string }) => i.id === id);
    expect(row.myScore).toMatchObject({ jurorId: j2.id, grade: 10 });
    expect(JSON.stringify(list.body)).not.toContain(j1.id);
    expect(list.body.scored).toBe(1);
  });

  it('blind scoring holds: throwaway score, read the panel’s, revise → 409; the chair or staff correct it with a reason (audited)', async () => {
    // j1 (chair) and j2 scored this one in the test before, and j2 has read the panel's scores.
    const id = panelA[1].id;
    const correct = (who: Person, jurorId: string, body: object) =>
      t.http().put(`/api/auditions/${id}/scores/${jurorId}`).set(who.auth).send(body);

    // The attack: a throwaway score, a look at the others', then the "real" score.
    await score(j3, id, 1, -3).expect(200);
    const peek = await scoresOf(j3, id).expect(200);
    expect(peek.body.scores.find((s: { jurorId: string }) => s.jurorId === j3.id)).toMatchObject({
      revision: 1,
      final: true,
      panelSeenAt: expect.any(String),
    });
    const revise = await score(j3, id, 7, 10).expect(409);
    expect(revise.body.code).toBe('SCORE_FINAL');
    expect(revise.body.message).toMatch(
      /Your score is final: you saw the panel's scores on .*chair or staff/,
    );
    await score(j2, id, 9, 12).expect(409);
    // A retry of the very same score is answered unchanged (idempotent), and nothing moved.
    const retry = await score(j3, id, 1, -3).expect(200);
    expect(retry.body).toMatchObject({ revision: 1, grade: -3 });
    const mine = await t.http().get('/api/jury/auditions').set(j3.auth).expect(200);
    expect(mine.body.items.find((i: { id: string }) => i.id === id).myScore).toMatchObject({
      grade: -3,
      final: true,
    });

    // The chair has not looked yet: their own score is still theirs to revise.
    await score(j1, id, 8, 10).expect(200);

    // A correction needs the chair (for another juror) or staff, the whole score and a reason.
    const body = {
      criteria: all(6),
      grade: 7,
      reason: 'Censor tastede −3 ved en fejl; rettet efter samtale.',
    };
    const noReason = await correct(j1, j3.id, { criteria: all(6), grade: 7 }).expect(400);
    expect(noReason.body.message).toMatch(/reason/);
    await correct(j1, j3.id, { ...body, criteria: { ...all(6), technique: 11 } }).expect(400);
    const notChair = await correct(j2, j3.id, body).expect(403);
    expect(notChair.body.message).toMatch(/chair or staff/);
    await correct(k1, j3.id, body).expect(404);
    await correct(staff, k1.id, body).expect(404); // k1 has no score here
    const fixed = await correct(j1, j3.id, body).expect(200);
    expect(fixed.body).toMatchObject({
      jurorId: j3.id,
      revision: 2,
      grade: 7,
      criteria: all(6),
      final: true,
    });

    // The chair reads the panel's too: their own is final now, and only staff correct it.
    await scoresOf(j1, id).expect(200);
    await score(j1, id, 9, 12).expect(409);
    const own = await correct(j1, j1.id, { ...body, criteria: all(9), grade: 12 }).expect(403);
    expect(own.body.message).toMatch(/staff/);
    await correct(staff, j1.id, {
      ...body,
      criteria: all(9),
      grade: 12,
      reason: 'Prøveleder bad om det.',
    }).expect(200);

    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'audition', entityId: id, action: 'score.corrected' })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        reason: 'Prøveleder bad om det.',
        before: expect.objectContaining({ jurorId: j1.id, revision: 2, grade: 10 }),
        after: expect.objectContaining({ jurorId: j1.id, revision: 3, grade: 12 }),
      }),
      expect.objectContaining({
        actorId: j1.id,
        reason: body.reason,
        before: expect.objectContaining({ jurorId: j3.id, revision: 1, grade: -3, criteria: all(1) }),
        after: expect.objectContaining({ jurorId: j3.id, revision: 2, grade: 7, criteria: all(6) }),
      }),
    ]);

    // Once the result is recorded, corrections wait for staff to reopen it, like every score.
    await result(j1, id, { grade: 10, passed: true }).expect(200);
    const late = await correct(staff, j3.id, body).expect(409);
    expect(late.body.code).toBe('LOCKED');
  });

  it('a revision replaces the score; both versions are in the audit with before and after', async () => {
    const id = panelA[2].id;
    await score(j3, id, 5, 4).expect(200);
    const revised = await score(j3, id, 8, 10).expect(200);
    expect(revised.body).toMatchObject({ revision: 2, grade: 10, criteria: all(8) });
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'audition', entityId: id })
      .set(staff.auth)
      .expect(200);
    const actions = audit.body.items.map((r: { action: string }) => r.action);
    expect(actions).toEqual(['score.revised', 'score.submitted']);
    const record = audit.body.items.find(
      (r: { after: { revision: number } }) => r.after.revision === revised.body.revision,
    );
    expect(record).toMatchObject({
      actorId: j3.id,
      before: { jurorId: j3.id, revision: 1, grade: 4, criteria: all(5) },
      after: { jurorId: j3.id, revision: 2, grade: 10, criteria: all(8) },
    });
  });

  it('a juror who has scored on a panel keeps the seat: replacing them → 409 naming why', async () => {
    const newcomer = await createPerson(t, 'juror', 'Nina Ny');
    const res = await t
      .http()
      .put(`/api/panels/${panelA[2].panelId}/members/${j3.id}`)
      .set(staff.auth)
      .send({ userId: newcomer.id })
      .expect(409);
    expect(res.body.message).toMatch(/has scored \d+ audition/);
  });

  it('conflicts: a recused juror can neither score nor see scores; their score stops counting; a panel below two is flagged', async () => {
    const id = panelA[3].id;
    await score(j3, id, 9, 12).expect(200);
    await conflict(j2, id, { jurorId: j3.id, reason: 'Ikke min sag' }).expect(403);
    await conflict(staff, id, { reason: 'Mangler juror' }).expect(400);
    await conflict(staff, id, { jurorId: k1.id, reason: 'Ikke i panelet' }).expect(400);

    const declared = await conflict(j3, id, {
      kind: 'teacher',
      reason: 'Jeg har undervist ansøgeren.',
    }).expect(201);
    expect(declared.body).toMatchObject({
      jurorId: j3.id,
      kind: 'teacher',
      recordedBy: j3.id,
      scoreExcluded: true,
      panel: { members: 3, scoring: 2, needsAttention: false },
    });
    await conflict(j3, id, { reason: 'igen' }).expect(409);
    const scoring = await score(j3, id, 5).expect(403);
    expect(scoring.body.message).toMatch(/recused/);
    await scoresOf(j3, id).expect(403);
    const staffView = await scoresOf(staff, id).expect(200);
    expect(staffView.body.scores).toEqual([expect.objectContaining({ jurorId: j3.id, counts: false })]);

    let flags = await t
      .http()
      .get('/api/jury/flags')
      .query({ roundId: classicalRound })
      .set(staff.auth)
      .expect(200);
    expect(flags.body.flagged).toEqual([]);
    const second = await conflict(staff, id, { jurorId: j2.id, kind: 'relative', reason: 'Kusine' }).expect(
      201,
    );
    expect(second.body).toMatchObject({
      recordedBy: staff.id,
      scoreExcluded: false,
      panel: { scoring: 1, needsAttention: true },
    });
    flags = await t
      .http()
      .get('/api/jury/flags')
      .query({ roundId: classicalRound })
      .set(staff.auth)
      .expect(200);
    expect(flags.body.flagged).toEqual([
      expect.objectContaining({
        auditionId: id,
        scoring: 1,
        needsAttention: true,
        recused: expect.arrayContaining([expect.objectContaining({ jurorId: j2.id, kind: 'relative' })]),
      }),
    ]);

    // The ranking leaves the recused juror's score out: this audition has no counting score left.
    const ranking = await t.http().get(`/api/rounds/${classicalRound}/ranking`).set(staff.auth).expect(200);
    const applicationId = panelA[3].applicationId;
    expect(ranking.body.notRanked).toContainEqual(
      expect.objectContaining({ applicationId, reason: 'not scored', needsAttention: true }),
    );
    // Recused: the time stays in the timetable, the applicant's dossier goes (material download answers 404,
    // see the authorisation matrix); the chair, not recused, still reads it.
    const list = await t.http().get('/api/jury/auditions').set(j3.auth).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      recused: true,
      repertoire: [],
      materials: [],
    });
    const chairs = await t.http().get('/api/jury/auditions').set(j1.auth).expect(200);
    expect(chairs.body.items.find((i: { id: string }) => i.id === id).repertoire).toHaveLength(2);
  });

  it('the chair records the result and locks the audition; writes → 409; staff reopen with a reason (audited)', async () => {
    const id = panelA[4].id;
    await score(j1, id, 6).expect(200);
    await score(j2, id, 7).expect(200);
    await result(j2, id, { grade: 7, passed: true }).expect(403); // not the chair
    await result(j1, id, { grade: 5, passed: true }).expect(400);
    const recorded = await result(j1, id, { grade: 7, passed: true, note: 'Enige' }).expect(200);
    expect(recorded.body).toMatchObject({ grade: 7, passed: true, locked: true, decidedBy: j1.id });

    const late = await score(j3, id, 8).expect(409);
    expect(late.body.code).toBe('LOCKED');
    expect(late.body.message).toMatch(/recorded its result/);
    await score(j2, id, 9).expect(409);
    await result(staff, id, { grade: 10, passed: true }).expect(409);

    await t.http().post(`/api/auditions/${id}/reopen`).set(j1.auth).send({ reason: 'x' }).expect(403);
    await t.http().post(`/api/auditions/${id}/reopen`).set(staff.auth).send({}).expect(400);
    const reopened = await t
      .http()
      .post(`/api/auditions/${id}/reopen`)
      .set(staff.auth)
      .send({ reason: 'Censor tastede forkert' })
      .expect(200);
    expect(reopened.body).toMatchObject({ locked: false, grade: null, reopenedAt: expect.any(String) });
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'audition', entityId: id, action: 'audition.reopened' })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: staff.id,
        reason: 'Censor tastede forkert',
        before: expect.objectContaining({ grade: 7, passed: true, note: 'Enige', decidedBy: j1.id }),
        after: { grade: null, passed: null, lockedAt: null },
      }),
    ]);
    await t.http().post(`/api/auditions/${id}/reopen`).set(staff.auth).send({ reason: 'igen' }).expect(409);
    const fixed = await score(j2, id, 9).expect(200);
    expect(fixed.body.revision).toBe(2);
  });

  it('a no-show can be neither scored nor given a result, and is not ranked', async () => {
    const id = panelB[0].id;
    await t.http().post(`/api/auditions/${id}/no-show`).set(k1.auth).expect(200);
    const res = await score(k2, id, 5).expect(409);
    expect(res.body.message).toMatch(/did not show up/);
    await result(k1, id, { grade: -3, passed: false }).expect(409);
    const ranking = await t.http().get(`/api/rounds/${classicalRound}/ranking`).set(staff.auth).expect(200);
    expect(ranking.body.notRanked).toContainEqual(
      expect.objectContaining({ applicationId: panelB[0].applicationId, reason: 'no-show' }),
    );
  });

  it('50 concurrent score writes from the three jurors racing the lock: each lands before it or gets 409; store and audit agree', async () => {
    const id = panelA[5].id;
    const jurors = [j1, j2, j3];
    const writes = Array.from({ length: 50 }, (_, i) => {
      const juror = jurors[i % 3];
      const v = 1 + (i % 10);
      return { juror, v, request: () => score(juror, id, v, 7, `skrivning ${i}`) };
    });
    // All 50 writes start at once; the lock goes in as soon as the first has landed, with 49 in flight.
    const inflight = writes.map((w) => Promise.resolve(w.request()));
    await Promise.race(inflight);
    const lock = await result(j1, id, { grade: 7, passed: true });
    expect(lock.status).toBe(200);
    const scoreResponses = await Promise.all(inflight);
    expect(scoreResponses.map((r) => r.status).filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const landed = scoreResponses.filter((r) => r.status === 200).length;
    expect(landed).toBeGreaterThan(0);

    const audit = (await db.query(
      `SELECT action, at, after FROM audit_records WHERE entity = 'audition' AND entity_id = $1 ORDER BY at`,
      [id],
    )) as Array<{
      action: string;
      at: Date;
      after: { jurorId: string; revision: number; grade: number; criteria: object; comment: string };
    }>;
    const lockRow = audit.find((r) => r.action === 'audition.result_recorded')!;
    const scoreRows = audit.filter((r) => r.action.startsWith('score.'));
    // Every 200 is one audit row, and none is later than the lock.
    expect(scoreRows).toHaveLength(landed);
    expect(scoreRows.filter((r) => r.at > lockRow.at)).toEqual([]);

    const stored = (await db.query(
      'SELECT juror_id, criteria, grade, comment, revision FROM scores WHERE audition_id = $1',
      [id],
    )) as Array<{ juror_id: string; criteria: object; grade: number; comment: string; revision: number }>;
    expect(stored.reduce((n, s) => n + s.revision, 0)).toBe(landed);
    for (const s of stored) {
      const last = scoreRows
        .filter((r) => r.after.jurorId === s.juror_id)
        .reduce((a, b) => (b.after.revision > a.after.revision ? b : a));
      expect(last.after).toMatchObject({
        revision: s.revision,
        criteria: s.criteria,
        grade: s.grade,
        comment: s.comment,
      });
    }
    // And after the lock, nothing more gets in.
    await score(j2, id, 3).expect(409);
  });

  it('pre-screen ranking through HTTP: raw weighted means vs z-scores per juror (harsh/wide vs narrow jurors), withdrawn not ranked', async () => {
    // j1 spreads widely, j2 and j3 narrowly and the other way round. Raw means: a 6.67, c 5.83, b 5.00.
    // z-scores (population SD; j1: mean 5.5, SD 3.674; j2, j3: mean 6, SD 0.816):
    //   a: (1.225 − 1.225 − 1.225) / 3 = −0.408; b: +0.408; c: 0.
    const [a, b, c] = prescreen.filter((p) => p.applicationId !== withdrawnApplication);
    const plan: Array<[Person, AuditionRow, number]> = [
      [j1, a, 10],
      [j1, b, 1],
      [j1, c, 5.5],
      [j2, a, 5],
      [j2, b, 7],
      [j2, c, 6],
      [j3, a, 5],
      [j3, b, 7],
      [j3, c, 6],
    ];
    for (const [juror, audition, v] of plan) await score(juror, audition.id, v, v >= 6 ? 10 : 4).expect(200);
    await result(j1, c.id, { grade: 10, passed: true }).expect(200);

    const raw = await t.http().get(`/api/rounds/${prescreenRound}/ranking`).set(staff.auth).expect(200);
    expect(raw.body.normalization).toBe('none');
    expect(raw.body.method).toMatch(/weighted mean/);
    expect(raw.body.ranking.map((r: { auditionId: string }) => r.auditionId)).toEqual([a.id, c.id, b.id]);
    expect(raw.body.ranking[0]).toMatchObject({
      rank: 1,
      score: expect.closeTo(20 / 3, 9),
      jurors: 3,
      grade: null,
    });
    expect(raw.body.ranking[1]).toMatchObject({ applicationId: c.applicationId, grade: 10, passed: true });
    expect(raw.body.notRanked).toEqual([
      expect.objectContaining({ applicationId: withdrawnApplication, reason: 'withdrawn' }),
    ]);

    const z = await t
      .http()
      .get(`/api/rounds/${prescreenRound}/ranking`)
      .query({ normalize: 'zscore' })
      .set(staff.auth)
      .expect(200);
    expect(z.body.normalization).toBe('zscore');
    expect(z.body.method).toMatch(/z-score/);
    expect(z.body.flaggedJurors).toEqual([]);
    expect(
      z.body.ranking.map((r: { auditionId: string; rank: number; score: number }) => [r.auditionId, r.rank]),
    ).toEqual([
      [b.id, 1],
      [c.id, 2],
      [a.id, 3],
    ]);
    expect(z.body.ranking[0].score).toBeCloseTo(Math.sqrt(1.5) / 3, 6);
    expect(z.body.ranking[1].score).toBeCloseTo(0, 9);

    await t
      .http()
      .get(`/api/rounds/${prescreenRound}/ranking`)
      .query({ normalize: 'median' })
      .set(staff.auth)
      .expect(400);
  });

  it('JuryService for the admissions room: roundRanking and finalRoundOf', async () => {
    const jury = t.app.get(JuryService);
    const ranking = await jury.roundRanking(prescreenRound, 'zscore');
    expect(ranking).toMatchObject({
      roundId: prescreenRound,
      intakeId: mgk.id,
      track: 'rhythmic',
      method: 'zscore',
    });
    expect(ranking.ranking[1]).toMatchObject({ rank: 2, grade: 10, passed: true });
    expect(await jury.finalRoundOf(mgk.id, 'classical')).toEqual({ id: classicalRound });
    expect(await jury.finalRoundOf(mgk.id, 'production')).toBeNull();
  });

  it('a score write on a locked rubric is at most 5 SQL statements (counted), with its audit record; the rules hold on that path', async () => {
    const [, b] = prescreen.filter((p) => p.applicationId !== withdrawnApplication);
    // Warm: the guard's user cache and the audition's round are read once per process.
    await score(j2, b.id, 7, 10).expect(200);
    const revised = await score(j2, b.id, 8, 10, 'bedre ved nærmere eftertanke').expect(200);
    expect(Number(revised.headers['x-sql-statements'])).toBeLessThanOrEqual(5);
    expect(revised.body).toMatchObject({
      auditionId: b.id,
      jurorId: j2.id,
      grade: 10,
      comment: 'bedre ved nærmere eftertanke',
      final: false,
    });
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'audition', entityId: b.id, action: 'score.revised' })
      .set(staff.auth)
      .expect(200);
    const record = audit.body.items.find(
      (r: { after: { revision: number } }) => r.after.revision === revised.body.revision,
    );
    expect(record).toMatchObject({
      actorId: j2.id,
      before: { jurorId: j2.id, revision: revised.body.revision - 1, criteria: all(7), grade: 10 },
      after: {
        jurorId: j2.id,
        revision: revised.body.revision,
        criteria: all(8),
        comment: 'bedre ved nærmere eftertanke',
      },
    });
    // The same rules as the long way: a body that does not fit → 400 naming the field, off the panel → 404,
    // a locked audition → 409, a score seen by its juror is final → 409 (the same score again → 200).
    const bad = await put(j2, b.id, { criteria: { ...all(8), technique: 11 }, grade: 10 }).expect(400);
    expect(bad.body.message).toMatch(/criteria\.technique/);
    await put(k1, b.id, { criteria: { ...all(8), technique: 11 }, grade: 10 }).expect(404);
    await score(k1, b.id, 8).expect(404);
    const [, , c] = prescreen.filter((p) => p.applicationId !== withdrawnApplication);
    await score(j2, c.id, 5).expect(409);
    await scoresOf(j2, b.id).expect(200);
    const final = await score(j2, b.id, 9, 10).expect(409);
    expect(final.body.code).toBe('SCORE_FINAL');
    await score(j2, b.id, 8, 10, 'bedre ved nærmere eftertanke').expect(200);
  });

  it("a juror's score writes in two rounds (two rubrics) one after the other: at most 2 statements each, each weighed with its round's rubric", async () => {
    // An audition of j2's in each round that j2 may still revise: not locked, not a no-show, not recused, not final.
    const open = async (roundId: string) =>
      (
        (await db.query(
          `SELECT a.id FROM auditions a JOIN panel_members pm ON pm.panel_id = a.panel_id AND pm.user_id = $2
            WHERE a.round_id = $1 AND a.attendance <> 'no_show'
              AND NOT EXISTS (SELECT 1 FROM audition_results r WHERE r.audition_id = a.id AND r.locked_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.audition_id = a.id AND c.juror_id = $2)
              AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.audition_id = a.id AND s.juror_id = $2
                                AND s.panel_seen_at IS NOT NULL)
            ORDER BY a.id LIMIT 1`,
          [roundId, j2.id],
        )) as Array<{ id: string }>
      )[0].id;
    const writes = [
      [classicalRound, await open(classicalRound)],
      [prescreenRound, await open(prescreenRound)],
      [classicalRound, await open(classicalRound)],
      [prescreenRound, await open(prescreenRound)],
    ];
    for (const [i, [roundId, auditionId]] of writes.entries()) {
      const answer = await score(j2, auditionId, 3 + i, 7).expect(200);
      // The round of the juror's last write is the guess; a wrong guess costs one more statement, never a wrong write.
      expect(Number(answer.headers['x-sql-statements'])).toBeLessThanOrEqual(2);
      const round = await db.getRepository(Round).findOneByOrFail({ id: roundId });
      const rubric = await db
        .getRepository(Rubric)
        .findOneByOrFail({ intakeId: round.intakeId, track: round.track });
      const [row] = (await db.query(
        'SELECT round_id, criteria, weighted FROM scores WHERE audition_id = $1 AND juror_id = $2',
        [auditionId, j2.id],
      )) as Array<{ round_id: string; criteria: Record<string, number>; weighted: number }>;
      expect(row.round_id).toBe(roundId);
      expect(row.criteria).toEqual(all(3 + i));
      expect(row.weighted).toBe(weightedScore(rubric.criteria, all(3 + i)));
    }
  });

  /** The service's ranking of both rounds, both ways, equals rankRound on every row read through the entities. */
  async function expectRankingEqualsTheRule(): Promise<void> {
    const jury = t.app.get(JuryService);
    for (const roundId of [classicalRound, prescreenRound]) {
      for (const method of ['none', 'zscore'] as RankingMethod[]) {
        const round = await db.getRepository(Round).findOneByOrFail({ id: roundId });
        const rubric = await db
          .getRepository(Rubric)
          .findOneByOrFail({ intakeId: round.intakeId, track: round.track });
        const auditions = await db
          .getRepository(Audition)
          .find({ where: { roundId }, order: { createdAt: 'ASC', id: 'ASC' } });
        const ids = auditions.map((a) => a.id);
        const [scores, results, applications, members, conflicts] = await Promise.all([
          db.getRepository(Score).find({ where: ids.map((auditionId) => ({ auditionId })) }),
          db.getRepository(AuditionResult).find({ where: ids.map((auditionId) => ({ auditionId })) }),
          db.getRepository(Application).find({ where: auditions.map((a) => ({ id: a.applicationId })) }),
          db.getRepository(PanelMember).find({ where: auditions.map((a) => ({ panelId: a.panelId })) }),
          db.getRepository(Conflict).find({ where: ids.map((auditionId) => ({ auditionId })) }),
        ]);
        const expected = rankRound(
          {
            criteria: rubric.criteria,
            auditions: auditions.map((a) => {
              const agreed = results.find((r) => r.auditionId === a.id && r.lockedAt);
              return {
                applicationId: a.applicationId,
                agreedGrade: agreed?.grade ?? null,
                passed: agreed?.passed ?? null,
                noShow: a.attendance === 'no_show',
                withdrawn: applications.find((x) => x.id === a.applicationId)?.status === 'withdrawn',
                scores: scores
                  .filter(
                    (s) =>
                      s.auditionId === a.id &&
                      members.some((m) => m.panelId === a.panelId && m.userId === s.jurorId) &&
                      !conflicts.some((c) => c.auditionId === a.id && c.jurorId === s.jurorId),
                  )
                  .map((s) => ({ jurorId: s.jurorId, criteria: s.criteria, grade: s.grade })),
              };
            }),
          },
          method,
        );
        const actual = await jury.roundRanking(roundId, method);
        expect(actual.ranking.length + actual.notRanked.length).toBe(auditions.length);
        expect(actual).toEqual({ ...expected, roundId, intakeId: round.intakeId, track: round.track });
      }
    }
  }

  it('the ranking equals the rule applied to every row read through the entities (the loader before issue 22)', async () => {
    await expectRankingEqualsTheRule();
  });

  it('a score whose criteria change without its weighted score is weighed from its criteria (the trigger clears it)', async () => {
    const [row] = (await db.query(
      `SELECT id, criteria, weighted, round_id FROM scores WHERE round_id = $1 AND weighted IS NOT NULL LIMIT 1`,
      [classicalRound],
    )) as Array<{ id: string; criteria: Record<string, number>; weighted: number; round_id: string }>;
    expect(row.round_id).toBe(classicalRound);
    const weightedOf = async () =>
      (
        (await db.query('SELECT weighted FROM scores WHERE id = $1', [row.id])) as Array<{
          weighted: number | null;
        }>
      )[0].weighted;
    // The same criteria again leave it; other criteria clear it; setting both keeps what was set.
    await db.query('UPDATE scores SET criteria = criteria WHERE id = $1', [row.id]);
    expect(await weightedOf()).toBe(row.weighted);
    const other = Object.fromEntries(Object.keys(row.criteria).map((k) => [k, 1]));
    await db.query('UPDATE scores SET criteria = $2 WHERE id = $1', [row.id, JSON.stringify(other)]);
    expect(await weightedOf()).toBeNull();
    await expectRankingEqualsTheRule();
    await db.query('UPDATE scores SET criteria = $2, weighted = $3 WHERE id = $1', [
      row.id,
      JSON.stringify(row.criteria),
      row.weighted,
    ]);
    expect(await weightedOf()).toBe(row.weighted);
    await expectRankingEqualsTheRule();
  });
});
