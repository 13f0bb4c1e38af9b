import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS } from '../src/redis/redis.module.js';
import { startApp, type TestApp } from './helpers/app.js';
import { uniqueEmail } from './helpers/accounts.js';
import { PDF } from './helpers/files.js';
import { draftApplication } from './helpers/materials.js';
import { resetClock } from './helpers/catalogue.js';

/** Rate limits behind the academy's reverse proxy (issue 15 item 4). Each app gets a Redis prefix of its own. */
const limited = (env: Record<string, string> = {}) =>
  startApp({
    env: {
      THROTTLE_AUTH_LIMIT: '3',
      THROTTLE_ACCOUNT_LIMIT: '5',
      TRUST_PROXY: '1',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-rl-${randomUUID().slice(0, 8)}`,
      ...env,
    },
  });

const attempt = (t: TestApp, from: string, email = uniqueEmail('nobody')) =>
  t.http().post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: 'not the password' });

describe('rate limits behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await limited();
  });
  afterAll(() => t.close());

  it('counts per client address as the proxy saw it: one client running out does not lock out another', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(t, '198.51.100.1')).status).toBe(401);
    const refused = await attempt(t, '198.51.100.1');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Too many attempts from your network; wait \d+ seconds/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another client behind the same proxy (the same socket address) still signs in.
    expect((await attempt(t, '198.51.100.2')).status).toBe(401);
  });

  it('buckets IPv6 by /64: the addresses of one network share a bucket, the next network has its own', async () => {
    for (let i = 1; i <= 3; i++) expect((await attempt(t, `2001:db8:aa:1::${i}`)).status).toBe(401);
    expect((await attempt(t, '2001:db8:aa:1:ffff:ffff:ffff:fffe')).status).toBe(429);
    expect((await attempt(t, '2001:db8:aa:2::1')).status).toBe(401);
  });

  it('counts per account as well: many addresses against one e-mail get 429 for that account only', async () => {
    const victim = uniqueEmail('target');
    for (let i = 1; i <= 5; i++) expect((await attempt(t, `203.0.113.${i}`, victim)).status).toBe(401);
    const refused = await attempt(t, '203.0.113.99', victim.toUpperCase());
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/for this account/);
    // The same fresh address may still try another account.
    expect((await attempt(t, '203.0.113.99')).status).toBe(401);
  });

  it('without TRUST_PROXY a forwarded address is not believed (a client cannot pick its own bucket)', async () => {
    const direct = await limited({ TRUST_PROXY: '' });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt(direct, `192.0.2.${i}`)).status).toBe(401);
      expect((await attempt(direct, '192.0.2.200')).status).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('while Redis is away each process still limits on its own rather than not at all', async () => {
    const cut = await limited();
    try {
      cut.app.get<Redis>(REDIS).disconnect(); // the shared connection the limits are counted on
      for (let i = 0; i < 3; i++) expect((await attempt(cut, '198.51.100.50')).status).toBe(401);
      expect((await attempt(cut, '198.51.100.50')).status).toBe(429);
      expect((await attempt(cut, '198.51.100.51')).status).toBe(401);
    } finally {
      await cut.close();
    }
  });

  it('uploads are limited per user', async () => {
    const up = await limited({ THROTTLE_UPLOAD_LIMIT: '2' });
    try {
      const draft = await draftApplication(up);
      const upload = () =>
        up
          .http()
          .post(`/api/applications/${draft.id}/materials`)
          .set(draft.owner.auth)
          .field('kind', 'cv')
          .attach('file', PDF, 'cv.pdf');
      expect((await upload()).status).toBe(201);
      expect((await upload()).status).toBe(201);
      const refused = await upload();
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(/Too many attempts to upload/);
      await resetClock(up);
    } finally {
      await up.close();
    }
  });
});
