import { spawn, type ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../scripts/smtp-sink.js';
import { PASSWORD, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { pageClient } from './helpers/pages.js';

/** Page sessions and CSRF: what signs a browser out, what a form without its token gets, what a restart keeps. */
describe('page sessions and CSRF', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let person: Person;

  beforeAll(async () => {
    sink = new SmtpSink();
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    person = await registerApplicant(t, { name: 'Sofie Session' });
  }, 60000);
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  const sessionRows = async (userId: string) =>
    (
      await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM web_sessions WHERE user_id = $1`, [userId])
    )[0].n as number;

  /** A reset link for the person, as the e-mail brings it. */
  async function resetLink(email: string): Promise<string> {
    const before = sink.to(email).length;
    await t.http().post('/api/auth/forgot-password').send({ email }).expect(202);
    const mails = await sink.waitFor(() => sink.to(email).length > before);
    const mail = mails.filter((m) => m.to.includes(email.toLowerCase())).at(-1)!;
    expect(mail.subject).toBe('Vælg en ny adgangskode');
    return /\/reset-password\?token=[\w-]+/.exec(mail.text)![0];
  }

  it('a form posted without its CSRF token, or with another browser’s, gets 403 in Danish and changes nothing', async () => {
    const client = await pageClient(t, person);
    const missing = await client.agent.post('/me').type('form').send({ name: 'Ændret Navn' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('Formularen er udløbet');
    const other = await pageClient(t);
    const foreign = await client.agent
      .post('/me')
      .type('form')
      .send({ _csrf: await other.csrf(), name: 'Ændret Navn' });
    expect(foreign.status).toBe(403);
    const me = await t.http().get('/api/me').set(person.auth).expect(200);
    expect(me.body.name).toBe('Sofie Session');

    // Signed out too: the sign-in form itself carries a token.
    const anonymous = await pageClient(t);
    const login = await anonymous.agent
      .post('/login')
      .type('form')
      .send({ email: person.email, password: PASSWORD });
    expect(login.status).toBe(403);
  });

  it('the session cookie is httpOnly and SameSite=Lax, and only a hash of its id is stored', async () => {
    const agent = (await pageClient(t)).agent;
    const page = await agent.get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, email: person.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = ([] as string[])
      .concat(res.headers['set-cookie'])
      .find((c) => c.startsWith('academy_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const id = /academy_session=([^;]+)/.exec(cookie)![1];
    const stored = await t.app
      .get(DataSource)
      .query(`SELECT 1 FROM web_sessions WHERE token_hash = $1`, [id]);
    expect(stored).toHaveLength(0);
  });

  it('signing out ends the session: the same cookie no longer signs anyone in', async () => {
    const client = await pageClient(t, person);
    await client.agent.get('/me').expect(200);
    const cookie = client.sessionCookie!;
    const out = await client.post('/logout');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login?done=signed-out');
    // The old cookie, replayed by someone who kept it:
    const replay = await t.http().get('/me').set('cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/login?next=%2Fme');
  });

  it('a password reset ends every session of the person; a password change ends the others', async () => {
    const someone = await registerApplicant(t, { name: 'Reset Rasmussen' });
    const phone = await pageClient(t, someone);
    const laptop = await pageClient(t, someone);
    expect(await sessionRows(someone.id)).toBe(2);

    // Changing the password on the laptop: the phone is signed out, the laptop stays.
    const changed = await laptop.post('/me/password', {
      currentPassword: PASSWORD,
      password: 'et nyt kodeord til celloen',
    });
    expect(changed.status).toBe(303);
    await laptop.agent.get('/me').expect(200);
    expect((await phone.agent.get('/me')).status).toBe(303);
    expect(await sessionRows(someone.id)).toBe(1);

    // A reset from the e-mailed link: every session ends, the laptop's too.
    const link = await resetLink(someone.email);
    const form = await pageClient(t);
    const page = await form.agent.get(link).expect(200);
    const token = /name="token" value="([^"]+)"/.exec(page.text)![1];
    const reset = await form.post('/reset-password', { token, password: 'endnu et nyt kodeord' });
    expect(reset.status).toBe(303);
    expect(reset.headers.location).toBe('/login?done=password-reset');
    expect((await laptop.agent.get('/me')).status).toBe(303);
    expect(await sessionRows(someone.id)).toBe(0);

    // The link worked once; the new password works.
    const again = await form.post('/reset-password', { token, password: 'et fjerde kodeord her' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Linket er allerede brugt');
    await pageClient(t, someone, 'endnu et nyt kodeord');
  });

  it('an expired reset link says so in Danish', async () => {
    const link = await resetLink(person.email);
    await moveClock(t, new Date(Date.now() + 2 * 3600_000).toISOString());
    try {
      const res = await (await pageClient(t)).agent.get(link);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Linket er udløbet. Det virker kun i en time. Bed om et nyt.');
      expect(res.text).toContain('href="/forgot-password"');
    } finally {
      await resetClock(t);
    }
  });

  it('/forgot-password answers the same whether or not the address has an account', async () => {
    const client = await pageClient(t);
    const known = await client.post('/forgot-password', { email: person.email });
    const unknown = await client.post('/forgot-password', { email: 'ingen-her@example.dk' });
    expect([known.status, known.headers.location]).toEqual([unknown.status, unknown.headers.location]);
    const page = await client.agent.get(known.headers.location as string).expect(200);
    expect(page.text).toContain('Hvis der findes en bruger med den e-mailadresse');
  });

  it('a session survives a restart of the API: the built server, stopped and started again', async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const base = `http://127.0.0.1:${port}`;
    const start = async (): Promise<ChildProcess> => {
      const child = spawn('node', ['dist/src/main.js'], {
        env: { ...process.env, PORT: String(port), RUN_MIGRATIONS: '0', APP_ROLE: 'api' },
        stdio: 'ignore',
      });
      for (let i = 0; i < 150; i++) {
        if (
          await fetch(`${base}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return child;
        await new Promise((r) => setTimeout(r, 200));
      }
      child.kill('SIGKILL');
      throw new Error('the built API did not start');
    };
    const stop = (child: ChildProcess) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });

    let child = await start();
    let session: string;
    try {
      const form = await fetch(`${base}/login`);
      const visitor = /academy_visitor=[^;]+/.exec(form.headers.get('set-cookie') ?? '')![0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const signedIn = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor },
        body: new URLSearchParams({ _csrf: csrf, email: person.email, password: PASSWORD }).toString(),
      });
      expect(signedIn.status).toBe(303);
      session = /academy_session=[^;]+/.exec(signedIn.headers.getSetCookie().join('\n'))![0];
    } finally {
      await stop(child);
    }
    child = await start();
    try {
      const me = await fetch(`${base}/me`, { redirect: 'manual', headers: { cookie: session } });
      expect(me.status).toBe(200);
      expect(await me.text()).toContain('Sofie Session');
    } finally {
      await stop(child);
    }
  }, 90000);
});
