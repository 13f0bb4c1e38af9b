import { log, pool, round, type Bench, type StepFigures } from './harness.js';

/**
 * The web pages beside the JSON API for the same data, at the bench's concurrency (32 in flight): an applicant's
 * `/applications/:id` (signed in with a cookie session, as a browser) beside `GET /api/applications/:id` (bearer
 * token), and the front page `/` beside `GET /api/intakes?open=true` (a visitor). Each pair's ratio page/JSON at
 * p50 and p99 says what rendering a page costs over answering JSON.
 */
export interface PageComparison {
  page: string;
  json: string;
  requests: number;
  pagePerSecond: number;
  jsonPerSecond: number;
  pageP50: number;
  pageP99: number;
  jsonP50: number;
  jsonP99: number;
  ratioP50: number;
  ratioP99: number;
}

interface SignedInApplicant {
  email: string;
  token?: string;
  applicationId?: string;
}

/** Requests per row: BENCH_PAGE_REQUESTS, by default 2,000 (or 10 per applicant at a small scale). */
const requestsFor = (applicants: number) =>
  Number(process.env.BENCH_PAGE_REQUESTS ?? Math.min(2000, Math.max(200, applicants * 10)));

export async function pageRows(
  bench: Bench,
  applicants: SignedInApplicant[],
  password: string,
): Promise<PageComparison[]> {
  const site = bench.base.replace(/\/api$/, '');
  const people = applicants.filter((a) => a.token && a.applicationId).slice(0, 64);
  const sessions = await Promise.all(people.map((a) => browserSession(site, a.email, password)));
  const n = requestsFor(applicants.length);
  const rows: PageComparison[] = [];

  const pick = (i: number) => ({ person: people[i % people.length], cookie: sessions[i % people.length] });
  rows.push(
    await pair(bench, n, {
      page: 'page GET /applications/:id',
      json: 'api GET /api/applications/:id',
      pageRequest: (i) => {
        const { person, cookie } = pick(i);
        return [`${site}/applications/${person.applicationId}`, { headers: { cookie } }];
      },
      jsonRequest: (i) => {
        const { person } = pick(i);
        return [
          `${site}/api/applications/${person.applicationId}`,
          { headers: { authorization: `Bearer ${person.token}` } },
        ];
      },
    }),
  );
  rows.push(
    await pair(bench, n, {
      page: 'page GET /',
      json: 'api GET /api/intakes?open=true',
      pageRequest: () => [`${site}/`, {}],
      jsonRequest: () => [`${site}/api/intakes?open=true`, {}],
    }),
  );
  return rows;
}

type Request = (i: number) => [string, RequestInit];

/** The page and its JSON, each `n` times at the bench's concurrency (after a short warm-up), as two steps. */
async function pair(
  bench: Bench,
  n: number,
  spec: { page: string; json: string; pageRequest: Request; jsonRequest: Request },
): Promise<PageComparison> {
  const timed = async (name: string, request: Request): Promise<StepFigures> => {
    await pool(
      Array.from({ length: 50 }, (_, i) => i),
      (i) => send(request(i)),
      bench.concurrency,
    );
    const step = bench.begin(name);
    await pool(
      Array.from({ length: n }, (_, i) => i),
      async (i) => {
        const [url, init] = request(i);
        const start = performance.now();
        const res = await send([url, init]);
        step.record(performance.now() - start, res.status, `GET ${url}`, res.body);
      },
      bench.concurrency,
    );
    return step.end();
  };
  const json = await timed(spec.json, spec.jsonRequest);
  const page = await timed(spec.page, spec.pageRequest);
  const row = {
    page: spec.page,
    json: spec.json,
    requests: n,
    pagePerSecond: page.perSecond,
    jsonPerSecond: json.perSecond,
    pageP50: page.p50,
    pageP99: page.p99,
    jsonP50: json.p50,
    jsonP99: json.p99,
    ratioP50: round(page.p50 / Math.max(json.p50, 0.1), 2),
    ratioP99: round(page.p99 / Math.max(json.p99, 0.1), 2),
  };
  log(`  ${spec.page} / ${spec.json}: p50 ×${row.ratioP50}, p99 ×${row.ratioP99}`);
  return row;
}

async function send([url, init]: [string, RequestInit]): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual' });
    const body = await res.text();
    // A page that answers anything but itself (a redirect to /login, an error page) is not the page measured.
    return { status: res.status, body: res.status === 200 ? '' : body };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

/** Signs in through /login as a browser does (visitor cookie and form token, then the session cookie). */
async function browserSession(site: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${site}/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('no form token on /login');
  const res = await fetch(`${site}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  if (res.status !== 303) throw new Error(`page sign-in of ${email}: ${res.status}`);
  return cookiesOf(res);
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** The rows as a Markdown table for the summary. */
export function pagesTable(rows: PageComparison[]): string[] {
  return [
    `| page | JSON beside it | requests | page req/s | page p50 / p99 ms | JSON req/s | JSON p50 / p99 ms | page/JSON p50 | page/JSON p99 |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map(
      (r) =>
        `| ${r.page} | ${r.json} | ${r.requests} | ${r.pagePerSecond} | ${r.pageP50} / ${r.pageP99} | ${r.jsonPerSecond} | ${r.jsonP50} / ${r.jsonP99} | ${r.ratioP50} | ${r.ratioP99} |`,
    ),
  ];
}
