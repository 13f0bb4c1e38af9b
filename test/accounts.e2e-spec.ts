import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  createPerson,
  login,
  PASSWORD,
  registerApplicant,
  uniqueEmail,
  type Person,
} from './helpers/accounts.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function hs256(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('accounts', () => {
  let t: TestApp;
  let staff: Person;

  beforeAll(async () => {
    t = await startApp();
    staff = await createPerson(t, 'staff');
  });
  afterAll(() => t.close());

  it('register → login → /api/me', async () => {
    const email = uniqueEmail('maja');
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ email, password: PASSWORD, name: 'Maja Jensen', birthDate: '2005-05-17', locale: 'en' })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      email,
      name: 'Maja Jensen',
      role: 'applicant',
      locale: 'en',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);

    const signedIn = await t
      .http()
      .post('/api/auth/login')
      .send({ email: email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(signedIn.body).toMatchObject({
      accessToken: expect.any(String),
      user: { id: res.body.id, role: 'applicant' },
    });
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: res.body.id, email, birthDate: '2005-05-17' });
    expect(JSON.stringify(me.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('a second account with the same e-mail in another case → 409', async () => {
    const email = uniqueEmail('dup');
    const body = { email, password: PASSWORD, name: 'A', birthDate: '2004-01-01' };
    await t.http().post('/api/auth/register').send(body).expect(201);
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ ...body, email: email.toUpperCase() })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'ALREADY_EXISTS',
      message: expect.stringContaining('already exists'),
    });
  });

  it('under 18 without a guardian → 400 naming guardian; with one → 201', async () => {
    const body = { email: uniqueEmail('minor'), password: PASSWORD, name: 'Ida', birthDate: '2011-03-03' };
    const res = await t.http().post('/api/auth/register').send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details[0].field).toBe('guardian');
    const ok = await t
      .http()
      .post('/api/auth/register')
      .send({ ...body, guardian: { name: 'Hanne', email: uniqueEmail('guardian') } })
      .expect(201);
    expect(ok.body.guardian).toMatchObject({ name: 'Hanne' });
  });

  it.each([
    [{ password: 'short' }, 'password'],
    [{ password: undefined }, 'password'],
    [{ password: 'Password123' }, 'password'],
    [{ birthDate: '2040-01-01' }, 'birthDate'],
    [{ birthDate: '2005-02-30' }, 'birthDate'],
    [{ email: 'not-an-email' }, 'email'],
    [{ locale: 'de' }, 'locale'],
    [{ cpr: '010203-1234' }, 'cpr'],
  ])('bad registration %j → 400 naming %s', async (change, field) => {
    const body = {
      email: uniqueEmail('bad'),
      password: PASSWORD,
      name: 'A',
      birthDate: '2004-01-01',
      ...change,
    };
    const res = await t.http().post('/api/auth/register').send(body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('wrong password and unknown e-mail give identical 401 bodies', async () => {
    const person = await registerApplicant(t);
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: person.email, password: 'not the password' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: uniqueEmail('nobody'), password: PASSWORD })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.message).toBe('E-mail or password is wrong');
  });

  describe('access tokens', () => {
    let person: Person;
    beforeAll(async () => {
      person = await registerApplicant(t);
    });
    const claims = () => ({ sub: person.id, role: 'applicant', ver: 0 });
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      [
        'signed with another secret',
        () => hs256({ ...claims(), exp: now() + 600 }, 'another-secret-another-secret-123456'),
      ],
      ['with alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(), role: 'staff' })}.`],
      ['expired', () => hs256({ ...claims(), iat: now() - 1000, exp: now() - 10 }, t.env.JWT_SECRET)],
      [
        'tampered (role changed to staff)',
        () => {
          const [h, , s] = person.token.split('.');
          return `${h}.${b64({ ...claims(), role: 'staff', exp: now() + 600 })}.${s}`;
        },
      ],
      ['garbage', () => 'not.a.token'],
    ])('a token %s → 401', async (_what, make) => {
      const res = await t.http().get('/api/me').set('Authorization', `Bearer ${make()}`).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('a well-signed token is accepted (the control for the cases above)', async () => {
      await t
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${hs256({ ...claims(), exp: now() + 600 }, t.env.JWT_SECRET)}`)
        .expect(200);
    });
  });

  describe('tokens tied to live users', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const payload = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    const patch = (who: Person, id: string, body: object) =>
      t.http().patch(`/api/users/${id}`).set(who.auth).send(body);
    /** Polls until the request answers `status` (cross-process messages arrive asynchronously), up to `ms`. */
    async function eventually(call: () => Promise<{ status: number }>, status: number, ms = 10_000) {
      const until = Date.now() + ms;
      let last = 0;
      while (Date.now() < until) {
        last = (await call()).status;
        if (last === status) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`still ${last}, expected ${status}`);
    }

    it('the token carries only sub, role and the token version: no e-mail or name', async () => {
      const minor = await registerApplicant(t, {
        name: 'Lille Sofie Ibsen',
        birthDate: '2012-04-01',
        guardian: { name: 'Far Ibsen', email: uniqueEmail('far') },
      });
      const body = payload(minor.token);
      expect(Object.keys(body).sort()).toEqual(['exp', 'iat', 'role', 'sub', 'ver']);
      expect(JSON.stringify(body)).not.toContain(minor.email);
      expect(JSON.stringify(body)).not.toContain('Sofie');
    });

    it('a forged token (right secret) for a user who does not exist, or with another role → 401', async () => {
      const forged = hs256({ sub: randomUUID(), role: 'staff', ver: 0, exp: now() + 600 }, t.env.JWT_SECRET);
      const res = await t.http().get('/api/audit').set('Authorization', `Bearer ${forged}`).expect(401);
      expect(res.body.message).toMatch(/no longer stands for an active account/);
      const juror = await createPerson(t, 'juror');
      const promoted = hs256({ sub: juror.id, role: 'staff', ver: 0, exp: now() + 600 }, t.env.JWT_SECRET);
      await t.http().get('/api/audit').set('Authorization', `Bearer ${promoted}`).expect(401);
      const notUuid = hs256({ sub: 'staff', role: 'staff', ver: 0, exp: now() + 600 }, t.env.JWT_SECRET);
      await t.http().get('/api/me').set('Authorization', `Bearer ${notUuid}`).expect(401);
    });

    it('a deactivated user → 401 at once and cannot sign in; reactivated, old tokens stay dead (audited)', async () => {
      const juror = await createPerson(t, 'juror');
      await t.http().get('/api/jury/auditions').set(juror.auth).expect(200); // cached as active now
      const off = await patch(staff, juror.id, { active: false }).expect(200);
      expect(off.body).toMatchObject({ id: juror.id, active: false, role: 'juror' });
      const refused = await t.http().get('/api/jury/auditions').set(juror.auth).expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
      const signIn = await t.http().post('/api/auth/login').send({ email: juror.email, password: PASSWORD });
      expect(signIn.status).toBe(401);
      expect(signIn.body.message).toMatch(/deactivated/);

      await patch(staff, juror.id, { active: true }).expect(200);
      await t.http().get('/api/jury/auditions').set(juror.auth).expect(401);
      const again = await login(t, juror.email);
      await t.http().get('/api/jury/auditions').set(again.auth).expect(200);

      const audit = await t
        .http()
        .get('/api/audit')
        .query({ entity: 'user', entityId: juror.id, action: 'user.updated' })
        .set(staff.auth)
        .expect(200);
      expect(audit.body.items.map((r: { after: object }) => r.after)).toEqual([
        { role: 'juror', active: true },
        { role: 'juror', active: false },
      ]);
    });

    it('a changed role: the old token is refused, a new sign-in carries the new role', async () => {
      const juror = await createPerson(t, 'juror');
      await t.http().get('/api/jury/auditions').set(juror.auth).expect(200);
      await patch(staff, juror.id, { role: 'teacher' }).expect(200);
      await t.http().get('/api/jury/auditions').set(juror.auth).expect(401);
      await t.http().get('/api/me').set(juror.auth).expect(401);
      const teacher = await login(t, juror.email);
      expect(teacher.role).toBe('teacher');
      await t.http().get('/api/jury/auditions').set(teacher.auth).expect(403);
    });

    it('refusals: not staff 403, unknown user 404, own account 409, an applicant’s role 409, bad body 400', async () => {
      const juror = await createPerson(t, 'juror');
      const applicant = await registerApplicant(t);
      await patch(juror, juror.id, { active: false }).expect(403);
      await patch(staff, randomUUID(), { active: false }).expect(404);
      const self = await patch(staff, staff.id, { active: false }).expect(409);
      expect(self.body.message).toMatch(/your own account/);
      await patch(staff, applicant.id, { role: 'staff' }).expect(409);
      const bad = await patch(staff, juror.id, { role: 'applicant' }).expect(400);
      expect(bad.body.message).toMatch(/role must be one of juror, teacher, staff/);
      await patch(staff, juror.id, { active: 'no' }).expect(400);
      // Nothing changed: the juror's token still works.
      await t.http().get('/api/jury/auditions').set(juror.auth).expect(200);
    });

    it('across API processes: a cached user is dropped at once by the broadcast, not after the cache lifetime', async () => {
      // A second API process that would trust its cache for a minute.
      const other = await startApp({ env: { AUTH_USER_CACHE_MS: '60000' } });
      try {
        const juror = await createPerson(t, 'juror');
        const db = t.app.get(DataSource);
        await other.http().get('/api/jury/auditions').set(juror.auth).expect(200);
        // The common case needs no database: a change behind the service's back goes unnoticed while cached.
        await db.query('UPDATE users SET active = false WHERE id = $1', [juror.id]);
        await other.http().get('/api/jury/auditions').set(juror.auth).expect(200);
        await db.query('UPDATE users SET active = true WHERE id = $1', [juror.id]);
        // Staff deactivate through the first process: the second refuses within moments (pub/sub), not a minute.
        await patch(staff, juror.id, { active: false }).expect(200);
        await eventually(() => other.http().get('/api/jury/auditions').set(juror.auth), 401, 5000);
      } finally {
        await other.close();
      }
    });

    it('without the broadcast (e.g. Redis away), the cache lifetime bounds a stale answer', async () => {
      const other = await startApp({ env: { AUTH_USER_CACHE_MS: '500' } });
      try {
        const juror = await createPerson(t, 'juror');
        await other.http().get('/api/jury/auditions').set(juror.auth).expect(200);
        await t.app.get(DataSource).query('UPDATE users SET active = false WHERE id = $1', [juror.id]);
        await eventually(() => other.http().get('/api/jury/auditions').set(juror.auth), 401);
      } finally {
        await other.close();
      }
    });
  });

  it('staff invites a juror → the invitation is accepted once → the juror signs in; a second use → 409', async () => {
    const email = uniqueEmail('censor');
    const created = await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email, name: 'Lars Censor', role: 'juror' })
      .expect(201);
    expect(created.body).toMatchObject({ email, role: 'juror', invitationExpiresAt: expect.any(String) });
    expect(JSON.stringify(created.body)).not.toMatch(/token/i);

    // The raw token only travels in the invitation e-mail; here it comes from the service that made it.
    const issued = await t.app
      .get(AccountsService)
      .invite(null, { email: uniqueEmail('censor2'), name: 'Eva', role: 'juror' });
    await t
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: issued.token, password: PASSWORD })
      .expect(200);
    const again = await t
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: issued.token, password: PASSWORD })
      .expect(409);
    expect(again.body.message).toMatch(/already been used/);
    const juror = await login(t, issued.user.email);
    expect(juror.role).toBe('juror');
    await t
      .http()
      .post('/api/auth/accept-invitation')
      .send({ token: 'made-up', password: PASSWORD })
      .expect(400);
  });

  it('an expired invitation → 409', async () => {
    const issued = await t.app
      .get(AccountsService)
      .invite(null, { email: uniqueEmail('late'), name: 'Late', role: 'teacher' });
    await t
      .http()
      .put('/api/test/clock')
      .send({ now: new Date(Date.now() + 73 * 3600_000).toISOString() })
      .expect(200);
    try {
      const res = await t
        .http()
        .post('/api/auth/accept-invitation')
        .send({ token: issued.token, password: PASSWORD })
        .expect(409);
      expect(res.body.message).toMatch(/expired/);
    } finally {
      await t.http().delete('/api/test/clock').expect(200);
    }
  });

  it('inviting an applicant or an existing e-mail is refused', async () => {
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: uniqueEmail('x'), name: 'X', role: 'applicant' })
      .expect(400);
    await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: staff.email.toUpperCase(), name: 'X', role: 'juror' })
      .expect(409);
  });

  it('the invitation is audited; staff list the audit trail by entity', async () => {
    const created = await t
      .http()
      .post('/api/users')
      .set(staff.auth)
      .send({ email: uniqueEmail('aud'), name: 'Aud', role: 'teacher' })
      .expect(201);
    const res = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'user', entityId: created.body.id })
      .set(staff.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      total: 1,
      items: [{ action: 'user.invited', actorId: staff.id, entityId: created.body.id }],
    });
  });

  describe('role matrix of the accounts endpoints', () => {
    const roles = ['anonymous', 'applicant', 'juror', 'teacher', 'staff'] as const;
    let people: Record<string, Person | undefined>;
    beforeAll(async () => {
      people = {
        anonymous: undefined,
        applicant: await registerApplicant(t),
        juror: await createPerson(t, 'juror'),
        teacher: await createPerson(t, 'teacher'),
        staff,
      };
    });

    const cases: Array<{
      route: string;
      call: (p?: Person) => Promise<{ status: number }>;
      expected: Record<(typeof roles)[number], number>;
    }> = [
      {
        route: 'GET /api/me',
        call: (p) =>
          t
            .http()
            .get('/api/me')
            .set(p ? p.auth : {}),
        expected: { anonymous: 401, applicant: 200, juror: 200, teacher: 200, staff: 200 },
      },
      {
        route: 'POST /api/users',
        call: (p) =>
          t
            .http()
            .post('/api/users')
            .set(p ? p.auth : {})
            .send({ email: uniqueEmail('m'), name: 'M', role: 'juror' }),
        expected: { anonymous: 401, applicant: 403, juror: 403, teacher: 403, staff: 201 },
      },
      {
        route: 'GET /api/audit',
        call: (p) =>
          t
            .http()
            .get('/api/audit')
            .set(p ? p.auth : {}),
        expected: { anonymous: 401, applicant: 403, juror: 403, teacher: 403, staff: 200 },
      },
      {
        route: 'POST /api/auth/login',
        call: () =>
          t
            .http()
            .post('/api/auth/login')
            .send({ email: uniqueEmail('no'), password: 'x' }),
        expected: { anonymous: 401, applicant: 401, juror: 401, teacher: 401, staff: 401 },
      },
      {
        route: 'POST /api/auth/register',
        call: () =>
          t
            .http()
            .post('/api/auth/register')
            .send({ email: uniqueEmail('r'), password: PASSWORD, name: 'R', birthDate: '2004-01-01' }),
        expected: { anonymous: 201, applicant: 201, juror: 201, teacher: 201, staff: 201 },
      },
    ];

    it.each(cases.flatMap((c) => roles.map((role) => [c.route, role, c.expected[role], c] as const)))(
      '%s as %s → %i',
      async (_route, role, expected, c) => {
        const res = await c.call(people[role]);
        expect(res.status).toBe(expected);
      },
    );
  });
});

describe('rate limits', () => {
  it('the 11th rapid login attempt from one address gets 429', async () => {
    const t = await startApp({
      env: { THROTTLE_AUTH_LIMIT: '10', QUEUE_PREFIX: `academy-test-rl-${Date.now()}` },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push(
          (await t.http().post('/api/auth/login').send({ email: 'x@example.dk', password: 'whatever-wrong' }))
            .status,
        );
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      const res = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'x@example.dk', password: 'whatever-wrong' })
        .expect(429);
      expect(res.body).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringContaining('Too many'),
      });
    } finally {
      await t.close();
    }
  });
});

describe('the password hash never leaves the server', () => {
  it('appears in no response body and no log line of the real process', async () => {
    const port = 38000 + Math.floor(Math.random() * 1000);
    const child = spawn('node', ['dist/src/main.js'], {
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'trace', RUN_MIGRATIONS: '0', APP_ROLE: 'api' },
    });
    let logs = '';
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (
        let i = 0;
        i < 100 &&
        !(await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      ) {
        await new Promise((r) => setTimeout(r, 200));
      }
      const email = uniqueEmail('logcheck');
      const password = 'hemmeligt kodeord 4711';
      const bodies: string[] = [];
      const post = async (path: string, body: object, token?: string) => {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        bodies.push(text);
        return JSON.parse(text);
      };
      await post('/api/auth/register', { email, password, name: 'Log Check', birthDate: '2004-01-01' });
      const { accessToken } = await post('/api/auth/login', { email, password });
      await post('/api/auth/login', { email, password: 'wrong wrong wrong' });
      const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      bodies.push(await me.text());
      await new Promise((r) => setTimeout(r, 300));

      expect(logs).toContain('/api/auth/login'); // the request logs were captured
      for (const text of [logs, ...bodies]) {
        expect(text).not.toContain('scrypt$');
        expect(text).not.toContain(password);
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('npm run staff:create', () => {
  it('on an empty database creates a staff user who can sign in and invite others', async () => {
    const url = `${process.env.DATABASE_URL}_cli`;
    const { ensureDatabase } = await import('../src/database/migrate.js');
    await ensureDatabase(url, { recreate: true });
    const email = uniqueEmail('first-staff');
    const cli = spawnSync('node', ['dist/scripts/staff-create.js', email, 'Første Medarbejder'], {
      env: { ...process.env, DATABASE_URL: url },
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
    });
    expect(cli.stderr).not.toMatch(/error/i);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`Created staff account ${email}`);

    const link = spawnSync('node', ['dist/scripts/staff-create.js', uniqueEmail('second-staff'), 'Anden'], {
      env: { ...process.env, DATABASE_URL: url },
      input: '',
      encoding: 'utf8',
    });
    expect(link.stdout).toMatch(/accept-invitation\?token=[\w-]{40,}/);

    const t = await startApp({ env: { DATABASE_URL: url } });
    try {
      const staff = await login(t, email);
      expect(staff.role).toBe('staff');
      await t
        .http()
        .post('/api/users')
        .set(staff.auth)
        .send({ email: uniqueEmail('j'), name: 'J', role: 'juror' })
        .expect(201);
    } finally {
      await t.close();
    }
  });

  it('runs the built script of an installed deployment without rebuilding it (a running server keeps its dist/)', async () => {
    const url = `${process.env.DATABASE_URL}_cli`;
    const { ensureDatabase } = await import('../src/database/migrate.js');
    await ensureDatabase(url);
    // A file of the running build: `npm run build` (rm -rf dist && tsc) would delete it.
    const marker = join('dist', `.running-${randomUUID()}`);
    writeFileSync(marker, 'a server runs from this build');
    try {
      const email = uniqueEmail('cli-staff');
      const cli = spawnSync('npm', ['run', '--silent', 'staff:create', '--', email, 'Tredje Medarbejder'], {
        env: { ...process.env, DATABASE_URL: url },
        input: '',
        encoding: 'utf8',
      });
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain(`Created staff account ${email}`);
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(marker, { force: true });
    }
  });
});
