import { SmtpSink } from '../scripts/smtp-sink.js';
import {
  createPerson,
  login,
  PASSWORD,
  registerApplicant,
  uniqueEmail,
  type Person,
} from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createIntakes, moveClock, resetClock } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { drainNotifications } from './helpers/queues.js';

/** The e-mailed links of the accounts API: verifying the address, a forgotten password; and the profile. */
describe('accounts: verification, password reset and profile (API)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let staff: Person;

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
  }, 60000);
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  /** The token of the last link of this kind e-mailed to the address. */
  async function linkToken(
    email: string,
    path: 'verify-email' | 'reset-password',
    count = 1,
  ): Promise<string> {
    const pattern = new RegExp(`/${path}\\?token=([\\w-]+)`);
    const mails = await sink.waitFor(
      () => sink.to(email).filter((m) => pattern.test(m.text)).length >= count,
    );
    const mail = mails.filter((m) => m.to.includes(email.toLowerCase()) && pattern.test(m.text)).at(-1)!;
    return pattern.exec(mail.text)![1];
  }

  it('registering e-mails a welcome and a verification link; until verified, a draft is saved but not submitted', async () => {
    const [intake] = await createIntakes(t, staff, ['MGK']);
    await moveClock(t, `${intake.year}-01-20T12:00:00+01:00`);
    const applicant = await registerApplicant(
      t,
      { birthDate: `${intake.year - 19}-03-01` },
      { verified: false },
    );
    const me = await t.http().get('/api/me').set(applicant.auth).expect(200);
    expect(me.body.emailVerified).toBe(false);

    const draft = await t
      .http()
      .post('/api/applications')
      .set(applicant.auth)
      .send({
        intakeId: intake.id,
        track: 'production',
        mainSubject: 'elektronisk musik',
        motivation: 'Jeg producerer.',
      })
      .expect(201);
    for (const [kind, name] of [
      ['work', 'nummer-1.pdf'],
      ['work', 'nummer-2.pdf'],
      ['cv', 'cv.pdf'],
    ]) {
      await t
        .http()
        .post(`/api/applications/${draft.body.id}/materials`)
        .set(applicant.auth)
        .field('kind', kind)
        .attach('file', PDF, name)
        .expect(201);
    }
    const refused = await t
      .http()
      .post(`/api/applications/${draft.body.id}/submit`)
      .set(applicant.auth)
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
      message: expect.stringContaining('Confirm your e-mail'),
    });

    const token = await linkToken(applicant.email, 'verify-email');
    expect(
      sink
        .to(applicant.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Bekræft din e-mailadresse', 'Velkommen til Aalborg Talentakademi']);
    const verified = await t.http().post('/api/auth/verify-email').send({ token }).expect(200);
    expect(verified.body).toMatchObject({ email: applicant.email, emailVerified: true });
    expect((await t.http().get('/api/me').set(applicant.auth).expect(200)).body.emailVerified).toBe(true);
    const again = await t.http().post('/api/auth/verify-email').send({ token }).expect(409);
    expect(again.body.message).toContain('already been used');
    await t.http().post('/api/auth/verify-email').send({ token: 'made-up' }).expect(400);
    await t.http().post(`/api/applications/${draft.body.id}/submit`).set(applicant.auth).expect(200);
    await t.http().post('/api/me/verification-email').set(applicant.auth).expect(409);
    await resetClock(t);
  });

  it('"send the link again" sends a new link while the address is unverified', async () => {
    const applicant = await registerApplicant(t, {}, { verified: false });
    await linkToken(applicant.email, 'verify-email');
    await t.http().post('/api/me/verification-email').set(applicant.auth).expect(202);
    const second = await linkToken(applicant.email, 'verify-email', 2);
    await t.http().post('/api/auth/verify-email').send({ token: second }).expect(200);
  });

  it('a minor’s guardian gets a copy of the welcome naming the applicant, and never the verification link', async () => {
    const guardianEmail = uniqueEmail('guardian');
    const minor = await registerApplicant(
      t,
      { birthDate: '2012-06-01', name: 'Ida Holm', guardian: { name: 'Hanne Holm', email: guardianEmail } },
      { verified: false },
    );
    await linkToken(minor.email, 'verify-email');
    await sink.waitFor(() => sink.to(guardianEmail).length > 0);
    await drainNotifications(t);
    const copies = sink.to(guardianEmail);
    expect(copies.map((m) => m.subject)).toEqual(['Kopi til værge: Velkommen til Aalborg Talentakademi']);
    expect(copies[0].text).toContain('værge for Ida Holm');
    expect(copies[0].text).not.toMatch(/verify-email|token=/);
  });

  it('PATCH /api/me changes name, phone, language and guardian; refuses what is wrong with 400 naming the field', async () => {
    const person = await registerApplicant(t);
    const res = await t
      .http()
      .patch('/api/me')
      .set(person.auth)
      .send({
        name: 'Maja Ny',
        phone: '+45 20 30 40 50',
        locale: 'en',
        guardian: { name: 'Far Jensen', email: uniqueEmail('far') },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Maja Ny',
      phone: '+45 20 30 40 50',
      locale: 'en',
      emailVerified: true,
    });
    expect(res.body.guardian.name).toBe('Far Jensen');
    const bad = await t.http().patch('/api/me').set(person.auth).send({ phone: 'ring mig' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'phone', messages: ['phone must be a phone number'] }]);
    const self = await t
      .http()
      .patch('/api/me')
      .set(person.auth)
      .send({ guardian: { name: 'Mig', email: person.email } })
      .expect(400);
    expect(self.body.details[0].field).toBe('guardian.email');
    await t.http().patch('/api/me').set(person.auth).send({ role: 'staff' }).expect(400);
    await t.http().patch('/api/me').send({ name: 'x' }).expect(401);
    const cleared = await t.http().patch('/api/me').set(person.auth).send({ phone: '' }).expect(200);
    expect(cleared.body.phone).toBeUndefined();
  });

  it('POST /api/me/password needs the current password; the new one works, the old one no longer', async () => {
    const person = await registerApplicant(t);
    const wrong = await t
      .http()
      .post('/api/me/password')
      .set(person.auth)
      .send({ currentPassword: 'not the one', password: 'et helt nyt kodeord' })
      .expect(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const weak = await t
      .http()
      .post('/api/me/password')
      .set(person.auth)
      .send({ currentPassword: PASSWORD, password: 'kort' })
      .expect(400);
    expect(weak.body.details[0].field).toBe('password');
    await t
      .http()
      .post('/api/me/password')
      .set(person.auth)
      .send({ currentPassword: PASSWORD, password: 'et helt nyt kodeord' })
      .expect(200);
    await login(t, person.email, 'et helt nyt kodeord');
    await t.http().post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(401);
  });

  it('forgot-password answers 202 the same for any address; the link resets once, within the hour', async () => {
    const person = await registerApplicant(t);
    const unknown = await t
      .http()
      .post('/api/auth/forgot-password')
      .send({ email: 'ingen@example.dk' })
      .expect(202);
    const known = await t
      .http()
      .post('/api/auth/forgot-password')
      .send({ email: person.email.toUpperCase() })
      .expect(202);
    expect(known.body).toEqual(unknown.body);
    await t.http().post('/api/auth/forgot-password').send({ email: 'ikke en adresse' }).expect(400);

    const token = await linkToken(person.email, 'reset-password');
    const weak = await t
      .http()
      .post('/api/auth/reset-password')
      .send({ token, password: 'kort' })
      .expect(400);
    expect(weak.body.details[0].field).toBe('password');
    await t
      .http()
      .post('/api/auth/reset-password')
      .send({ token, password: 'nulstillet kodeord her' })
      .expect(200);
    await login(t, person.email, 'nulstillet kodeord her');
    const reused = await t
      .http()
      .post('/api/auth/reset-password')
      .send({ token, password: 'igen et andet kodeord' })
      .expect(409);
    expect(reused.body.message).toContain('already been used');

    // A link an hour and more old has expired.
    await t.http().post('/api/auth/forgot-password').send({ email: person.email }).expect(202);
    const late = await linkToken(person.email, 'reset-password', 2);
    await moveClock(t, new Date(Date.now() + 61 * 60_000).toISOString());
    try {
      const expired = await t
        .http()
        .post('/api/auth/reset-password')
        .send({ token: late, password: 'for sent et kodeord' })
        .expect(409);
      expect(expired.body).toMatchObject({
        code: 'DEADLINE_PASSED',
        message: expect.stringContaining('expired'),
      });
    } finally {
      await resetClock(t);
    }
  });

  it('no more than three live reset links are e-mailed to one address, however often someone asks', async () => {
    const person = await registerApplicant(t);
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/forgot-password').send({ email: person.email }).expect(202);
    }
    await drainNotifications(t);
    await linkToken(person.email, 'reset-password', 3);
    expect(sink.to(person.email).filter((m) => m.subject === 'Vælg en ny adgangskode')).toHaveLength(3);
  });
});
