import fc from 'fast-check';
import { AUTHORIZATION_MATRIX, type Expected, type MatrixRole } from './authorization-matrix.js';
import { DataSource } from 'typeorm';
import type { Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { discoverRoutes, fillPath, type Route } from './helpers/routes.js';
import { World } from './helpers/world.js';

/*
 * Random bodies, ids and query strings at every route of the running app (read from its OpenAPI document),
 * as nobody, an applicant, a juror and staff. Properties: never a 5xx; a 4xx changes no row in any table.
 * Bounded: PROPERTY_RUNS requests (default 600, a few seconds). A failure prints fast-check's seed; rerun it with
 * PROPERTY_SEED=<seed>. The app runs without workers, so only these requests write to the database.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 600);
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined;

/** Moving the shared test clock would disturb the fixture: only its GET is thrown at. */
const excluded = (route: Route) => route.path === '/api/test/clock' && route.method !== 'GET';

type Actor = 'anonymous' | 'applicant' | 'juror' | 'staff';

interface Sample {
  route: Route;
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

describe('every route, random input (fast-check)', () => {
  let t: TestApp;
  let world: World;
  let routes: Route[];
  let db: DataSource;
  let tables: string[];
  let owner: Person;
  let knownIds: string[];
  const bodyFields = new Map<string, string[]>();

  beforeAll(async () => {
    t = await startApp({ role: { http: true, worker: false } });
    db = t.app.get(DataSource);
    world = await new World(t).build();
    routes = (await discoverRoutes(t)).filter((r) => !excluded(r));
    const scheduled = await world.scheduled();
    owner = scheduled.owner;
    const request = await world.rescheduleRequest();
    // Objects of the later rooms too: a scored and a locked audition, an open offer and its intake, students, a
    // project under way with its milestones.
    const [scored, locked, offer, offersIntake, student, project] = [
      await world.scored(),
      await world.locked(),
      await world.offer(),
      await world.offersIntake(),
      await world.student(1),
      await world.project('approved'),
    ];
    knownIds = [
      scored.auditionId,
      locked.auditionId,
      offer.id,
      offer.applicationId,
      offersIntake.id,
      student.id,
      project.id,
      project.studentId,
      project.milestoneId,
      world.teacher.id,
      world.jurorOnPanel.id,
      world.mgk.id,
      world.tgk.id,
      world.roundId,
      world.panelId,
      scheduled.applicationId,
      scheduled.auditionId,
      scheduled.materialId,
      request.id,
      await world.freeSlot(),
      await world.notificationId(),
      world.staff.id,
      owner.id,
    ];
    tables = (
      await db.query<Array<{ table_name: string }>>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
          ORDER BY table_name`,
      )
    ).map((r) => r.table_name);
    // The DTO's field names from the document: random values under real keys get past the whitelist.
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const route of routes) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      const content = op.requestBody?.content ?? {};
      const schema = (content['application/json'] ?? content['multipart/form-data'])?.schema;
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      bodyFields.set(route.key, Object.keys(resolved?.properties ?? {}));
    }
  }, 120000);
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  /**
   * Row count and a hash of every row, per table: any insert, update or delete changes it. A file's chunks are
   * never updated, so their keys and lengths show a write without hashing megabytes of every file each time.
   */
  async function snapshot(): Promise<Map<string, string>> {
    const row = (table: string) =>
      table === 'material_chunks' ? '(x.material_id, x.n, length(x.data))' : 'x';
    const rows = await db.query<Array<{ t: string; n: string; h: string | null }>>(
      tables
        .map(
          (table) =>
            `SELECT '${table}' AS t, count(*)::text AS n, sum(hashtextextended(${row(table)}::text, 0))::text AS h FROM "${table}" x`,
        )
        .join(' UNION ALL '),
    );
    return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }

  const scalar = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(
      '',
      ' ',
      'x'.repeat(100_000),
      '../../etc/passwd',
      '%00',
      '1e308',
      '-1',
      'NaN',
      '{}',
      '[]',
    ),
    fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e300, -1e300, 0.5, -0),
    // Real ids (known once the fixture exists), so some input gets past validation to the rules.
    fc.nat().map((i) => knownIds[i % knownIds.length]),
  );
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 12 }), tie('v'), { maxKeys: 4 }),
    ),
  })).v;
  const pathValue = fc.oneof(
    fc.uuid(),
    fc.string({ maxLength: 50 }),
    fc.integer().map(String),
    fc.constantFrom(
      '',
      ' ',
      'null',
      'undefined',
      '..',
      '%',
      'x'.repeat(5000),
      '00000000-0000-0000-0000-000000000000',
    ),
    fc.constant('KNOWN'),
  );

  const sample = (route: Route): fc.Arbitrary<Sample> => {
    const fields = bodyFields.get(route.key) ?? [];
    const knownKey = fields.length ? fc.constantFrom(...fields) : fc.string({ maxLength: 12 });
    const body = fc.oneof(
      value,
      fc.dictionary(knownKey, value, { maxKeys: 6 }),
      fc.dictionary(fc.oneof(knownKey, fc.string({ maxLength: 12 })), value, { maxKeys: 6 }),
      fc.constant(undefined),
    );
    const queryKey = route.queryParams.length
      ? fc.oneof(fc.constantFrom(...route.queryParams.map((q) => q.name)), fc.string({ maxLength: 10 }))
      : fc.string({ maxLength: 10 });
    return fc.record({
      route: fc.constant(route),
      actor: allowedActors(route).length
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...allowedActors(route)) },
            { weight: 1, arbitrary: fc.constantFrom<Actor>('anonymous', 'applicant', 'juror', 'staff') },
          )
        : fc.constantFrom<Actor>('anonymous', 'applicant', 'juror', 'staff'),
      params: fc
        .tuple(...route.pathParams.map(() => fc.tuple(pathValue, fc.nat())))
        .map((values) =>
          Object.fromEntries(
            values.map(([v, i], n) => [
              route.pathParams[n],
              v === 'KNOWN' ? knownIds[i % knownIds.length] : v,
            ]),
          ),
        ),
      query: fc.dictionary(queryKey, fc.oneof(scalar, fc.array(fc.string(), { maxLength: 3 })), {
        maxKeys: 4,
      }),
      body,
    });
  };

  /** Mostly someone the authorisation matrix lets through, so the input gets past the guard to the rules. */
  const allowedActors = (route: Route): Actor[] => {
    const expected = AUTHORIZATION_MATRIX[route.key]?.expect ?? {};
    const actors = new Set<Actor>();
    for (const [role, status] of Object.entries(expected) as Array<[MatrixRole, Expected]>) {
      if (status !== '2xx' || role === 'teacher') continue;
      actors.add(
        role === 'anonymous' || role === 'staff'
          ? role
          : role === 'applicantOwner' || role === 'otherApplicant'
            ? 'applicant'
            : 'juror',
      );
    }
    return [...actors];
  };

  const headersFor = (actor: Actor) =>
    actor === 'anonymous'
      ? {}
      : actor === 'applicant'
        ? owner.auth
        : actor === 'juror'
          ? world.jurorOnPanel.auth
          : world.staff.auth;

  async function send(s: Sample) {
    let path: string;
    try {
      path = fillPath(s.route.path, s.params);
    } catch {
      path = s.route.path;
    }
    let req = t.http()[s.route.method.toLowerCase() as 'get'](path).set(headersFor(s.actor));
    // Query values as a client would send them (qs: arrays repeat the key, objects nest).
    req = req.query(JSON.parse(JSON.stringify(s.query)) as object);
    if (s.route.body === 'multipart' && s.body && typeof s.body === 'object' && !Array.isArray(s.body)) {
      for (const [name, v] of Object.entries(s.body))
        req = req.field(name, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      req = req.attach('file', PDF, 'random.pdf');
    } else if (s.body !== undefined) {
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(s.body));
    }
    return req;
  }

  it(`never answers 5xx and never changes a row when it answers 4xx (${RUNS} requests)`, async () => {
    // The detector detects: a write the API acknowledges changes the snapshot.
    const probe = await snapshot();
    await t
      .http()
      .post('/api/users')
      .set(world.staff.auth)
      .send({ email: `probe-${Date.now()}@example.dk`, name: 'Probe', role: 'teacher' })
      .expect(201);
    expect(await snapshot()).not.toEqual(probe);

    const statuses = new Map<number, number>();
    let before = await snapshot();
    const started = Date.now();
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom(...routes).chain((route) => sample(route)),
          async (s) => {
            const res = await send(s);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const after = await snapshot();
            const changed = [...after]
              .filter(([table, sig]) => before.get(table) !== sig)
              .map(([table]) => table);
            before = after;
            const describe = () =>
              `${s.route.key} as ${s.actor} → ${res.status} ${res.text?.slice(0, 200)}\n  params ${JSON.stringify(s.params).slice(0, 200)}\n  query ${JSON.stringify(s.query).slice(0, 200)}\n  body ${JSON.stringify(s.body)?.slice(0, 300)}`;
            if (res.status >= 500) failures.push(`5xx: ${describe()}`);
            else if (res.status >= 400 && changed.length)
              failures.push(`4xx changed ${changed.join(', ')}: ${describe()}`);
            return failures.length === 0;
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: 0 },
      )
      .catch((error: Error) => {
        const cause = (error.cause as Error | undefined)?.message ?? '';
        throw new Error(
          `${failures.join('\n')}\n${error.message.split('\n').slice(0, 4).join('\n')}\n${cause}`,
        );
      });
    process.stdout.write(
      `property: ${RUNS} requests over ${routes.length} routes in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    // The random input must reach past authentication sometimes, or the test proves little.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
  }, 180000);
});
