import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createPerson, registerApplicant, type Person, ACCOUNT_MAILS } from './helpers/accounts.js';
import { createIntakes, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { applyAndSubmit } from './helpers/applications.js';
import { drainNotifications } from './helpers/queues.js';

interface AuditionRow {
  id: string;
  applicationId: string;
  applicantName: string;
  panelId: string;
  slotId: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  room: string;
  attendance: string;
}

const TRACKS = ['classical', 'rhythmic', 'production'] as const;
const overlaps = (a: { from: number; to: number }, b: { from: number; to: number }) =>
  a.from < b.to && b.from < a.to;
const span = (s: { startsAt: string; endsAt: string }) => ({
  from: Date.parse(s.startsAt),
  to: Date.parse(s.endsAt),
});

describe('audition rounds, slots, panels and scheduling', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  let jurors: Person[];
  let intake: IntakeBody;
  let year: number;
  const applicants = new Map<
    string,
    { person: Person; applicationId: string; track: string; unavailable: { from: string; to: string }[] }
  >();
  const rounds: Record<string, { id: string; panelId: string }> = {};

  const day = (d: number, time: string) => `${year}-02-${String(14 + d).padStart(2, '0')}T${time}:00+01:00`;

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
    jurors = [];
    for (let i = 0; i < 7; i++) jurors.push(await createPerson(t, 'juror', `Censor ${i + 1}`));
    [intake] = await createIntakes(t, staff, ['MGK']);
    year = intake.year;
    await moveClock(t, `${year}-01-20T12:00:00+01:00`);

    // 60 applicants, 20 per track; in each track every third cannot come on the first morning, every fifth
    // not on day 2 (two of them neither: only the first afternoon is left for them).
    for (let i = 0; i < 60; i++) {
      const track = TRACKS[i % 3];
      const k = Math.floor(i / 3);
      const person = await registerApplicant(t, {
        birthDate: `${year - 19}-0${(i % 9) + 1}-15`,
        name: `Ansøger ${i + 1}`,
        // The first classical applicant reads English: the invitation says what to bring in English.
        ...(i === 0 ? { locale: 'en' } : {}),
      });
      const unavailable = [
        ...(k % 3 === 0
          ? [
              {
                from: day(track === 'production' ? 3 : 1, '08:00'),
                to: day(track === 'production' ? 3 : 1, '12:00'),
              },
            ]
          : []),
        ...(k % 5 === 0
          ? [
              {
                from: day(track === 'production' ? 4 : 2, '00:00'),
                to: day(track === 'production' ? 5 : 3, '00:00'),
              },
            ]
          : []),
      ];
      const { id } = await applyAndSubmit(t, {
        intakeId: intake.id,
        track,
        person,
        body: {
          ...(track === 'production'
            ? { motivation: 'Jeg skriver sange.' }
            : {
                mainSubject: track === 'classical' ? 'violin' : 'trommer',
                repertoire: [
                  { title: 'Stykke 1', durationMinutes: 4 },
                  { title: 'Stykke 2', durationMinutes: 5 },
                ],
              }),
          unavailable,
        },
      });
      applicants.set(id, { person, applicationId: id, track, unavailable });
    }
    await drainNotifications(t);
    sink.clear();
  }, 180_000);

  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  it('staff create one round, panel and slots per track; rooms and jurors are never double-booked', async () => {
    const panelMembers = [
      [jurors[0], jurors[1], jurors[2]],
      [jurors[3], jurors[4], jurors[5]],
      [jurors[6], jurors[1]], // censor 2 also sits here: on other days than panel 1
    ];
    const roomOf = ['Sal 1', 'Sal 2', 'Sal 1'];
    // Two days of slots per panel; the production panel uses Sal 1 on days 3-4, so no room or juror clash.
    const daysOf = [
      [1, 2],
      [1, 2],
      [3, 4],
    ];
    for (const [i, track] of TRACKS.entries()) {
      const round = await t
        .http()
        .post(`/api/intakes/${intake.id}/rounds`)
        .set(staff.auth)
        .send({ track, kind: 'audition', order: 1, name: 'Optagelsesprøve' })
        .expect(201);
      const members = panelMembers[i].map((p, m) => ({
        userId: p.id,
        role: ['chair', 'subject_examiner', 'external_examiner'][m],
      }));
      const panel = await t
        .http()
        .post(`/api/rounds/${round.body.id}/panels`)
        .set(staff.auth)
        .send({ name: `Panel ${track}`, members })
        .expect(201);
      for (const d of daysOf[i]) {
        const slots = await t
          .http()
          .post(`/api/rounds/${round.body.id}/slots`)
          .set(staff.auth)
          .send({
            panelId: panel.body.id,
            venue: 'Aalborg Kulturskole',
            room: roomOf[i],
            startsAt: day(d, '09:00'),
            durationMinutes: 25,
            count: 12,
          })
          .expect(201);
        expect(slots.body).toHaveLength(12);
        expect(slots.body[1].startsAt).toBe(slots.body[0].endsAt);
      }
      rounds[track] = { id: round.body.id, panelId: panel.body.id };
    }

    // The same room at an overlapping time → 409, whatever the round.
    const clash = await t
      .http()
      .post(`/api/rounds/${rounds.rhythmic.id}/slots`)
      .set(staff.auth)
      .send({
        panelId: rounds.rhythmic.panelId,
        venue: 'aalborg kulturskole',
        room: 'sal 1',
        startsAt: day(1, '10:10'),
        durationMinutes: 25,
        count: 1,
      })
      .expect(409);
    expect(clash.body.message).toMatch(/already booked/);
    // Censor 2 on the production panel at a time the classical panel sits → 409 naming the juror.
    const jurorClash = await t
      .http()
      .post(`/api/rounds/${rounds.production.id}/slots`)
      .set(staff.auth)
      .send({
        panelId: rounds.production.panelId,
        venue: 'Musikkens Hus',
        room: 'Lille sal',
        startsAt: day(1, '13:00'),
        durationMinutes: 25,
        count: 1,
      })
      .expect(409);
    expect(jurorClash.body.message).toContain('Censor 2');
    // A panel needs a chair and another member, all jurors.
    await t
      .http()
      .post(`/api/rounds/${rounds.classical.id}/panels`)
      .set(staff.auth)
      .send({ name: 'Solo', members: [{ userId: jurors[0].id, role: 'chair' }] })
      .expect(400);
    await t
      .http()
      .post(`/api/rounds/${rounds.classical.id}/panels`)
      .set(staff.auth)
      .send({
        name: 'Med ansøger',
        members: [
          { userId: jurors[0].id, role: 'chair' },
          { userId: staff.id, role: 'subject_examiner' },
        ],
      })
      .expect(400);
  });

  it('scheduling places everyone with no overlaps in rooms, panels or applicants, respecting unavailability; one invitation each', async () => {
    for (const track of TRACKS) {
      const res = await t.http().post(`/api/rounds/${rounds[track].id}/schedule`).set(staff.auth).expect(200);
      expect(res.body.unscheduled).toEqual([]);
      expect(res.body.scheduled).toHaveLength(20);
      const again = await t
        .http()
        .post(`/api/rounds/${rounds[track].id}/schedule`)
        .set(staff.auth)
        .expect(200);
      expect(again.body).toEqual({ scheduled: [], unscheduled: [] });
    }
    const all: AuditionRow[] = [];
    for (const track of TRACKS) {
      const res = await t.http().get(`/api/rounds/${rounds[track].id}/auditions`).set(staff.auth).expect(200);
      expect(res.body.total).toBe(res.body.items.length);
      all.push(...res.body.items);
    }
    expect(all).toHaveLength(60);
    expect(new Set(all.map((a) => a.applicationId)).size).toBe(60);
    expect(new Set(all.map((a) => a.slotId)).size).toBe(60);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [a, b] = [all[i], all[j]];
        if (!overlaps(span(a), span(b))) continue;
        expect(`${a.venue}/${a.room}`.toLowerCase()).not.toBe(`${b.venue}/${b.room}`.toLowerCase());
        expect(a.panelId).not.toBe(b.panelId);
      }
    }
    for (const a of all) {
      for (const u of applicants.get(a.applicationId)!.unavailable) {
        expect(overlaps(span(a), { from: Date.parse(u.from), to: Date.parse(u.to) })).toBe(false);
      }
    }
    await drainNotifications(t);
    for (const { person } of applicants.values()) {
      const mails = sink.to(person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain('Aalborg Kulturskole');
      expect(mails[0].text).not.toMatch(/Censor|Panel/);
    }
    // What to bring is the track's own text, in the applicant's language.
    const invitations = [...applicants.values()]
      .filter((a) => a.track === 'classical')
      .map((a) => sink.to(a.person.email)[0]);
    expect(invitations.filter((m) => m.subject === 'Invitation to your audition')).toHaveLength(1);
    for (const mail of invitations) {
      expect(mail.text).toContain(
        mail.subject === 'Invitation to your audition'
          ? 'Please bring: Your instrument, and sheet music for the accompanist'
          : 'Medbring: Dit instrument og noder til akkompagnatøren',
      );
    }
    // Applicants see their own time on their application; the status moved on.
    const [first] = all;
    const mine = await t
      .http()
      .get(`/api/applications/${first.applicationId}`)
      .set(applicants.get(first.applicationId)!.person.auth)
      .expect(200);
    expect(mine.body.status).toBe('in_audition');
    expect(mine.body.auditions).toEqual([
      expect.objectContaining({ startsAt: first.startsAt, room: first.room, attendance: 'scheduled' }),
    ]);
    // ... and what to bring: the track's words in both languages, as in the invitation (a page shows the reader's).
    const { requirements } = (await t.http().get('/api/programmes').expect(200)).body
      .flatMap((p: { tracks: unknown[] }) => p.tracks)
      .find((tr: { code: string }) => tr.code === applicants.get(first.applicationId)!.track);
    expect(mine.body.auditions[0].bring).toEqual({ da: requirements.bringDa, en: requirements.bringEn });
    expect(mine.body.auditions[0].bring.da).toBeTruthy();
    expect(JSON.stringify(mine.body.auditions)).not.toContain(first.panelId);
  });

  it('the auditions list pages like every list, in time order; the schedule exports for a Danish Excel', async () => {
    const whole = await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/auditions`)
      .query({ limit: 500 })
      .set(staff.auth)
      .expect(200);
    expect(whole.body.total).toBe(20);
    const times = whole.body.items.map((a: AuditionRow) => a.startsAt);
    expect(times).toEqual([...times].sort());
    const page = await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/auditions`)
      .query({ limit: 5, offset: 5 })
      .set(staff.auth)
      .expect(200);
    expect(page.body.total).toBe(20);
    expect(page.body.items.map((a: AuditionRow) => a.id)).toEqual(
      whole.body.items.slice(5, 10).map((a: AuditionRow) => a.id),
    );
    await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/auditions`)
      .query({ limit: 0 })
      .set(staff.auth)
      .expect(400);
    const csv = await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/schedule.csv`)
      .set(staff.auth)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Dato;Start;Slut;Sted;Lokale;Panel;Ansøger;Linje;Hovedfag;Fremmøde');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toMatch(/^\d{2}\.02\.\d{4};\d{2}:\d{2};\d{2}:\d{2};Aalborg Kulturskole;Sal 1;/);
  });

  it('a panel member is replaced by a juror who is free at its times; never by a busy one, a non-juror, or for a non-member', async () => {
    const production = rounds.production.panelId;
    const replace = (panelId: string, leaving: string, joining: string) =>
      t.http().put(`/api/panels/${panelId}/members/${leaving}`).set(staff.auth).send({ userId: joining });
    // Censor 1 judges classical on days 1-2; the production panel sits on days 3-4.
    const res = await replace(production, jurors[6].id, jurors[0].id).expect(200);
    expect(res.body.members).toEqual(expect.arrayContaining([{ userId: jurors[0].id, role: 'chair' }]));
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'panel', entityId: production, action: 'panel.member_replaced' })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      before: { userId: jurors[6].id },
      after: { userId: jurors[0].id },
    });
    // Censor 4 sits on the rhythmic panel at the classical panel's times.
    const busy = await replace(rounds.classical.panelId, jurors[1].id, jurors[3].id).expect(409);
    expect(busy.body.message).toContain('Censor 4');
    await replace(rounds.classical.panelId, jurors[1].id, staff.id).expect(400);
    await replace(rounds.classical.panelId, jurors[6].id, jurors[5].id).expect(404);
    await replace(production, jurors[0].id, jurors[6].id).expect(200);
  });

  it('moving one audition sends one change e-mail and moves its reminder; the reminder comes once, the day before the new time', async () => {
    const list = await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const audition: AuditionRow = list.body.items.find(
      (a: AuditionRow) => applicants.get(a.applicationId)!.unavailable.length === 0,
    );
    const slots = await t.app
      .get(DataSource)
      .query(
        `SELECT s.id, s.starts_at FROM slots s LEFT JOIN auditions a ON a.slot_id = s.id WHERE s.round_id = $1 AND a.id IS NULL ORDER BY s.starts_at DESC LIMIT 1`,
        [rounds.classical.id],
      );
    const free: { id: string; starts_at: Date } = slots[0];
    sink.clear();
    const moved = await t
      .http()
      .put(`/api/auditions/${audition.id}/slot`)
      .set(staff.auth)
      .send({ slotId: free.id })
      .expect(200);
    expect(moved.body.slotId).toBe(free.id);
    await drainNotifications(t);
    const email = applicants.get(audition.applicationId)!.person.email;
    expect(sink.to(email).map((m) => m.subject)).toEqual(['Nyt tidspunkt for din optagelsesprøve']);

    const reminders = await t.app
      .get(DataSource)
      .query(`SELECT status, send_at FROM notifications WHERE topic = $1 AND to_address = $2`, [
        `audition-reminder:${audition.id}`,
        email,
      ]);
    const pending = reminders.filter((r: { status: string }) => r.status === 'pending');
    expect(pending).toHaveLength(1);
    expect(new Date(pending[0].send_at).getTime()).toBe(new Date(free.starts_at).getTime() - 24 * 3600_000);

    // Staff can't move it into a taken slot or another round's slot.
    await t
      .http()
      .put(`/api/auditions/${audition.id}/slot`)
      .set(staff.auth)
      .send({ slotId: list.body.items[1].slotId })
      .expect(409);

    sink.clear();
    await moveClock(t, new Date(new Date(free.starts_at).getTime() - 23 * 3600_000).toISOString());
    await drainNotifications(t);
    expect(sink.to(email).map((m) => m.subject)).toEqual(['Påmindelse: din optagelsesprøve er i morgen']);
    await moveClock(t, `${year}-01-20T12:00:00+01:00`);
  });

  it('check-in and no-show: staff or the panel chair; another juror of the panel 403, a juror off the panel 404', async () => {
    const list = await t
      .http()
      .get(`/api/rounds/${rounds.rhythmic.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const [a, b] = list.body.items as AuditionRow[];
    const chair = jurors[3];
    await t.http().post(`/api/auditions/${a.id}/check-in`).set(jurors[4].auth).expect(403);
    await t.http().post(`/api/auditions/${a.id}/check-in`).set(jurors[0].auth).expect(404);
    await t
      .http()
      .post(`/api/auditions/${a.id}/check-in`)
      .set(applicants.get(a.applicationId)!.person.auth)
      .expect(403);
    const checked = await t.http().post(`/api/auditions/${a.id}/check-in`).set(chair.auth).expect(200);
    expect(checked.body.attendance).toBe('checked_in');
    await t.http().post(`/api/auditions/${b.id}/no-show`).set(staff.auth).expect(200);
    const after = await t
      .http()
      .get(`/api/rounds/${rounds.rhythmic.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    expect(after.body.items.find((x: AuditionRow) => x.id === b.id).attendance).toBe('no_show');
    // A no-show can't advance.
    await t
      .http()
      .post(`/api/rounds/${rounds.rhythmic.id}/advance`)
      .set(staff.auth)
      .send({ applicationIds: [b.applicationId] })
      .expect(409);
  });

  it('jurors see their own panel timetable only; applicants ask for a new time and staff accept it', async () => {
    const timetable = await t.http().get('/api/jury/timetable').set(jurors[4].auth).expect(200);
    expect(timetable.body).toHaveLength(20);
    expect(timetable.body.every((a: AuditionRow) => a.panelId === rounds.rhythmic.panelId)).toBe(true);
    expect(JSON.stringify(timetable.body)).not.toContain('applicationStatus');
    await t.http().get('/api/jury/timetable').set(staff.auth).expect(403);

    const list = await t
      .http()
      .get(`/api/rounds/${rounds.production.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const audition: AuditionRow = list.body.items.find(
      (a: AuditionRow) => applicants.get(a.applicationId)!.unavailable.length === 0,
    );
    const owner = applicants.get(audition.applicationId)!.person;
    const other = [...applicants.values()].find((x) => x.applicationId !== audition.applicationId)!.person;
    await t
      .http()
      .post(`/api/auditions/${audition.id}/reschedule-requests`)
      .set(other.auth)
      .send({ reason: 'x' })
      .expect(404);
    const request = await t
      .http()
      .post(`/api/auditions/${audition.id}/reschedule-requests`)
      .set(owner.auth)
      .send({ reason: 'Jeg har eksamen den dag.' })
      .expect(201);
    await t
      .http()
      .post(`/api/auditions/${audition.id}/reschedule-requests`)
      .set(owner.auth)
      .send({ reason: 'igen' })
      .expect(409);
    const open = await t
      .http()
      .get('/api/reschedule-requests')
      .query({ status: 'requested' })
      .set(staff.auth)
      .expect(200);
    expect(open.body.map((r: { id: string }) => r.id)).toContain(request.body.id);
    const [free] = await t.app
      .get(DataSource)
      .query(
        `SELECT s.id FROM slots s LEFT JOIN auditions a ON a.slot_id = s.id WHERE s.round_id = $1 AND a.id IS NULL ORDER BY s.starts_at LIMIT 1`,
        [rounds.production.id],
      );
    sink.clear();
    await t
      .http()
      .post(`/api/reschedule-requests/${request.body.id}/accept`)
      .set(staff.auth)
      .send({ slotId: free.id })
      .expect(200);
    await drainNotifications(t);
    expect(sink.to(owner.email)).toHaveLength(1);
    const view = await t
      .http()
      .get(`/api/applications/${audition.applicationId}`)
      .set(owner.auth)
      .expect(200);
    expect(view.body.auditions[0]).toMatchObject({ rescheduleRequest: { status: 'accepted' } });
  });

  it('withdrawing cancels the audition reminder', async () => {
    const list = await t
      .http()
      .get(`/api/rounds/${rounds.production.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const audition: AuditionRow = list.body.items[list.body.items.length - 1];
    const person = applicants.get(audition.applicationId)!.person;
    await t.http().post(`/api/applications/${audition.applicationId}/withdraw`).set(person.auth).expect(200);
    const rows = await t.app
      .get(DataSource)
      .query(`SELECT status FROM notifications WHERE topic = $1`, [`audition-reminder:${audition.id}`]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { status: string }) => r.status === 'cancelled')).toBe(true);
  });

  it('accepting a reschedule request is one transaction: two staff accepting it at once move the audition once', async () => {
    const list = await t
      .http()
      .get(`/api/rounds/${rounds.production.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const audition: AuditionRow = (list.body.items as AuditionRow[]).filter(
      (a) => a.attendance === 'scheduled' && applicants.get(a.applicationId)!.unavailable.length === 0,
    )[1];
    const owner = applicants.get(audition.applicationId)!.person;
    const request = await t
      .http()
      .post(`/api/auditions/${audition.id}/reschedule-requests`)
      .set(owner.auth)
      .send({ reason: 'Jeg er til koncert den dag.' })
      .expect(201);
    const db = t.app.get(DataSource);
    const free = (await db.query(
      `SELECT s.id FROM slots s LEFT JOIN auditions a ON a.slot_id = s.id
        WHERE s.round_id = $1 AND a.id IS NULL ORDER BY s.starts_at LIMIT 2`,
      [rounds.production.id],
    )) as Array<{ id: string }>;
    expect(free).toHaveLength(2);
    sink.clear();

    // Hold the audition's row, so both acceptances are in flight at once whatever the machine's speed.
    const blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('SELECT id FROM auditions WHERE id = $1 FOR UPDATE', [audition.id]);
    const accept = (slotId: string) =>
      t
        .http()
        .post(`/api/reschedule-requests/${request.body.id}/accept`)
        .set(staff.auth)
        .send({ slotId })
        .then((res) => res.status);
    const answers = Promise.all(free.map((slot) => accept(slot.id)));
    const waiting = async () =>
      Number(
        (
          (await db.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )) as Array<{ n: string }>
        )[0].n,
      );
    for (const started = Date.now(); (await waiting()) < 2;) {
      if (Date.now() - started > 60_000) throw new Error('the two acceptances never both waited');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await blocker.rollbackTransaction();
    await blocker.release();

    expect((await answers).sort()).toEqual([200, 409]);
    const moves = (await db.query(
      `SELECT count(*)::int AS n FROM audit_records WHERE action = 'audition.moved' AND entity_id = $1`,
      [audition.id],
    )) as Array<{ n: number }>;
    expect(moves[0].n).toBe(1);
    await drainNotifications(t);
    expect(sink.to(owner.email).map((m) => m.subject)).toEqual(['Nyt tidspunkt for din optagelsesprøve']);
    const requests = await t.http().get('/api/reschedule-requests').set(staff.auth).expect(200);
    expect(requests.body.find((r: { id: string }) => r.id === request.body.id)).toMatchObject({
      status: 'accepted',
    });
  });

  it('a later round takes only those advanced from the round before', async () => {
    const list = await t
      .http()
      .get(`/api/rounds/${rounds.classical.id}/auditions`)
      .set(staff.auth)
      .expect(200);
    const chosen = (list.body.items as AuditionRow[]).slice(0, 3).map((a) => a.applicationId);
    sink.clear();
    await t
      .http()
      .post(`/api/rounds/${rounds.classical.id}/advance`)
      .set(staff.auth)
      .send({ applicationIds: chosen })
      .expect(200);
    const callback = await t
      .http()
      .post(`/api/intakes/${intake.id}/rounds`)
      .set(staff.auth)
      .send({ track: 'classical', kind: 'callback', order: 2, name: 'Anden runde' })
      .expect(201);
    const panel = await t
      .http()
      .post(`/api/rounds/${callback.body.id}/panels`)
      .set(staff.auth)
      .send({
        name: 'Callback',
        members: [
          { userId: jurors[0].id, role: 'chair' },
          { userId: jurors[2].id, role: 'external_examiner' },
        ],
      })
      .expect(201);
    await t
      .http()
      .post(`/api/rounds/${callback.body.id}/slots`)
      .set(staff.auth)
      .send({
        panelId: panel.body.id,
        venue: 'Aalborg Kulturskole',
        room: 'Sal 3',
        startsAt: `${year}-03-10T10:00:00+01:00`,
        durationMinutes: 30,
        count: 5,
      })
      .expect(201);
    const res = await t.http().post(`/api/rounds/${callback.body.id}/schedule`).set(staff.auth).expect(200);
    expect(res.body.scheduled.map((s: { applicationId: string }) => s.applicationId).sort()).toEqual(
      [...chosen].sort(),
    );
    await drainNotifications(t);
    for (const id of chosen) {
      expect(
        sink
          .to(applicants.get(id)!.person.email)
          .map((m) => m.subject)
          .sort(),
      ).toEqual(['Invitation til optagelsesprøve', expect.any(String)].sort());
    }
  });
});
