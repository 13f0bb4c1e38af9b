import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createPerson, PASSWORD, uniqueEmail, type Person } from './helpers/accounts.js';
import { drainNotifications } from './helpers/queues.js';

/** Secrets at rest (issue 15 item 7): an invitation's token is not kept in the outbox once the e-mail has gone. */
describe('invitation tokens at rest', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let staff: Person;
  let db: DataSource;

  beforeAll(async () => {
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    db = t.app.get(DataSource);
    staff = await createPerson(t, 'staff');
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const rowsTo = (email: string) =>
    db.query(`SELECT id, status, data FROM notifications WHERE to_address = $1 ORDER BY created_at`, [
      email,
    ]) as Promise<Array<{ id: string; status: string; data: Record<string, unknown> }>>;

  it('is in the e-mail, but neither in notifications.data after sending nor in the staff list; a resend mails a fresh link', async () => {
    const email = uniqueEmail('censor');
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email, name: 'Ny Censor', role: 'juror' })
      .expect(201);
    await drainNotifications(t);
    const [mail] = await sink.waitFor((m) => m.some((x) => x.to.includes(email))).then(() => sink.to(email));
    const token = tokenIn(mail.text)!;
    expect(token).toBeDefined();

    const [row] = await rowsTo(email);
    expect(row.status).toBe('sent');
    expect(JSON.stringify(row.data)).not.toContain(token);
    expect(row.data.link).toBeUndefined();
    const list = await t
      .http()
      .get('/api/notifications')
      .query({ type: 'invitation' })
      .set(staff.auth)
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(token);

    // Staff resend: a fresh invitation link goes out (and is not kept either); both links work until used.
    await t.http().post(`/api/notifications/${row.id}/resend`).set(staff.auth).expect(202);
    await drainNotifications(t);
    await sink.waitFor(() => sink.to(email).length === 2);
    const fresh = tokenIn(sink.to(email)[1].text)!;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(token);
    const rows = await rowsTo(email);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(JSON.stringify(r.data)).not.toMatch(new RegExp(`${token}|${fresh}`));
    await t.http().post('/api/auth/accept-invitation').send({ token: fresh, password: PASSWORD }).expect(200);

    // Accepted: nothing to resend, said so.
    const again = await t.http().post(`/api/notifications/${row.id}/resend`).set(staff.auth).expect(409);
    expect(again.body.message).toMatch(/already accepted the invitation/);
  });
});
