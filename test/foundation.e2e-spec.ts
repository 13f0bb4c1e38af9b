import { Controller, Get } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { Public } from '../src/common/auth.js';
import { Clock } from '../src/common/clock.js';
import { startApp, type TestApp } from './helpers/app.js';

@Public()
@Controller('api/test-boom')
class BoomController {
  @Get()
  boom(): never {
    throw new Error('secret internals at /srv/app/db.ts:42');
  }
}

describe('foundation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ controllers: [BoomController] });
  });
  afterAll(() => t.close());

  it('GET /health is 200 with database and Redis up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves the OpenAPI description', async () => {
    await t.http().get('/api/docs').expect(200);
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/health']).toBeDefined();
  });

  it('an unknown field gives 400 in the documented error shape', async () => {
    const res = await t
      .http()
      .put('/api/test/clock')
      .send({ now: '2027-01-01T00:00:00Z', colour: 'red' })
      .expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('colour'),
      details: [{ field: 'colour', messages: [expect.any(String)] }],
    });
    expect(res.body.requestId).toEqual(expect.any(String));
  });

  it('malformed JSON gives 400, not 500', async () => {
    const res = await t
      .http()
      .put('/api/test/clock')
      .set('content-type', 'application/json')
      .send('{"now":')
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('an unexpected error gives 500 with the request id and nothing internal', async () => {
    const res = await t.http().get('/api/test-boom').set('x-request-id', 'req-42').expect(500);
    expect(res.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: expect.any(String),
      requestId: 'req-42',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret internals|db\.ts|at /);
    expect(res.headers['x-request-id']).toBe('req-42');
  });

  it('the test clock moves, reads back and resets; the domain clock follows it', async () => {
    const moved = await t.http().put('/api/test/clock').send({ now: '2027-02-01T22:58:00Z' }).expect(200);
    expect(Date.parse(moved.body.now)).toBeGreaterThanOrEqual(Date.parse('2027-02-01T22:58:00Z'));
    const read = await t.http().get('/api/test/clock').expect(200);
    expect(Math.abs(Date.parse(read.body.now) - Date.parse('2027-02-01T22:58:00Z'))).toBeLessThan(5000);

    const deadline = new Date('2027-02-01T22:59:00Z');
    const clock = t.app.get(Clock);
    expect(clock.now() < deadline).toBe(true);
    await t.http().put('/api/test/clock').send({ now: '2027-02-01T23:00:00Z' }).expect(200);
    expect(clock.now() < deadline).toBe(false);

    await t.http().put('/api/test/clock').send({ now: '2027-02-01T22:58:59Z', frozen: true }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clock.now().toISOString()).toBe('2027-02-01T22:58:59.000Z');

    const reset = await t.http().delete('/api/test/clock').expect(200);
    expect(Math.abs(Date.parse(reset.body.now) - Date.now())).toBeLessThan(5000);
  });
});

describe('foundation without TEST_CLOCK', () => {
  it('has no test clock route', async () => {
    const t = await startApp({ env: { TEST_CLOCK: '0' } });
    try {
      await t.http().get('/api/test/clock').expect(404);
      await t.http().put('/api/test/clock').send({ now: '2027-01-01T00:00:00Z' }).expect(404);
    } finally {
      await t.close();
    }
  });
});

describe('health with Redis unreachable', () => {
  it('answers 503 naming Redis as down', async () => {
    const t = await startApp({
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      role: { http: true, worker: false },
    });
    try {
      const res = await t.http().get('/health').expect(503);
      expect(res.body.error.redis.status).toBe('down');
      expect(res.body.details.database.status).toBe('up');
    } finally {
      await t.close();
    }
  });
});

describe('start-up configuration', () => {
  const start = (env: Record<string, string>) =>
    spawnSync('node', ['dist/src/main.js'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 20000,
    });

  it.each([
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://localhost/academy' }, 'DATABASE_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ TEST_CLOCK: '1', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, 'TEST_CLOCK'],
  ])('%j exits non-zero with one line naming %s', (env, name) => {
    const result = start(env);
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(result.stdout).toBe('');
  });
});
