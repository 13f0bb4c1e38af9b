import {
  PAGE_MATRIX,
  PAGE_ROLES,
  type PageCall,
  type PageExpected,
  type PageRole,
} from './page-authorization-matrix.js';
import type { Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { discoverPageRoutes, pageClient, type PageClient, type PageRoute } from './helpers/pages.js';
import { World } from './helpers/world.js';

/** Every page route of the running app × who is asking: what each gets (table in page-authorization-matrix.ts). */
describe('page authorisation matrix', () => {
  let t: TestApp;
  let world: World;
  let routes: PageRoute[];
  const clients = new Map<Person | undefined, PageClient>();

  beforeAll(async () => {
    t = await startApp();
    world = await new World(t).build();
    routes = discoverPageRoutes(t);
  }, 120000);
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  it('has an entry for every page route (a new page needs one), and none for a page that is gone', () => {
    const served = routes.map((r) => r.key);
    expect(served.filter((key) => !(key in PAGE_MATRIX))).toEqual([]);
    expect(Object.keys(PAGE_MATRIX).filter((key) => !served.includes(key))).toEqual([]);
    expect(served).toContain('GET /login');
  });

  it('every role gets the expected answer on every page', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const entry = PAGE_MATRIX[route.key];
      if (!entry) continue; // reported by the test above
      for (const role of PAGE_ROLES) {
        const call: PageCall = (await entry.request?.(world, role)) ?? {};
        const got = await send(route, call, personFor(role, call));
        if (!matches(got, entry.expect[role])) {
          mismatches.push(
            `${route.key} as ${role}: expected ${entry.expect[role]}, got ${got.status}${got.location ? ` → ${got.location}` : ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300000);

  function personFor(role: PageRole, call: PageCall): Person | undefined {
    switch (role) {
      case 'anonymous':
        return undefined;
      case 'applicantOwner':
        return call.owner ?? world.otherApplicant;
      case 'otherApplicant':
        return world.otherApplicant;
      case 'juror':
        return world.jurorOnPanel;
      case 'teacher':
        return world.teacher;
      case 'staff':
        return world.staff;
    }
  }

  /** A signed-in page client per person, made once (signing in again each time would be slow). */
  async function clientOf(person?: Person): Promise<PageClient> {
    let client = clients.get(person);
    if (!client) {
      client = await pageClient(t, person);
      clients.set(person, client);
    }
    return client;
  }

  async function send(route: PageRoute, call: PageCall, person?: Person) {
    // A form action may end the session (sign-out): such calls get a client of their own.
    const client = route.method === 'POST' ? await pageClient(t, person) : await clientOf(person);
    const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      if (!call.params?.[name]) throw new Error(`no value for :${name} of ${route.key}`);
      return encodeURIComponent(call.params[name]);
    });
    const res =
      route.method === 'GET'
        ? await client.agent.get(path).query(call.query ?? {})
        : await client.csrf().then((token) =>
            client.agent
              .post(path)
              .query(call.query ?? {})
              .type('form')
              .send({ _csrf: token, ...call.form }),
          );
    return { status: res.status, location: res.headers.location as string | undefined, path };
  }
});

function matches(got: { status: number; location?: string; path: string }, expected: PageExpected): boolean {
  if (expected === 'login') return got.status === 303 && !!got.location?.startsWith('/login?next=');
  return got.status === expected;
}
