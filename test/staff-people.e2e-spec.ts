import { SmtpSink, type SunkMail } from '../scripts/smtp-sink.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import {
  ACCOUNT_MAILS,
  createPerson,
  PASSWORD,
  registerApplicant,
  uniqueEmail,
  type Person,
} from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { freshYear, moveClock, resetClock } from './helpers/catalogue.js';
import { drainNotifications } from './helpers/queues.js';
import { pageClient } from './helpers/pages.js';
import { enrolStudent } from './helpers/students.js';

/** The people side of the staff desk through the API: the user list, inviting again, leaving on one's own wish. */
describe('staff: people', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;
  const tag = `ppl${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
  });
  afterEach(async () => {
    await resetClock(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const invite = (name: string, role = 'juror') =>
    t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: uniqueEmail(tag), name, role })
      .expect(201);
  /** The `n`th message of this type to this address (1 = the first), once it has arrived. */
  const mailTo = async (address: string, type: string, n = 1) => {
    const mine = (mails: SunkMail[]) =>
      mails.filter((m) => m.to.includes(address.toLowerCase()) && m.headers['x-notification-type'] === type);
    return mine(await sink.waitFor((mails) => mine(mails).length >= n, 20000))[n - 1];
  };
  const users = (query: Record<string, string | number>) =>
    t.http().get('/api/users').set(staff.auth).query(query);

  it('lists jurors, teachers and staff by role and by part of the name or e-mail, paged, never applicants', async () => {
    await invite(`Ida ${tag} Holm`, 'juror');
    await invite(`Ole ${tag} Krogh`, 'teacher');
    await invite(`Åse ${tag} Bak`, 'staff');
    await registerApplicant(t, { name: `Maja ${tag} Jensen` });

    const all = await users({ q: tag }).expect(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((u: { role: string }) => u.role).sort()).toEqual(['juror', 'staff', 'teacher']);
    expect(all.body.items[0]).toMatchObject({ invitation: 'pending', active: true });
    expect(all.body.items[0].invitationExpiresAt).toMatch(/[+-]\d\d:\d\d$/);
    expect(JSON.stringify(all.body)).not.toMatch(/password/i);

    const jurors = await users({ q: tag, role: 'juror' }).expect(200);
    expect(jurors.body.items.map((u: { name: string }) => u.name)).toEqual([`Ida ${tag} Holm`]);
    const byMail = await users({ q: jurors.body.items[0].email.toUpperCase() }).expect(200);
    expect(byMail.body.total).toBe(1);

    const paged = await users({ q: tag, limit: 2, offset: 2 }).expect(200);
    expect(paged.body).toMatchObject({ total: 3 });
    expect(paged.body.items).toHaveLength(1);
    const past = await users({ q: tag, limit: 2, offset: 10 }).expect(200);
    expect(past.body).toEqual({ items: [], total: 3 });

    // A wildcard typed into the box is looked for as itself.
    expect((await users({ q: '%' }).expect(200)).body.total).toBe(0);
    // Applicants are not in this list, and asking for them is a mistake to fix.
    const asked = await users({ role: 'applicant' }).expect(400);
    expect(asked.body.message).toMatch(/role must be one of juror, teacher, staff/);
    await users({ active: 'maybe' }).expect(400);
  });

  it('invites again once the link expired: a new link works, the old one does not, audited; refused once accepted', async () => {
    const email = uniqueEmail(tag);
    const issued = await t.app
      .get(AccountsService)
      .invite(staff, { email, name: `Lars ${tag} Nielsen`, role: 'juror' });
    const id = issued.user.id;
    const later = new Date(Date.now() + 73 * 3600_000).toISOString();
    await moveClock(t, later);
    const listed = await users({ q: email }).expect(200);
    expect(listed.body.items[0]).toMatchObject({ id, invitation: 'expired' });
    await t
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: issued.token, password: PASSWORD })
      .expect(409);

    const again = await t.http().post(`/api/users/${id}/invitation`).set(staff.auth).expect(201);
    expect(again.body).toMatchObject({ id, invitation: 'pending' });
    expect((await users({ q: email }).expect(200)).body.items[0].invitation).toBe('pending');

    await drainNotifications(t);
    // Two invitations went to the address (in either order): the new link is the one that is not the first.
    await mailTo(email, 'invitation', 2);
    const token = sink
      .to(email)
      .map((m) => /token=([\w-]+)/.exec(m.text)?.[1])
      .find((found) => found && found !== issued.token);
    expect(token).toBeDefined();
    await t.http().post('/api/auth/accept-invitation').send({ token, password: PASSWORD }).expect(200);
    expect((await users({ q: email }).expect(200)).body.items[0].invitation).toBe('accepted');

    const audit = await t
      .http()
      .get('/api/audit')
      .set(staff.auth)
      .query({ entity: 'user', entityId: id })
      .expect(200);
    expect(JSON.stringify(audit.body)).toContain('user.reinvited');

    const refused = await t.http().post(`/api/users/${id}/invitation`).set(staff.auth).expect(409);
    expect(refused.body.message).toMatch(/already accepted/);
  });

  it('a second invitation ends the first link; a deactivated account is not invited again; unknown → 404', async () => {
    const email = uniqueEmail(tag);
    const first = await t.app
      .get(AccountsService)
      .invite(staff, { email, name: `Eva ${tag}`, role: 'teacher' });
    await t.http().post(`/api/users/${first.user.id}/invitation`).set(staff.auth).expect(201);
    await t
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: first.token, password: PASSWORD })
      .expect(409);

    await t.http().patch(`/api/users/${first.user.id}`).set(staff.auth).send({ active: false }).expect(200);
    const refused = await t.http().post(`/api/users/${first.user.id}/invitation`).set(staff.auth).expect(409);
    expect(refused.body.message).toMatch(/deactivated/);
    expect((await users({ q: email, active: 'false' }).expect(200)).body.total).toBe(1);
    expect((await users({ q: email, active: 'true' }).expect(200)).body.total).toBe(0);

    const applicant = await registerApplicant(t);
    await t.http().post(`/api/users/${applicant.id}/invitation`).set(staff.auth).expect(404);
    await t
      .http()
      .post('/api/users/00000000-0000-4000-8000-000000000000/invitation')
      .set(staff.auth)
      .expect(404);
  });

  it('a student leaves on their own wish with a date and a reason: audited, told by e-mail, nothing more recorded', async () => {
    const cohort = freshYear();
    await moveClock(t, `${cohort + 1}-03-20T10:00:00+01:00`);
    const student = await registerApplicant(t);
    const { id } = await enrolStudent(t, student, { cohort });
    const leave = (body: Record<string, unknown>) =>
      t.http().post(`/api/students/${id}/leave`).set(staff.auth).send(body);

    expect(
      (await leave({ leftOn: `${cohort + 1}-03-21`, reason: 'Flytter' }).expect(400)).body.message,
    ).toMatch(/today/);
    expect(
      (await leave({ leftOn: `${cohort - 1}-12-31`, reason: 'Flytter' }).expect(400)).body.message,
    ).toMatch(/or later/);
    expect(
      (await leave({ leftOn: `${cohort + 1}-02-30`, reason: 'Flytter' }).expect(400)).body.message,
    ).toMatch(/real date/);
    await leave({ leftOn: `${cohort + 1}-03-01` }).expect(400);
    await leave({ leftOn: `${cohort + 1}-03-01`, reason: 'x', extra: 1 }).expect(400);
    await t
      .http()
      .post(`/api/students/${id}/leave`)
      .set(student.auth)
      .send({ leftOn: `${cohort + 1}-03-01`, reason: 'Flytter' })
      .expect(403);

    const left = await leave({
      leftOn: `${cohort + 1}-03-01`,
      reason: 'Vil koncentrere sig om gymnasiet',
    }).expect(200);
    expect(left.body).toMatchObject({
      status: 'left',
      leftKind: 'own_wish',
      leftOn: `${cohort + 1}-03-01`,
      leftReason: 'Vil koncentrere sig om gymnasiet',
    });
    expect((await leave({ leftOn: `${cohort + 1}-03-01`, reason: 'igen' }).expect(409)).body.message).toMatch(
      /left/,
    );
    await t
      .http()
      .post(`/api/students/${id}/annual-exams`)
      .set(staff.auth)
      .send({ year: 1, subjects: [{ subject: 'hovedfag', grade: 7 }], passed: true })
      .expect(409);

    const audit = await t
      .http()
      .get('/api/audit')
      .set(staff.auth)
      .query({ entity: 'enrolment', entityId: id })
      .expect(200);
    expect(JSON.stringify(audit.body)).toContain('enrolment.left');

    await drainNotifications(t);
    const mail = await mailTo(student.email, 'enrolment_left');
    expect(mail.subject).toBe('Du er udmeldt af talentakademiet');
    expect(mail.text).toContain(`1. marts ${cohort + 1}`);

    const listed = await t
      .http()
      .get('/api/students')
      .set(staff.auth)
      .query({ cohort, status: 'left' })
      .expect(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('a failed annual exam is leaving by a failed exam, not by own wish', async () => {
    const cohort = freshYear();
    await moveClock(t, `${cohort + 1}-06-10T10:00:00+02:00`);
    const student = await registerApplicant(t);
    const { id } = await enrolStudent(t, student, { cohort });
    const failed = await t
      .http()
      .post(`/api/students/${id}/annual-exams`)
      .set(staff.auth)
      .send({ year: 1, subjects: [{ subject: 'hovedfag', grade: 0 }], passed: false })
      .expect(201);
    expect(failed.body.student).toMatchObject({ status: 'left', leftKind: 'failed_exam' });
  });

  it('staff search the delivery log by recipient', async () => {
    const email = uniqueEmail(`${tag}log`);
    await t.app.get(AccountsService).invite(staff, { email, name: `Søren ${tag}log Dam`, role: 'juror' });
    const byAddress = await t
      .http()
      .get('/api/notifications')
      .set(staff.auth)
      .query({ q: email.slice(0, 12) })
      .expect(200);
    expect(byAddress.body.items.map((n: { to: string }) => n.to)).toContain(email);
    const byName = await t
      .http()
      .get('/api/notifications')
      .set(staff.auth)
      .query({ q: `søren ${tag}LOG`, type: 'invitation' })
      .expect(200);
    expect(byName.body.total).toBe(1);
    expect(byName.body.items[0].to).toBe(email);
  });

  it('every people page reads in Danish and in English (?lang=en)', async () => {
    const student = await registerApplicant(t);
    const { id } = await enrolStudent(t, student, { cohort: freshYear() });
    const asker = await registerApplicant(t);
    await t.http().post('/api/me/erasure-request').set(asker.auth).send({}).expect(202);
    const requests = await t
      .http()
      .get('/api/erasure-requests')
      .set(staff.auth)
      .query({ limit: 1 })
      .expect(200);
    const erasureId = requests.body.items[0].id as string;
    const client = await pageClient(t, staff);
    const pages: Array<[string, string, string]> = [
      ['/staff/users', 'Brugere', 'Users'],
      ['/staff/notifications', 'Beskeder', 'Messages'],
      ['/staff/students', 'Elever', 'Students'],
      [`/staff/students/${id}`, student.name, student.name],
      [`/staff/students/${id}/leave`, 'stopper efter eget ønske', 'leaves at their own wish'],
      [`/staff/students/${id}/annual-exam`, 'Årsprøve for', 'Annual exam for'],
      ['/staff/erasure-requests', 'Anmodninger om sletning', 'Erasure requests'],
      [`/staff/erasure-requests/${erasureId}/refuse`, 'Afvis sletning', 'Refuse erasure'],
      [`/staff/erasure-requests/${erasureId}/carry-out`, 'Slet data om', 'Erase the data about'],
    ];
    for (const [path, da, en] of pages) {
      const inDanish = await client.agent.get(`${path}${path.includes('?') ? '&' : '?'}lang=da`).expect(200);
      expect(/<h1>([^<]*)<\/h1>/.exec(inDanish.text)?.[1]).toContain(da);
      const inEnglish = await client.agent.get(`${path}?lang=en`).expect(200);
      expect(/<h1>([^<]*)<\/h1>/.exec(inEnglish.text)?.[1]).toContain(en);
      expect(inEnglish.text).toContain('<html lang="en"');
    }
  });
});
