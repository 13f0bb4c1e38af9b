import { SmtpSink } from '../scripts/smtp-sink.js';
import {
  AUTHORIZATION_MATRIX,
  MATRIX_ROLES,
  type Call,
  type Expected,
  type MatrixRole,
} from './authorization-matrix.js';
import { ACCOUNT_MAILS, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { discoverRoutes, fillPath, type Route } from './helpers/routes.js';
import { World } from './helpers/world.js';

/** Every route of the running app × every role: the status each gets (table in authorization-matrix.ts). */
describe('authorisation matrix', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let world: World;
  let routes: Route[];

  beforeAll(async () => {
    sink = new SmtpSink().ignoreTypes(ACCOUNT_MAILS);
    const port = await sink.start(0);
    t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    world = await new World(t).build();
    routes = await discoverRoutes(t);
  }, 120000);
  afterAll(async () => {
    await resetClock(t);
    await t.close();
    await sink.stop();
  });

  it('has an entry for every route of the OpenAPI document (a new route needs one), and none for a route that is gone', () => {
    const documented = routes.map((r) => r.key);
    expect(documented.filter((key) => !(key in AUTHORIZATION_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((key) => !documented.includes(key))).toEqual([]);
    expect(documented.length).toBeGreaterThan(30);
  });

  it('every role gets the expected status on every route', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const entry = AUTHORIZATION_MATRIX[route.key];
      if (!entry) continue; // reported by the test above
      for (const role of MATRIX_ROLES) {
        const call: Call = (await entry.request?.(world, role)) ?? {};
        const status = await send(route, call, personFor(role, call));
        if (entry.after) await entry.after(world);
        if (!matches(status.status, entry.expect[role])) {
          mismatches.push(
            `${route.key} as ${role}: expected ${entry.expect[role]}, got ${status.status} ${status.text.slice(0, 160)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300000);

  function personFor(role: MatrixRole, call: Call): Person | undefined {
    switch (role) {
      case 'anonymous':
        return undefined;
      case 'applicantOwner':
        return call.owner ?? world.otherApplicant; // a route without an object: any applicant
      case 'otherApplicant':
        return world.otherApplicant;
      case 'jurorOnPanel':
        return world.jurorOnPanel;
      case 'jurorOffPanel':
        return world.jurorOffPanel;
      case 'recusedJuror':
        return world.recusedJuror;
      case 'teacher':
        return world.teacher;
      case 'staff':
        return world.staff;
    }
  }

  async function send(route: Route, call: Call, person?: Person) {
    const path = fillPath(route.path, call.params ?? {});
    let req = t.http()[route.method.toLowerCase() as 'get'](path);
    if (person) req = req.set(person.auth);
    if (call.query) req = req.query(call.query);
    if (call.multipart) {
      for (const [name, value] of Object.entries(call.multipart.fields)) req = req.field(name, value);
      req = req.attach('file', call.multipart.file.bytes, call.multipart.file.name);
    } else if (call.body !== undefined) {
      req = req.send(call.body as object);
    }
    const res = await req;
    return { status: res.status, text: res.text ?? '' };
  }
});

function matches(status: number, expected: Expected): boolean {
  return expected === '2xx' ? status >= 200 && status < 300 : status === expected;
}
