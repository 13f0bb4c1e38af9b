import Bull from 'bull';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { SmtpSink, type SunkMail } from '../scripts/smtp-sink.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { Clock } from '../src/common/clock.js';
import { toCopenhagenIso } from '../src/common/time.js';
import { DELIVER_JOB, NOTIFICATIONS_QUEUE } from '../src/notifications/notifications.constants.js';
import {
  NotificationsService,
  type NotificationMessage,
} from '../src/notifications/notifications.service.js';
import {
  createPerson,
  PASSWORD,
  registerApplicant,
  uniqueEmail,
  type Person,
  ACCOUNT_MAILS,
} from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { drainNotifications } from './helpers/queues.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const notificationId = (mail: SunkMail) => mail.headers['x-notification-id'];

/** Raw count of e-mails per notification id: the sink keeps every message it accepted, duplicates too. */
function deliveriesById(sink: SmtpSink, address: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of sink.to(address))
    counts.set(notificationId(mail), (counts.get(notificationId(mail)) ?? 0) + 1);
  return counts;
}

/** A message to a person by id: its recipient is resolved through accounts, as the rooms do. */
type MessageTo = Omit<NotificationMessage, 'to'> & { recipientUserId: string };

async function addressed(t: TestApp, em: EntityManager, message: MessageTo): Promise<NotificationMessage> {
  const { recipientUserId, ...rest } = message;
  return { ...rest, to: await t.app.get(AccountsService).contactOf(recipientUserId, em) };
}

async function enqueue(t: TestApp, ...messages: MessageTo[]): Promise<void> {
  const notifications = t.app.get(NotificationsService);
  await t.app.get(DataSource).transaction(async (em) => {
    for (const message of messages) await notifications.enqueue(em, await addressed(t, em, message));
  });
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const rejection = (person: Person, extra: Partial<MessageTo> = {}): MessageTo => ({
  type: 'result_rejected',
  recipientUserId: person.id,
  data: { programme: 'MGK' },
  ...extra,
});

describe('notifications: a change that commits sends one e-mail; a rollback sends none', () => {
  const sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
  let t: TestApp;
  let staff: Person;

  beforeAll(async () => {
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('an invitation by staff arrives once, in Danish or English, and its link signs the person up', async () => {
    const daEmail = uniqueEmail('censor-da');
    const enEmail = uniqueEmail('censor-en');
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: daEmail, name: 'Lars', role: 'juror' })
      .expect(201);
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: enEmail, name: 'Emma', role: 'teacher', locale: 'en' })
      .expect(201);
    await sink.waitFor(() => sink.to(daEmail).length > 0 && sink.to(enEmail).length > 0);
    await drainNotifications(t);

    const [da] = sink.to(daEmail);
    expect(sink.to(daEmail)).toHaveLength(1);
    expect(da.subject).toBe('Du er inviteret til Aalborg Talentakademi');
    expect(da.text).toContain('Kære Lars');
    expect(da.text).toContain('som censor');
    expect(da.messageId).toBe(`<notification-${notificationId(da)}@talentakademi.example>`);
    const [en] = sink.to(enEmail);
    expect(sink.to(enEmail)).toHaveLength(1);
    expect(en.subject).toBe('You are invited to Aalborg Talentakademi');
    expect(en.text).toContain('as a supervisor');
    expect(en.html).toContain('<a href="http://localhost:3000/accept-invitation?token=');

    const token = /accept-invitation\?token=([\w-]+)/.exec(en.text)![1];
    await t.http().post('/api/auth/accept-invitation').send({ token, password: PASSWORD }).expect(200);
  });

  it("a minor's guardian gets a copy marked as such, in the applicant's language", async () => {
    const guardianEmail = uniqueEmail('guardian');
    const minor = await registerApplicant(t, {
      birthDate: '2012-06-01',
      locale: 'en',
      name: 'Ida Holm',
      guardian: { name: 'Hanne Holm', email: guardianEmail },
    });
    const applicationId = randomUUID();
    await enqueue(t, rejection(minor, { applicationId }));
    await sink.waitFor(() => sink.to(minor.email).length > 0 && sink.to(guardianEmail).length > 0);
    await drainNotifications(t);

    expect(sink.to(minor.email).map((m) => m.subject)).toEqual(['About your application']);
    expect(sink.to(guardianEmail).map((m) => m.subject)).toEqual([
      'Copy for guardian: About your application',
    ]);
    expect(sink.to(guardianEmail)[0].text).toContain('registered as the guardian of Ida Holm');

    const log = await t.http().get('/api/notifications').query({ applicationId }).set(staff.auth).expect(200);
    expect(log.body.total).toBe(2);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          to: minor.email,
          status: 'sent',
          attempts: 1,
          guardianCopy: false,
          sentAt: expect.any(String),
        }),
        expect.objectContaining({ to: guardianEmail, status: 'sent', attempts: 1, guardianCopy: true }),
      ]),
    );
  });

  it('a transaction that rolls back leaves no message; a refused invitation sends none', async () => {
    const person = await registerApplicant(t);
    const applicationId = randomUUID();
    await expect(
      t.app.get(DataSource).transaction(async (em) => {
        await t.app
          .get(NotificationsService)
          .enqueue(em, await addressed(t, em, rejection(person, { applicationId })));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // The same e-mail twice: the second invitation is refused (409) and must not e-mail anyone.
    const email = uniqueEmail('twice');
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email, name: 'Twice', role: 'juror' })
      .expect(201);
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email, name: 'Twice', role: 'juror' })
      .expect(409);

    await sink.waitFor(() => sink.to(email).length > 0);
    await drainNotifications(t);
    await sleep(300);
    expect(sink.to(person.email)).toHaveLength(0);
    expect(sink.to(email)).toHaveLength(1);
    const log = await t.http().get('/api/notifications').query({ applicationId }).set(staff.auth).expect(200);
    expect(log.body).toEqual({ items: [], total: 0 });
  });

  it('the delivery log is for staff only and validates its filters', async () => {
    const applicant = await registerApplicant(t);
    await t.http().get('/api/notifications').set(applicant.auth).expect(403);
    await t.http().post(`/api/notifications/${randomUUID()}/resend`).set(applicant.auth).expect(403);
    await t.http().get('/api/notifications').expect(401);
    const bad = await t
      .http()
      .get('/api/notifications')
      .query({ status: 'lost' })
      .set(staff.auth)
      .expect(400);
    expect(bad.body.details[0].field).toBe('status');
    await t.http().get('/api/notifications').query({ applicationId: 'x' }).set(staff.auth).expect(400);
    await t.http().post(`/api/notifications/${randomUUID()}/resend`).set(staff.auth).expect(404);
    await t.http().post('/api/notifications/not-a-uuid/resend').set(staff.auth).expect(400);
  });
});

describe('notifications: Redis unreachable while 50 messages are committed', () => {
  const sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
  const redisPort = 40000 + Math.floor(Math.random() * 5000);
  let redis: ChildProcess | undefined;
  let t: TestApp;

  const startRedis = async () => {
    redis = spawn('redis-server', [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    const probe = new Redis(redisPort, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    await until(
      'redis-server to start',
      () =>
        probe.connect().then(
          () => true,
          () => false,
        ),
      5000,
    );
    probe.disconnect();
  };

  beforeAll(async () => {
    await startRedis();
    const port = await sink.start(0);
    t = await startApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, REDIS_URL: `redis://127.0.0.1:${redisPort}` },
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
    redis?.kill('SIGKILL');
  });

  it('the API keeps answering and the messages wait; when Redis is back all 50 arrive, none twice', async () => {
    const staff = await createPerson(t, 'staff');
    // Redis dies without saving (no AOF): whatever it held is gone.
    redis!.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));

    const emails = Array.from({ length: 50 }, (_, i) => uniqueEmail(`outage-${i}`));
    const started = Date.now();
    for (const email of emails) {
      await t
        .http()
        .post('/api/users')
        .set(staff.auth)
        .send({ email, name: 'Outage', role: 'juror' })
        .expect(201);
    }
    await t.http().get('/api/me').set(staff.auth).expect(200);
    expect(Date.now() - started).toBeLessThan(10000);
    await t.http().get('/health').expect(503);

    await sleep(1000);
    expect(emails.filter((e) => sink.to(e).length > 0)).toEqual([]);
    const [{ waiting }] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS waiting FROM notifications WHERE status = 'pending' AND to_address = ANY($1)`,
        [emails],
      );
    expect(waiting).toBe(50);

    await startRedis();
    await sink.waitFor(() => emails.every((e) => sink.to(e).length > 0), 20000);
    await drainNotifications(t);
    await sleep(500);
    for (const email of emails) {
      expect([...deliveriesById(sink, email).values()]).toEqual([1]);
    }
  });
});

describe('notifications: the worker killed mid-batch', () => {
  const sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
  const prefix = `${process.env.QUEUE_PREFIX}-kill-${Date.now()}`;
  let t: TestApp;
  const workers: ChildProcess[] = [];
  let smtpUrl: string;

  const startWorker = () => {
    const child = spawn('node', ['dist/src/worker.js'], {
      env: {
        ...process.env,
        SMTP_URL: smtpUrl,
        QUEUE_PREFIX: prefix,
        RUN_MIGRATIONS: '0',
        NOTIFY_CONCURRENCY: '4',
        // A killed worker's jobs are taken over within about lock + check interval.
        NOTIFY_LOCK_MS: '1500',
        NOTIFY_STALLED_CHECK_MS: '1000',
      },
      stdio: 'ignore',
    });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    smtpUrl = `smtp://127.0.0.1:${await sink.start(0)}`;
    // The API only: the worker below is the one process that relays and sends.
    t = await startApp({
      env: { SMTP_URL: smtpUrl, QUEUE_PREFIX: prefix },
      role: { http: true, worker: false },
    });
  });
  afterAll(async () => {
    workers.forEach((w) => w.kill('SIGKILL'));
    await t.close();
    await sink.stop();
  });

  it('after SIGKILL with messages in flight, a restarted worker delivers every message exactly once', async () => {
    const applicant = await registerApplicant(t);
    const total = 40;
    await enqueue(t, ...Array.from({ length: total }, () => rejection(applicant)));

    const first = startWorker();
    await sink.waitFor(() => sink.to(applicant.email).length >= 10);
    // Mail server goes slow: the worker's next messages are mid-conversation, none acknowledged.
    sink.hold();
    await until('messages in flight', () => sink.held > 0);
    await sleep(300);
    const inFlight = sink.held;
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    sink.release();

    const queue = new Bull(NOTIFICATIONS_QUEUE, t.env.REDIS_URL, { prefix });
    try {
      // The dead worker's jobs are still "active" in Redis: nobody acknowledged them.
      expect((await queue.getJobCounts()).active).toBeGreaterThan(0);
    } finally {
      await queue.close();
    }
    const beforeRestart = sink.to(applicant.email).length;
    expect(inFlight).toBeGreaterThan(0);
    expect(beforeRestart).toBeLessThan(total);

    // Two workers now: two relays and two processors side by side.
    startWorker();
    startWorker();
    await sink.waitFor(() => deliveriesById(sink, applicant.email).size === total, 20000);
    await sleep(1500); // time for a duplicate to show up, if there were one
    const counts = deliveriesById(sink, applicant.email);
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(sink.to(applicant.email)).toHaveLength(total);

    // A job delivered again for a message already sent (what a stall redelivery looks like) sends nothing.
    const again = new Bull(NOTIFICATIONS_QUEUE, t.env.REDIS_URL, { prefix });
    try {
      await again.addBulk(
        [...counts.keys()].map((id) => ({
          name: DELIVER_JOB,
          data: { notificationId: id, delivery: 1 },
          opts: { jobId: `${id}:duplicate`, removeOnComplete: true },
        })),
      );
      await until('the duplicate jobs to be processed', async () => {
        const c = await again.getJobCounts();
        return c.waiting + c.active + c.delayed === 0;
      });
    } finally {
      await again.close();
    }
    await sleep(300);
    expect(sink.to(applicant.email)).toHaveLength(total);
  });
});

describe('notifications: SMTP refusing', () => {
  const sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
  const backoffMs = 100;
  let t: TestApp;
  let staff: Person;
  let applicant: Person;

  const logOf = async (applicationId: string) =>
    (await t.http().get('/api/notifications').query({ applicationId }).set(staff.auth).expect(200)).body
      .items;

  beforeAll(async () => {
    const port = await sink.start(0);
    t = await startApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_BACKOFF_MS: String(backoffMs) },
    });
    staff = await createPerson(t, 'staff');
    applicant = await registerApplicant(t);
    await drainNotifications(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('for a while → retried with growing waits, then delivered once', async () => {
    const applicationId = randomUUID();
    sink.refuse(3);
    const started = Date.now();
    await enqueue(t, rejection(applicant, { applicationId }));
    await sink.waitFor(() => sink.to(applicant.email).length === 1);
    // Three refusals: waits of 1, 3 and 7 × the base delay before the fourth attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(11 * backoffMs);
    await drainNotifications(t);
    expect(sink.to(applicant.email)).toHaveLength(1);
    const [item] = await logOf(applicationId);
    expect(item).toMatchObject({ status: 'sent', attempts: 4, lastError: expect.stringContaining('451') });
  });

  it('past the last attempt → failed with the error shown to staff; resend → delivered', async () => {
    sink.clear();
    const applicationId = randomUUID();
    sink.refuseAll(true);
    await enqueue(t, rejection(applicant, { applicationId }));
    await until('the message to fail', async () => (await logOf(applicationId))[0].status === 'failed');
    const [failed] = await logOf(applicationId);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: expect.stringMatching(/451.*busy/),
    });
    expect(failed.sentAt).toBeUndefined();
    sink.refuseAll(false);
    await sleep(300);
    expect(sink.to(applicant.email)).toHaveLength(0);

    const resent = await t.http().post(`/api/notifications/${failed.id}/resend`).set(staff.auth).expect(202);
    expect(resent.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
    await sink.waitFor(() => sink.to(applicant.email).length === 1);
    await drainNotifications(t);
    expect((await logOf(applicationId))[0]).toMatchObject({ id: failed.id, status: 'sent', attempts: 1 });
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'notification', entityId: failed.id })
      .set(staff.auth)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'notification.resent',
      actorId: staff.id,
      before: { status: 'failed', attempts: 5 },
    });

    // Resending a sent message sends a second, distinct e-mail and keeps the first in the log.
    const again = await t.http().post(`/api/notifications/${failed.id}/resend`).set(staff.auth).expect(202);
    expect(again.body).toMatchObject({ status: 'pending', resendOf: failed.id });
    expect(again.body.id).not.toBe(failed.id);
    await sink.waitFor(() => sink.to(applicant.email).length === 2);
    const [one, two] = sink.to(applicant.email);
    expect(one.messageId).not.toBe(two.messageId);
    const items = await logOf(applicationId);
    expect(items.map((i: { status: string }) => i.status)).toEqual(['sent', 'sent']);
  });
});

describe('notifications: scheduled messages', () => {
  const sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
  let t: TestApp;
  let staff: Person;

  beforeAll(async () => {
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staff = await createPerson(t, 'staff');
  });
  afterAll(async () => {
    await t.http().delete('/api/test/clock');
    await t.close();
    await sink.stop();
  });

  it('wait for sendAt by the academy clock; a cancelled one never goes, a moved one goes at its new time', async () => {
    const applicant = await registerApplicant(t);
    const now = t.app.get(Clock).now();
    const day = 24 * 3600_000;
    const tomorrow = new Date(now.getTime() + day);
    const auditions = { kept: randomUUID(), cancelled: randomUUID(), moved: randomUUID() };
    const reminder = (topic: string): MessageTo => ({
      type: 'audition_reminder',
      recipientUserId: applicant.id,
      sendAt: tomorrow,
      topic: `audition-reminder:${topic}`,
      applicationId: topic,
      data: {
        programme: 'TGK',
        roundName: 'første prøverunde',
        startsAt: new Date(tomorrow.getTime() + day).toISOString(),
        venue: 'Aalborg Kulturskole',
        room: topic,
      },
    });
    await enqueue(t, reminder(auditions.kept), reminder(auditions.cancelled), reminder(auditions.moved));
    const notifications = t.app.get(NotificationsService);
    await t.app.get(DataSource).transaction(async (em) => {
      expect(await notifications.cancel(em, `audition-reminder:${auditions.cancelled}`)).toBe(1);
      await notifications.reschedule(
        em,
        `audition-reminder:${auditions.moved}`,
        new Date(now.getTime() + 3 * day),
      );
    });
    const statusOf = async (id: string) =>
      (await t.http().get('/api/notifications').query({ applicationId: id }).set(staff.auth).expect(200)).body
        .items[0];

    await sleep(1000); // several sweeps
    expect(sink.to(applicant.email)).toHaveLength(0);
    expect(await statusOf(auditions.kept)).toMatchObject({
      status: 'pending',
      sendAt: toCopenhagenIso(tomorrow),
    });
    expect(await statusOf(auditions.cancelled)).toMatchObject({ status: 'cancelled' });
    await t
      .http()
      .post(`/api/notifications/${(await statusOf(auditions.kept)).id}/resend`)
      .set(staff.auth)
      .expect(409);

    await t
      .http()
      .put('/api/test/clock')
      .send({ now: new Date(now.getTime() + 2 * day).toISOString() })
      .expect(200);
    await sink.waitFor(() => sink.to(applicant.email).length === 1);
    await drainNotifications(t);
    await sleep(300);
    expect(sink.to(applicant.email).map((m) => m.text.includes(auditions.kept))).toEqual([true]);
    expect(sink.to(applicant.email)[0].subject).toBe('Påmindelse: din optagelsesprøve er i morgen');

    await t
      .http()
      .put('/api/test/clock')
      .send({ now: new Date(now.getTime() + 4 * day).toISOString() })
      .expect(200);
    await sink.waitFor(() => sink.to(applicant.email).length === 2);
    await drainNotifications(t);
    await sleep(300);
    const rooms = sink
      .to(applicant.email)
      .map((m) => [auditions.kept, auditions.moved].find((r) => m.text.includes(r)));
    expect(rooms).toEqual([auditions.kept, auditions.moved]);
    expect(await statusOf(auditions.cancelled)).toMatchObject({ status: 'cancelled' });
  });
});
