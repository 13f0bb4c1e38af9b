import request from 'supertest';
import { isPagePath } from '../../src/web/errors.js';
import { PASSWORD, type Person } from './accounts.js';
import type { TestApp } from './app.js';

/** One page route of the running app, read from its router, e.g. `GET /applications/:id`. */
export interface PageRoute {
  method: 'GET' | 'POST';
  path: string;
  key: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every page route the app serves (everything outside /api and /health), from Express's router. */
export function discoverPageRoutes(t: TestApp): PageRoute[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router;
  const routes = new Map<string, PageRoute>();
  for (const layer of router.stack) {
    if (!layer.route) continue;
    for (const path of [layer.route.path].flat()) {
      // Not a page: the API, and catch-all routes (`{/*splat}`) of the framework.
      if (!isPagePath(path) || path.includes('*')) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        const upper = method.toUpperCase();
        if (!on || (upper !== 'GET' && upper !== 'POST')) continue;
        const key = `${upper} ${path}`;
        routes.set(key, { method: upper, path, key });
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The CSRF token of the first form on a page's HTML. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field on the page');
  return match[1];
}

/** A browser-like client (cookies kept) of the pages, signed in as `person` through /login when given. */
export interface PageClient {
  agent: ReturnType<typeof request.agent>;
  /** A fresh CSRF token of this client (read from a form of `from`, by default the sign-in page or /). */
  csrf: (from?: string) => Promise<string>;
  /** Posts a form with this client's CSRF token. */
  post: (path: string, fields?: Record<string, string>) => Promise<request.Response>;
  /** `academy_session=<id>` as signing in set it (a replay of it tests that a session really ended). */
  sessionCookie?: string;
}

export async function pageClient(t: TestApp, person?: Person, password = PASSWORD): Promise<PageClient> {
  const agent = request.agent(t.app.getHttpServer());
  const csrf = async (from = '/login') => csrfOf((await agent.get(from)).text);
  // The token first: the agent attaches its cookies when a request is made, so the post must come after it.
  const post = async (path: string, fields: Record<string, string> = {}) => {
    const token = await csrf();
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: token, ...fields });
  };
  if (person) {
    const res = await post('/login', { email: person.email, password });
    if (res.status !== 303) throw new Error(`page sign-in failed: ${res.status} ${res.text.slice(0, 200)}`);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const sessionCookie = /academy_session=[^;]+/.exec(cookies.join('\n'))?.[0];
    return { agent, csrf, post, sessionCookie };
  }
  return { agent, csrf, post };
}
