import pg from 'pg';
import { hashPassword } from '../src/accounts/password.js';
import { weightedScore } from '../src/jury/ranking.js';
import { log, pool, prng, round, waitFor, type Bench, type Stack } from './harness.js';
import { pageRows } from './pages.js';
import type { BenchResult } from './report.js';
import { storageRows } from './storage.js';

/**
 * The admission year of `npm run bench`, step by step through the HTTP API: the catalogue; jurors invited,
 * taking their link from the e-mail; applicants registering, logging in, drafting, uploading and submitting in
 * the last hour; three rounds per track (panels, slots, scheduling, scores, results, rankings, advancing); the
 * decision proposal, results day, offers answered and expired; then e-mail until every due one is sent.
 * Bare `pg` is timed beside the submit and the score writes. Every figure goes to the bench's steps.
 */

export const YEAR = 2090;
export const PASSWORD = 'cello og kaffe om morgenen';
export const STAFF = { email: 'optagelse@bench.example', name: 'Bench Staff', password: PASSWORD };
const ADVANCE_SHARE = 0.4;

/** Share of the applicants per track; production and visual art upload tiny PDFs (every one of them). */
export const TRACKS = [
  { programme: 'MGK', track: 'classical', share: 0.3, seats: 40 },
  { programme: 'MGK', track: 'rhythmic', share: 0.25, seats: 30 },
  { programme: 'MGK', track: 'production', share: 0.05, seats: 10 },
  { programme: 'BGK', track: 'visual-art', share: 0.2, seats: 30 },
  { programme: 'TGK', track: 'theatre', share: 0.2, seats: 30 },
] as const;
type Programme = 'MGK' | 'BGK' | 'TGK';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

export interface Scale {
  applicants: number;
  jurors: number;
  concurrency: number;
  passwordCostLog2: number;
}

interface Applicant {
  i: number;
  email: string;
  token?: string;
  track: (typeof TRACKS)[number];
  applicationId?: string;
  level: number;
}

/** What the year adds to the results beside the steps (see BenchResult). */
export type YearFigures = Pick<BenchResult, 'scale' | 'rounds' | 'publish' | 'offers' | 'mail' | 'pages'>;

/** Runs the admission year against the stack (staff account STAFF); the steps' figures go to `bench`. */
/** What every phase of the year is given. */
interface Year {
  bench: Bench;
  stack: Stack;
  sink: Stack['sink'];
  db: pg.Pool;
  scale: Scale;
  /** The staff member's access token. */
  staff: string;
}

type Rubric = Array<{ key: string; min: number; max: number; weight: number }>;

/** Runs the admission year against the stack (staff account STAFF); the steps' figures go to `bench`. */
export async function admissionYear(bench: Bench, stack: Stack, scale: Scale): Promise<YearFigures> {
  await bench.clock(`${YEAR}-01-20T10:00:00+01:00`);
  const staff = bench.must(
    await bench.call(null, 'POST', '/auth/login', { json: { email: STAFF.email, password: PASSWORD } }),
    'staff login',
  ).accessToken as string;
  const y: Year = { bench, stack, sink: stack.sink, db: stack.db, scale, staff };
  const { intakes, rubrics } = await catalogue(y);
  const jury = await jurors(y);
  const people = await applicants(y, intakes);
  await surge(y, people);
  // The pages beside the JSON API, on the submitted applications (before the rounds change them).
  const pages = await pageRows(bench, people, PASSWORD);
  const rounds = await threeRounds(y, { intakes, rubrics, jury, applicants: people });
  const { publish, offers } = await resultsDay(y, intakes, people);
  const mail = await delivered(y);
  return {
    scale: {
      applicants: scale.applicants,
      jurors: scale.jurors,
      panelsPerRound: rounds.panelCount,
      concurrency: scale.concurrency,
      passwordCostLog2: scale.passwordCostLog2,
      tracks: TRACKS.map((t) => ({
        ...t,
        applicants: people.filter((a) => a.track.track === t.track).length,
      })),
    },
    rounds: rounds.figures,
    publish,
    offers,
    mail,
    pages,
  };
}

/** The intakes of the three programmes and each track's rubric. */
async function catalogue(
  y: Year,
): Promise<{ intakes: Map<Programme, string>; rubrics: Map<string, Rubric> }> {
  const { bench, staff } = y;
  const intakes = new Map<Programme, string>();
  for (const programme of ['MGK', 'BGK', 'TGK'] as const) {
    const seats = Object.fromEntries(
      TRACKS.filter((t) => t.programme === programme).map((t) => [t.track, t.seats]),
    );
    const intake = bench.must(
      await bench.call(null, 'POST', '/intakes', {
        token: staff,
        json: {
          programme,
          year: YEAR,
          opensAt: `${YEAR}-01-01T00:00:00+01:00`,
          closesAt: `${YEAR}-02-01T23:59:59.999+01:00`,
          auditionsFrom: `${YEAR}-02-15T08:00:00+01:00`,
          auditionsTo: `${YEAR}-04-30T18:00:00+02:00`,
          resultsAt: `${YEAR}-05-01T12:00:00+02:00`,
          offerResponseDays: 14,
          seats,
        },
      }),
      `intake ${programme}`,
    );
    intakes.set(programme, intake.id);
  }
  const rubrics = new Map<string, Rubric>();
  for (const t of TRACKS) {
    rubrics.set(
      t.track,
      bench.must(
        await bench.call(null, 'GET', `/intakes/${intakes.get(t.programme)}/rubrics/${t.track}`, {
          token: staff,
        }),
        'rubric',
      ).criteria,
    );
  }
  return { intakes, rubrics };
}

/** Jurors: invited by staff, the link taken from the e-mail, password set, signed in. */
async function jurors(y: Year): Promise<{ jurorIds: string[]; jurorTokens: string[] }> {
  const { bench, scale, staff, sink } = y;
  const jurorEmails = Array.from({ length: scale.jurors }, (_, i) => `juror${i}@bench.example`);
  const jurorIds: string[] = [];
  await bench.step('juror invitations (POST /users)', jurorEmails, async (s, email, i) => {
    const res = await bench.call(s, 'POST', '/users', {
      token: staff,
      json: { email, name: `Juror ${i}`, role: 'juror' },
    });
    jurorIds[i] = res.body?.id;
  });
  const tokenOf = new Map<string, string>();
  await waitFor('the invitation e-mails', async () => {
    for (const mail of sink.messages) {
      const m = /token=([A-Za-z0-9_\-.%]+)/.exec(mail.text);
      if (m) tokenOf.set(mail.to[0], decodeURIComponent(m[1]));
    }
    return jurorEmails.every((e) => tokenOf.has(e));
  });
  await bench.step('juror accept-invitation', jurorEmails, (s, email) =>
    bench.call(s, 'POST', '/auth/accept-invitation', {
      json: { token: tokenOf.get(email), password: PASSWORD },
    }),
  );
  const jurorTokens: string[] = [];
  await bench.step('juror login', jurorEmails, async (s, email, i) => {
    jurorTokens[i] = (await bench.call(s, 'POST', '/auth/login', { json: { email, password: PASSWORD } }))
      .body?.accessToken;
  });
  return { jurorIds, jurorTokens };
}

/** Applicants: register, log in (also at the production password cost), draft, upload; the storage rows. */
async function applicants(y: Year, intakes: Map<Programme, string>): Promise<Applicant[]> {
  const { bench, db, scale, stack } = y;
  const random = prng(2090);
  const applicants: Applicant[] = [];
  let offset = 0;
  for (const [k, t] of TRACKS.entries()) {
    const n = k === TRACKS.length - 1 ? scale.applicants - offset : Math.round(scale.applicants * t.share);
    for (let j = 0; j < n; j++) {
      const i = offset + j;
      applicants.push({ i, email: `applicant${i}@bench.example`, track: t, level: 1 + random() * 9 });
    }
    offset += n;
  }
  await bench.step(
    'register (POST /auth/register)',
    applicants,
    (s, a) =>
      bench.call(s, 'POST', '/auth/register', {
        json: {
          email: a.email,
          password: PASSWORD,
          name: `Ansøger ${a.i}`,
          birthDate: `${YEAR - 19}-0${(a.i % 9) + 1}-15`,
        },
      }),
    { note: `scrypt N=2^${scale.passwordCostLog2}` },
  );
  // An applicant verifies the address before submitting: the link taken from the e-mail, as people do.
  const verifyTokenOf = new Map<string, string>();
  await waitFor('the verification e-mails', async () => {
    for (const mail of stack.sink.messages) {
      const m = /verify-email\?token=([A-Za-z0-9_\-.%]+)/.exec(mail.text);
      if (m) verifyTokenOf.set(mail.to[0], decodeURIComponent(m[1]));
    }
    return applicants.every((a) => verifyTokenOf.has(a.email));
  });
  await bench.step('verify e-mail (POST /auth/verify-email)', applicants, (s, a) =>
    bench.call(s, 'POST', '/auth/verify-email', { json: { token: verifyTokenOf.get(a.email) } }),
  );
  await bench.step(
    'login (POST /auth/login)',
    applicants,
    async (s, a) => {
      a.token = (await bench.call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }))
        .body?.accessToken;
    },
    { note: `scrypt N=2^${scale.passwordCostLog2}` },
  );
  // The same login at the production cost: a handful of users re-hashed at N=2^17 with bare SQL.
  const heavy = applicants.slice(0, 8);
  const heavyHash = await hashPassword(PASSWORD, 17);
  await db.query('UPDATE users SET password_hash = $1 WHERE email = ANY($2)', [
    heavyHash,
    heavy.map((a) => a.email),
  ]);
  await bench.step(
    'login at cost 17, one at a time',
    heavy.slice(0, 4),
    (s, a) => bench.call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }),
    { concurrency: 1, note: 'scrypt N=2^17 (OWASP), production setting' },
  );
  await bench.step(
    'login at cost 17, 4 at once',
    heavy.slice(4),
    (s, a) => bench.call(s, 'POST', '/auth/login', { json: { email: a.email, password: PASSWORD } }),
    { concurrency: 4, note: 'scrypt N=2^17 (OWASP), production setting' },
  );

  await bench.step('draft (POST /applications)', applicants, async (s, a) => {
    const body: Record<string, unknown> = {
      intakeId: intakes.get(a.track.programme),
      track: a.track.track,
      mainSubject: ['violin', 'cello', 'klaver', 'fløjte', 'guitar', 'sang'][a.i % 6],
      motivation: 'Jeg vil gerne lære mere.',
    };
    if (a.track.track === 'classical' || a.track.track === 'rhythmic') {
      body.repertoire = [
        { title: 'Et', durationMinutes: 4 },
        { title: 'To', durationMinutes: 4 },
      ];
    }
    if (a.track.track === 'theatre')
      body.namedPieces = { monologue: 'Hamlet', song: 'Svantes lykkelige dag' };
    if (a.track.track === 'visual-art' || a.track.track === 'theatre') body.mainSubject = a.track.track;
    a.applicationId = (await bench.call(s, 'POST', '/applications', { token: a.token, json: body })).body?.id;
  });
  const uploads = applicants.flatMap((a): Array<{ a: Applicant; kind: string }> =>
    a.track.track === 'production'
      ? (['work', 'work', 'cv'] as const).map((kind) => ({ a, kind }))
      : a.track.track === 'visual-art'
        ? [{ a, kind: 'portfolio' as const }]
        : [],
  );
  await bench.step(
    'upload material (multipart PDF)',
    uploads,
    (s, { a, kind }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${kind}.pdf`);
      return bench.call(s, 'POST', `/applications/${a.applicationId}/materials`, { token: a.token, form });
    },
    {
      note: `${PDF.length}-byte PDFs: every production (2 works + CV) and visual-art (portfolio) applicant`,
    },
  );
  // A 20 MB recording up and down beside the local disk, and the API's memory under 8 downloads of it.
  const { token, applicationId } = applicants[0];
  for (const row of await storageRows({
    base: bench.base,
    token: token!,
    applicationId: applicationId!,
    apiPid: stack.api.pid!,
  }))
    bench.add(row);
  return applicants;
}

/** The surge: every application submitted in the last hour before the deadline, and bare pg beside it. */
async function surge(y: Year, applicants: Applicant[]): Promise<void> {
  const { bench, db } = y;
  await bench.clock(`${YEAR}-02-01T22:59:59+01:00`);
  await bench.step('submit surge (last hour)', applicants, (s, a) =>
    bench.call(s, 'POST', `/applications/${a.applicationId}/submit`, { token: a.token }),
  );
  await bareSubmit(bench, db, applicants);
}

/** Three rounds per track: pre-screen (panels), audition and callback (panels with slots). */
async function threeRounds(
  y: Year,
  {
    intakes,
    rubrics,
    jury,
    applicants,
  }: {
    intakes: Map<Programme, string>;
    rubrics: Map<string, Rubric>;
    jury: { jurorIds: string[]; jurorTokens: string[] };
    applicants: Applicant[];
  },
): Promise<{ panelCount: number; figures: YearFigures['rounds'] }> {
  const { bench, db, scale, staff } = y;
  const panelCount = Math.floor(scale.jurors / 3);
  const panelsOf = new Map<string, number[]>(); // track → global panel indexes (jurors 3k..3k+2)
  let next = 0;
  for (const [k, t] of TRACKS.entries()) {
    const n = k === TRACKS.length - 1 ? panelCount - next : Math.max(1, Math.round(panelCount * t.share));
    panelsOf.set(
      t.track,
      Array.from({ length: n }, (_, j) => next + j),
    );
    next += n;
  }
  const rounds = new Map<string, string[]>();
  const roundSpec = [
    { kind: 'prescreen', name: 'Forhåndsbedømmelse' },
    { kind: 'audition', name: 'Optagelsesprøve' },
    { kind: 'callback', name: 'Anden prøve' },
  ];
  const create = bench.begin('rounds, panels (POST)');
  for (const t of TRACKS) {
    const ids: string[] = [];
    for (const [order, spec] of roundSpec.entries()) {
      const res = await bench.call(create, 'POST', `/intakes/${intakes.get(t.programme)}/rounds`, {
        token: staff,
        json: { track: t.track, kind: spec.kind, order: order + 1, name: spec.name },
      });
      ids.push(bench.must(res, 'round').id);
    }
    rounds.set(t.track, ids);
  }
  create.end();

  const { jurorIds, jurorTokens } = jury;
  const byApplication = new Map(applicants.map((a) => [a.applicationId, a]));
  const level = (applicationId: string) => byApplication.get(applicationId)?.level ?? 5;
  const rankingFigures: Record<string, unknown>[] = [];

  const runRound = async (r: number, days: { firstDay: string; offset: string; after: string } | null) => {
    const label = roundSpec[r].kind;
    // panels
    const panelIds = new Map<string, Map<string, number>>(); // roundId → panelId → global index
    await bench.step(
      `${label}: panels (POST /rounds/:id/panels)`,
      TRACKS.flatMap((t) => panelsOf.get(t.track)!.map((k) => ({ t, k }))),
      async (s, { t, k }) => {
        const roundId = rounds.get(t.track)![r];
        const res = await bench.call(s, 'POST', `/rounds/${roundId}/panels`, {
          token: staff,
          json: {
            name: `Panel ${k + 1}`,
            members: [
              { userId: jurorIds[3 * k], role: 'chair' },
              { userId: jurorIds[3 * k + 1], role: 'subject_examiner' },
              { userId: jurorIds[3 * k + 2], role: 'external_examiner' },
            ],
          },
        });
        if (!panelIds.has(roundId)) panelIds.set(roundId, new Map());
        panelIds.get(roundId)!.set(res.body?.id, k);
      },
    );
    // slots: enough for the candidates and a tenth more, 16 a day of 25 minutes per panel, one room per panel
    if (days) {
      const slotCalls: Array<{ roundId: string; panelId: string; k: number; day: number; count: number }> =
        [];
      for (const t of TRACKS) {
        const roundId = rounds.get(t.track)![r];
        const candidates = await candidatesOf(db, rounds.get(t.track)![r - 1]);
        const perPanel = Math.ceil((candidates * 1.1) / panelsOf.get(t.track)!.length) + 1;
        for (const [panelId, k] of panelIds.get(roundId)!) {
          for (let day = 0, left = perPanel; left > 0; day++, left -= 16) {
            slotCalls.push({ roundId, panelId, k, day, count: Math.min(16, left) });
          }
        }
      }
      await bench.step(
        `${label}: slots (POST /rounds/:id/slots)`,
        slotCalls,
        (s, c) => {
          const date = new Date(`${days.firstDay}T09:00:00${days.offset}`);
          date.setUTCDate(date.getUTCDate() + c.day);
          return bench.call(s, 'POST', `/rounds/${c.roundId}/slots`, {
            token: staff,
            json: {
              panelId: c.panelId,
              venue: 'Kulturskolen Aalborg',
              room: `Sal ${c.k + 1}`,
              startsAt: `${date.toISOString().slice(0, 10)}T09:00:00${days.offset}`,
              durationMinutes: 25,
              count: c.count,
            },
          });
        },
        { concurrency: 4, note: 'serialised by an advisory lock in the API' },
      );
    }
    // scheduling: one request per track, the whole track in one transaction
    const scheduled: Record<string, number> = {};
    await bench.step(
      `${label}: schedule (POST /rounds/:id/schedule)`,
      [...TRACKS],
      async (s, t) => {
        const res = await bench.call(s, 'POST', `/rounds/${rounds.get(t.track)![r]}/schedule`, {
          token: staff,
        });
        scheduled[t.track] = res.body?.scheduled?.length ?? 0;
        if (res.body?.unscheduled?.length)
          bench.failures.push(`${label} ${t.track}: ${res.body.unscheduled.length} unscheduled`);
      },
      {
        concurrency: 1,
        note: days ? 'invitation + reminder e-mails written in the same transaction' : 'panels only',
      },
    );
    // the auditions take place; then every juror of the audition's panel scores it, and the chair records the result
    if (days) await bench.clock(days.after);
    const auditions: Array<{
      id: string;
      applicationId: string;
      panelId: string;
      track: string;
      roundId: string;
    }> = [];
    for (const t of TRACKS) {
      const roundId = rounds.get(t.track)![r];
      // The list is paged like every other: read it 500 at a time.
      for (let offset = 0; ; offset += 500) {
        const page = bench.must(
          await bench.call(null, 'GET', `/rounds/${roundId}/auditions?limit=500&offset=${offset}`, {
            token: staff,
          }),
          'auditions',
        );
        for (const a of page.items) auditions.push({ ...a, track: t.track, roundId });
        if (offset + 500 >= page.total) break;
      }
    }
    const writes = auditions.flatMap((a) => [0, 1, 2].map((m) => ({ a, m })));
    // jurors work side by side: interleave so that concurrent writes come from different panels
    writes.sort((x, y) => x.m - y.m || (x.a.id < y.a.id ? -1 : 1));
    const panelOf = (a: (typeof auditions)[number]) => panelIds.get(a.roundId)!.get(a.panelId)!;
    const scoreBody = (a: (typeof auditions)[number], m: number) => {
      const l = level(a.applicationId);
      const criteria = Object.fromEntries(
        rubrics
          .get(a.track)!
          .map((c, i) => [c.key, Math.max(c.min, Math.min(c.max, Math.round(l + ((m + i) % 3) - 1)))]),
      );
      return { criteria, grade: gradeOf(l) };
    };
    await bench.step(`${label}: score writes (PUT scores/mine)`, writes, (s, { a, m }) =>
      bench.call(s, 'PUT', `/auditions/${a.id}/scores/mine`, {
        token: jurorTokens[3 * panelOf(a) + m],
        json: scoreBody(a, m),
      }),
    );
    // The bare rows write what the API writes: the round and the weighted score (the locked rubric's) with it.
    const bareWrites = writes.map(({ a, m }) => {
      const body = scoreBody(a, m);
      return {
        auditionId: a.id,
        roundId: a.roundId,
        jurorId: jurorIds[3 * panelOf(a) + m],
        ...body,
        weighted: weightedScore(rubrics.get(a.track)!, body.criteria),
      };
    });
    await bareScores(bench, db, bareWrites, label);
    await bareScoreStatement(bench, db, bareWrites, label);
    await bench.step(`${label}: results (POST /auditions/:id/result)`, auditions, (s, a) =>
      bench.call(s, 'POST', `/auditions/${a.id}/result`, {
        token: jurorTokens[3 * panelOf(a)],
        json: { grade: gradeOf(level(a.applicationId)), passed: level(a.applicationId) >= 3 },
      }),
    );
    // rankings, both methods, a few times each per track
    for (const method of ['none', 'zscore']) {
      const s = bench.begin(`${label}: ranking ?normalize=${method}`, '3 times per track');
      for (const t of TRACKS) {
        for (let k = 0; k < 3; k++) {
          const res = await bench.call(
            s,
            'GET',
            `/rounds/${rounds.get(t.track)![r]}/ranking?normalize=${method}`,
            { token: staff },
          );
          if (k === 0 && method === 'none' && t.track === 'classical') {
            rankingFigures.push({ round: label, track: t.track, ranked: res.body?.ranking?.length });
          }
        }
      }
      s.end();
    }
    // the best share of the passed advance to the next round
    if (r < 2) {
      const advance: Array<{ roundId: string; ids: string[] }> = [];
      for (const t of TRACKS) {
        const roundId = rounds.get(t.track)![r];
        const res = bench.must(
          await bench.call(null, 'GET', `/rounds/${roundId}/ranking?normalize=none`, { token: staff }),
          'ranking',
        );
        const passed = (res.ranking as Array<{ applicationId: string; passed: boolean }>).filter(
          (x) => x.passed,
        );
        const ids = passed.slice(0, Math.ceil(passed.length * ADVANCE_SHARE)).map((x) => x.applicationId);
        // A whole track's advancing in one request (up to the API's 2,000 a request): a national round at once.
        for (let i = 0; i < ids.length; i += 2000) advance.push({ roundId, ids: ids.slice(i, i + 2000) });
      }
      await bench.step(
        `${label}: advance (POST /rounds/:id/advance)`,
        advance,
        (s, c) =>
          bench.call(s, 'POST', `/rounds/${c.roundId}/advance`, {
            token: staff,
            json: { applicationIds: c.ids },
          }),
        {
          concurrency: 1,
          note: "a track's advancing in one request (up to 2,000), e-mail each, one at a time",
        },
      );
    }
    return { auditions: auditions.length, scheduled };
  };

  await bench.clock(`${YEAR}-02-10T09:00:00+01:00`);
  const r1 = await runRound(0, null);
  const r2 = await runRound(1, {
    firstDay: `${YEAR}-03-02`,
    offset: '+01:00',
    after: `${YEAR}-03-24T18:00:00+01:00`,
  });
  const r3 = await runRound(2, {
    firstDay: `${YEAR}-04-06`,
    offset: '+02:00',
    after: `${YEAR}-04-25T18:00:00+02:00`,
  });
  return { panelCount, figures: { prescreen: r1, audition: r2, callback: r3, ranking: rankingFigures } };
}

/** Decisions, results day, offers answered, the rest expired. */
async function resultsDay(
  y: Year,
  intakes: Map<Programme, string>,
  applicants: Applicant[],
): Promise<Pick<YearFigures, 'publish' | 'offers'>> {
  const { bench, staff } = y;
  const byApplication = new Map(applicants.map((a) => [a.applicationId, a]));
  await bench.step(
    'decision proposal (POST)',
    [...intakes.values()],
    (s, id) => bench.call(s, 'POST', `/intakes/${id}/decision-proposal`, { token: staff }),
    { concurrency: 1, note: 'one per programme' },
  );
  await bench.clock(`${YEAR}-05-01T12:00:00+02:00`);
  const published: Record<string, unknown> = {};
  await bench.step(
    'publish results (POST)',
    [...intakes.entries()],
    async (s, [programme, id]) => {
      published[programme] = (
        await bench.call(s, 'POST', `/intakes/${id}/publish-results`, { token: staff })
      ).body;
    },
    { concurrency: 1, note: 'one transaction per programme: every outcome, offer and e-mail' },
  );
  const offers = async () => {
    const all: Array<{ id: string; applicationId: string; status: string }> = [];
    for (const id of intakes.values())
      all.push(
        ...bench.must(await bench.call(null, 'GET', `/intakes/${id}/offers`, { token: staff }), 'offers'),
      );
    return all;
  };
  const first = (await offers()).filter((o) => o.status === 'open');
  const answer = first.map((o, i) => ({ o, verb: i % 5 < 3 ? 'accept' : i % 5 === 3 ? 'decline' : null }));
  await bench.step(
    'offers: accept 60 %, decline 20 %',
    answer.filter((x) => x.verb),
    (s, { o, verb }) =>
      bench.call(s, 'POST', `/offers/${o.id}/${verb}`, { token: byApplication.get(o.applicationId)!.token }),
    { note: 'each decline promotes the next on the waiting list' },
  );
  const unanswered = new Set(answer.filter((x) => !x.verb).map((x) => x.o.id));
  const expiryStart = performance.now();
  await bench.clock(`${YEAR}-05-16T00:01:00+02:00`);
  await waitFor('offers to expire', async () => {
    const now = await offers();
    return now.filter((o) => unanswered.has(o.id) && o.status === 'expired').length === unanswered.size;
  });
  const expirySeconds = (performance.now() - expiryStart) / 1000;
  const finalOffers = await offers();
  const offerCounts = finalOffers.reduce<Record<string, number>>(
    (m, o) => ({ ...m, [o.status]: (m[o.status] ?? 0) + 1 }),
    {},
  );
  log(
    `offers: ${first.length} on results day; ${unanswered.size} expired in ${expirySeconds.toFixed(1)} s after the clock passed their deadline; now ${JSON.stringify(offerCounts)}`,
  );
  return {
    publish: published,
    offers: { onResultsDay: first.length, final: offerCounts, expirySeconds: round(expirySeconds, 1) },
  };
}

/** E-mail: until every due notification is sent, counted in the sink. */
async function delivered(y: Year): Promise<YearFigures['mail']> {
  const { db, sink } = y;
  const appDone = performance.now();
  const due = async () =>
    (
      await db.query(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'pending' AND send_at <= $1)::int AS pending,
                count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS total
           FROM notifications`,
        [new Date(`${YEAR}-05-16T00:02:00+02:00`)],
      )
    ).rows[0];
  const mail = await waitFor(
    'e-mails to be delivered',
    async () => {
      const row = await due();
      return row.pending === 0 ? row : false;
    },
    10 * 60_000,
  );
  const drainSeconds = (performance.now() - appDone) / 1000;
  const mailFigures = {
    notificationRows: mail.total,
    sent: mail.sent,
    failed: mail.failed,
    pendingNotYetDue:
      mail.total -
      mail.sent -
      mail.failed -
      (await db.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'cancelled'`)).rows[0].n,
    inSink: sink.messages.length,
    drainAfterLastStepSeconds: round(drainSeconds, 1),
  };
  log(`e-mail: ${JSON.stringify(mailFigures)}`);
  return mailFigures;
}

const gradeOf = (level: number) => [-3, 0, 2, 4, 4, 7, 7, 10, 10, 12][Math.min(9, Math.floor(level))];

async function candidatesOf(db: pg.Pool, previousRoundId: string): Promise<number> {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM auditions WHERE round_id = $1 AND advanced_at IS NOT NULL',
    [previousRoundId],
  );
  return rows[0].n;
}

/** The submit's writes with bare pg: lock the row, update it, write the outbox row (cancelled: never sent). */
async function bareSubmit(bench: Bench, db: pg.Pool, applicants: Applicant[]) {
  const latencies: number[] = [];
  const start = performance.now();
  await pool(
    applicants,
    async (a) => {
      const t = performance.now();
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          'SELECT applicant_id, submitted_at FROM applications WHERE id = $1 FOR UPDATE',
          [a.applicationId],
        );
        await client.query(
          `UPDATE applications SET status = 'submitted', submitted_at = $2, version = version + 1 WHERE id = $1`,
          [a.applicationId, rows[0].submitted_at],
        );
        await client.query(
          `INSERT INTO notifications (type, recipient_user_id, to_address, to_name, locale, data, application_id, status, send_at, topic)
         VALUES ('application_received', $1, $2, 'x', 'da', '{}', $3, 'cancelled', now(), 'bench-bare')`,
          [rows[0].applicant_id, a.email, a.applicationId],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      latencies.push(performance.now() - t);
    },
    bench.concurrency,
  );
  await db.query(`DELETE FROM notifications WHERE topic = 'bench-bare'`);
  bench.compare(
    'submit surge (last hour)',
    'bare pg: BEGIN; SELECT … FOR UPDATE; UPDATE applications; INSERT notifications; COMMIT',
    latencies,
    start,
  );
}

/**
 * The score write's own statement with bare pg: the same `SELECT jury_submit_score(…)` the API sends (it revises
 * the scores just written with the same values, audited like any revision), so HTTP / bare is the framework's share.
 */
async function bareScoreStatement(bench: Bench, db: pg.Pool, writes: BareScoreWrite[], label: string) {
  const latencies: number[] = [];
  const start = performance.now();
  await pool(
    writes,
    async (w) => {
      const t = performance.now();
      const { rows } = await db.query(
        'SELECT jury_submit_score($1, $2, $3, $4, $5, $6, $7, $8, $9) AS answer',
        [
          w.auditionId,
          w.jurorId,
          JSON.stringify(w.criteria),
          w.grade,
          null,
          'juror',
          new Date(),
          true,
          w.weighted,
        ],
      );
      if (rows[0].answer.status !== 'ok')
        throw new Error(`jury_submit_score: ${JSON.stringify(rows[0].answer)}`);
      latencies.push(performance.now() - t);
    },
    bench.concurrency,
  );
  bench.compare(
    `${label}: score writes (PUT scores/mine)`,
    "bare pg: the API's one statement, SELECT jury_submit_score(…)",
    latencies,
    start,
  );
}

interface BareScoreWrite {
  auditionId: string;
  roundId: string;
  jurorId: string;
  criteria: Record<string, number>;
  grade: number;
  weighted: number;
}

/** The score upsert with bare pg, into a copy of the scores table (same columns and indexes, no foreign keys). */
async function bareScores(bench: Bench, db: pg.Pool, writes: BareScoreWrite[], label: string) {
  await db.query('DROP TABLE IF EXISTS bench_scores; CREATE TABLE bench_scores (LIKE scores INCLUDING ALL)');
  const latencies: number[] = [];
  const start = performance.now();
  await pool(
    writes,
    async (w) => {
      const t = performance.now();
      await db.query(
        `INSERT INTO bench_scores (audition_id, juror_id, round_id, criteria, grade, weighted)
         VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (audition_id, juror_id)
       DO UPDATE SET criteria = EXCLUDED.criteria, grade = EXCLUDED.grade, weighted = EXCLUDED.weighted,
                     revision = bench_scores.revision + 1, updated_at = now()`,
        [w.auditionId, w.jurorId, w.roundId, JSON.stringify(w.criteria), w.grade, w.weighted],
      );
      latencies.push(performance.now() - t);
    },
    bench.concurrency,
  );
  await db.query('DROP TABLE bench_scores');
  bench.compare(
    `${label}: score writes (PUT scores/mine)`,
    'bare pg: INSERT … ON CONFLICT DO UPDATE (score upsert)',
    latencies,
    start,
  );
}
