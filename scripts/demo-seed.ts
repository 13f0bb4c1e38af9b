import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { User, type Role } from '../src/accounts/user.entity.js';
import { AppModule } from '../src/app.module.js';
import { ApplicationsService } from '../src/applications/applications.service.js';
import { MaterialsService } from '../src/applications/materials.service.js';
import { AuditionsService } from '../src/auditions/auditions.service.js';
import type { AuthUser } from '../src/common/auth.js';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { Clock } from '../src/common/clock.js';
import { ACADEMY_ZONE, addCopenhagenDays, copenhagenDate } from '../src/common/time.js';
import type { Env } from '../src/config/env.js';
import { demoPicture, demoRecording, demoScorePdf } from './demo-files.js';
import { seedPastYear, type PastApplicant, type Reached } from './figures-seed.js';

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
}

/** Demo people, one per role. Their passwords are printed by the demo; never use them outside development. */
const DEMO_PEOPLE: Array<DemoAccount & { name: string }> = [
  {
    role: 'staff',
    email: 'staff@demo.talentakademi.dk',
    name: 'Sofie Kontor',
    password: 'Kontor-Kaffe-2027',
  },
  {
    role: 'juror',
    email: 'censor@demo.talentakademi.dk',
    name: 'Lars Censor',
    password: 'Lytter-Noder-2027',
  },
  {
    role: 'teacher',
    email: 'vejleder@demo.talentakademi.dk',
    name: 'Mette Vejleder',
    password: 'Projekt-Moede-2027',
  },
  {
    role: 'applicant',
    email: 'ansoeger@demo.talentakademi.dk',
    name: 'Maja Ansøger',
    password: 'Cello-Morgen-2027',
  },
];

/** Demo accounts and data through the same services the API uses; idempotent on the same database. */
export async function seedDemo(env: Env): Promise<DemoAccount[]> {
  const app = await NestFactory.createApplicationContext(
    AppModule.register(env, { http: false, worker: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    await seedAccounts(app);
    await seedIntakes(app);
    await seedDraft(app);
    await seedJury(app);
    await seedHistory(app);
    return DEMO_PEOPLE.map(({ role, email, password }) => ({ role, email, password }));
  } finally {
    await app.close();
  }
}

async function seedAccounts(app: INestApplicationContext): Promise<void> {
  const accounts = app.get(AccountsService);
  const users = app.get(DataSource).getRepository(User);
  for (const person of DEMO_PEOPLE) {
    if (await users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', person).getExists())
      continue;
    if (person.role === 'applicant') {
      const user = await accounts.register({
        email: person.email,
        password: person.password,
        name: person.name,
        birthDate: '2008-03-14',
      });
      // The demo applicant has confirmed the address (as with the link in the e-mail), so they can submit.
      await accounts.verifyEmail((await accounts.sendVerification(user.id)).token);
    } else if (person.role === 'staff') {
      await accounts.createStaff(person.email, person.name, person.password);
    } else {
      const issued = await accounts.invite(null, {
        email: person.email,
        name: person.name,
        role: person.role,
      });
      await accounts.acceptInvitation({ token: issued.token, password: person.password });
    }
  }
}

/** Seats per track in the demo intakes. */
const DEMO_SEATS: Record<string, Record<string, number>> = {
  MGK: { classical: 12, rhythmic: 10, production: 6 },
  BGK: { 'visual-art': 15 },
  TGK: { theatre: 12 },
};

/**
 * An intake open for applications now (by the clock) for each programme in the current year, unless that
 * programme already has one this year: opened yesterday, closing in four weeks, auditions after that.
 */
export async function seedIntakes(app: INestApplicationContext): Promise<void> {
  const catalogue = app.get(CatalogueService);
  const now = app.get(Clock).now();
  const year = Number(copenhagenDate(now).slice(0, 4));
  const day = (offset: number) => copenhagenDate(addCopenhagenDays(now, offset));
  for (const programme of await catalogue.listProgrammes()) {
    const existing = await catalogue.listIntakes({ programme: programme.code, year, limit: 1, offset: 0 });
    if (existing.total > 0) continue;
    await catalogue.createIntake(null, {
      programme: programme.code,
      year,
      opensAt: day(-1),
      closesAt: day(28),
      auditionsFrom: day(35),
      auditionsTo: day(60),
      resultsAt: day(75),
      offerResponseDays: 14,
      seats: DEMO_SEATS[programme.code] ?? Object.fromEntries(programme.tracks.map((t) => [t.code, 10])),
      ...(programme.code === 'MGK'
        ? { quotas: [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }] }
        : {}),
    });
  }
}

/** The demo applicant has a draft to MGK (classical) this year, one piece short of complete: what to try first. */
export async function seedDraft(app: INestApplicationContext): Promise<void> {
  const users = app.get(DataSource).getRepository(User);
  const applicant = await users
    .createQueryBuilder('u')
    .where('lower(u.email) = lower(:email)', {
      email: DEMO_PEOPLE.find((p) => p.role === 'applicant')!.email,
    })
    .getOneOrFail();
  const catalogue = app.get(CatalogueService);
  const year = Number(copenhagenDate(app.get(Clock).now()).slice(0, 4));
  const [intake] = (await catalogue.listIntakes({ programme: 'MGK', year, limit: 1, offset: 0 })).items;
  const applications = app.get(ApplicationsService);
  const asApplicant = {
    id: applicant.id,
    role: applicant.role,
    email: applicant.email,
    name: applicant.name,
  };
  if (
    !intake?.openForApplications ||
    (await applications.list(asApplicant, { limit: 1, offset: 0 })).total > 0
  )
    return;
  await applications.create(asApplicant, {
    intakeId: intake.id,
    track: 'classical',
    mainSubject: 'cello',
    motivation: 'Jeg vil gerne blive cellist og spille kammermusik.',
    repertoire: [{ title: 'Suite nr. 1 i G-dur, Prélude', composer: 'J.S. Bach', durationMinutes: 3 }],
  });
}

/** The demo's audition round: its intake (MGK, next year's number), today in Copenhagen, and who sits on the panel. */
const JURY_DEMO = {
  venue: 'Aalborg Kulturskole',
  room: 'Koncertsalen',
  panel: 'Panel Klassisk',
  colleagues: [
    { email: 'fagcensor@demo.talentakademi.dk', name: 'Karen Fagcensor' },
    { email: 'gennemgaaende@demo.talentakademi.dk', name: 'Jens Gennemgående' },
  ],
  applicants: [
    {
      name: 'Alma Nørgaard',
      mainSubject: 'cello',
      pieces: ['Suite nr. 1, Prélude|J.S. Bach|3', 'Élégie|G. Fauré|6'],
    },
    {
      name: 'Bertram Holm',
      mainSubject: 'violin',
      pieces: ['Partita nr. 2, Gigue|J.S. Bach|4', 'Romance|C. Nielsen|5'],
    },
    {
      name: 'Clara Skov',
      mainSubject: 'klaver',
      pieces: ['Præludium i c-mol|F. Chopin|2', 'Humoreske|C. Nielsen|4'],
    },
    {
      name: 'David Lund',
      mainSubject: 'fløjte',
      pieces: ['Sonate, 1. sats|F. Poulenc|5', 'Syrinx|C. Debussy|3'],
    },
    {
      name: 'Emma Krogh',
      mainSubject: 'sang',
      pieces: ['Solen er så rød, mor|C. Nielsen|2', 'Lascia chio pianga|G.F. Händel|5'],
    },
  ],
};

/**
 * A round in its audition days: an MGK intake whose applications closed yesterday and whose auditions are today,
 * five submitted applicants (verified addresses) with a recording, a score and a picture, and a panel with the
 * demo juror as chair, scheduled from 9.00 today; so the demo juror signs in and scores at once (/jury).
 * The intake is made open so the applicants can submit through the same services as on the site; then its window
 * is moved to lie before today (demo data only: staff cannot move a date back). Skipped when it exists.
 */
export async function seedJury(app: INestApplicationContext): Promise<void> {
  const catalogue = app.get(CatalogueService);
  const accounts = app.get(AccountsService);
  const applications = app.get(ApplicationsService);
  const materials = app.get(MaterialsService);
  const auditions = app.get(AuditionsService);
  const dataSource = app.get(DataSource);
  const users = dataSource.getRepository(User);
  const now = app.get(Clock).now();
  const year = Number(copenhagenDate(now).slice(0, 4)) + 1;
  if ((await catalogue.listIntakes({ programme: 'MGK', year, limit: 1, offset: 0 })).total > 0) return;

  const asUser = (u: User): AuthUser => ({ id: u.id, role: u.role });
  const byEmail = (email: string) =>
    users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOneOrFail();
  const staff = asUser(await byEmail(DEMO_PEOPLE.find((p) => p.role === 'staff')!.email));
  const juror = await byEmail(DEMO_PEOPLE.find((p) => p.role === 'juror')!.email);
  const colleagues: User[] = [];
  for (const c of JURY_DEMO.colleagues) {
    if (!(await users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', c).getExists())) {
      const issued = await accounts.invite(null, { email: c.email, name: c.name, role: 'juror' });
      await accounts.acceptInvitation({
        token: issued.token,
        password: randomBytes(18).toString('base64url'),
      });
    }
    colleagues.push(await byEmail(c.email));
  }

  const hours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
  const intake = await catalogue.createIntake(null, {
    programme: 'MGK',
    year,
    opensAt: hours(-48),
    closesAt: hours(1),
    auditionsFrom: hours(1),
    auditionsTo: hours(24 * 14),
    resultsAt: hours(24 * 30),
    offerResponseDays: 14,
    seats: DEMO_SEATS.MGK,
  });

  const folder = mkdtempSync(join(tmpdir(), 'academy-demo-'));
  try {
    for (const [i, person] of JURY_DEMO.applicants.entries()) {
      const email = `ansoeger${i + 1}.jury@demo.talentakademi.dk`;
      const registered = await accounts.register({
        email,
        password: randomBytes(18).toString('base64url'),
        name: person.name,
        birthDate: `${year - 20}-0${(i % 9) + 1}-15`,
      });
      await accounts.verifyEmail((await accounts.sendVerification(registered.id)).token);
      const applicant = asUser(await byEmail(email));
      const created = await applications.create(applicant, {
        intakeId: intake.id,
        track: 'classical',
        mainSubject: person.mainSubject,
        motivation: `Jeg har spillet ${person.mainSubject} i ${6 + i} år og vil gerne videre til konservatoriet.`,
        repertoire: person.pieces.map((p) => {
          const [title, composer, minutes] = p.split('|');
          return { title, composer, durationMinutes: Number(minutes) };
        }),
      });
      const files: Array<[string, string, Buffer]> = [
        ['recording', 'optagelse.wav', demoRecording(30)],
        ['score', 'noder.pdf', demoScorePdf(person.pieces[0].split('|')[0])],
        ['other', 'portraet.png', demoPicture(i * 70)],
      ];
      for (const [kind, filename, bytes] of files) {
        const path = join(folder, `${i}-${filename}`);
        writeFileSync(path, bytes);
        await materials.add(applicant, created.id, kind, {
          path,
          originalname: filename,
          size: bytes.length,
        });
      }
      await applications.submit(applicant, created.id);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  // Applications closed yesterday; the auditions are today (demo data only, see above).
  await dataSource.query(
    `UPDATE intakes SET opens_at = $2, closes_at = $3, auditions_from = $4 WHERE id = $1`,
    [intake.id, hours(-24 * 30), hours(-24), hours(-12)],
  );

  const round = await auditions.createRound(staff, intake.id, {
    track: 'classical',
    kind: 'audition',
    order: 1,
    name: 'Optagelsesprøve, klassisk',
  });
  const panel = await auditions.createPanel(staff, round.id, {
    name: JURY_DEMO.panel,
    members: [
      { userId: juror.id, role: 'chair' },
      { userId: colleagues[0].id, role: 'subject_examiner' },
      { userId: colleagues[1].id, role: 'external_examiner' },
    ],
  });
  await auditions.createSlots(staff, round.id, {
    panelId: panel.id,
    venue: JURY_DEMO.venue,
    room: JURY_DEMO.room,
    startsAt: DateTime.fromJSDate(now, { zone: ACADEMY_ZONE })
      .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
      .toISO()!,
    durationMinutes: 25,
    count: JURY_DEMO.applicants.length,
  });
  await auditions.schedule(staff, round.id);
}

/** How many applied per track in a demo year (varied a little from year to year). */
const DEMO_HISTORY: Record<string, Record<string, [number, string[]]>> = {
  MGK: {
    classical: [24, ['violin', 'cello', 'klaver', 'fløjte', 'klarinet', 'kontrabas', 'sang']],
    rhythmic: [20, ['guitar', 'el-bas', 'trommer', 'sang', 'klaver', 'saxofon']],
    production: [9, ['elektronisk musik', 'komposition', 'sangskrivning']],
  },
  BGK: { 'visual-art': [30, ['maleri', 'tegning', 'skulptur', 'fotografi', 'grafik']] },
  TGK: { theatre: [34, ['skuespil']] },
};

/** A small deterministic random source, so the demo's history is the same on every machine. */
function randomSource(seed: number) {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pick = <T>(weighted: Array<[T, number]>): T => {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [value, w] of weighted) if ((r -= w) < 0) return value;
    return weighted[weighted.length - 1][0];
  };
  return { next, pick };
}

const NORTH = ['860', '813', '810', '849', '840', '846', '820', '787', '773', '825'];

/**
 * Three past years of every programme (the figures' page has something worth looking at): applicants from all
 * over Region Nordjylland and a few from further away, with their voluntary answers (some left out), through
 * auditions, offers and the years of the course as far as each cohort has come. Written straight into the
 * tables (scripts/figures-seed.ts); a year a programme already has is left alone.
 */
export async function seedHistory(app: INestApplicationContext): Promise<void> {
  const catalogue = app.get(CatalogueService);
  const today = copenhagenDate(app.get(Clock).now());
  const current = Number(today.slice(0, 4));
  // The annual exams are in June: a cohort has finished a year once its June has passed.
  const pastJune = Number(today.slice(5, 7)) >= 7;
  for (const back of [1, 2, 3]) {
    const year = current - back;
    const finished = back - (pastJune ? 0 : 1);
    for (const [programme, tracks] of Object.entries(DEMO_HISTORY)) {
      if ((await catalogue.listIntakes({ programme, year, limit: 1, offset: 0 })).total > 0) continue;
      const rng = randomSource(year * 7 + programme.charCodeAt(0));
      const applicants: PastApplicant[] = [];
      for (const [track, [base, subjects]] of Object.entries(tracks)) {
        const count = base + Math.round((rng.next() - 0.5) * 8) + (3 - back) * 2;
        for (let i = 0; i < count; i++) {
          let reached: Reached = rng.pick<Reached>([
            ['applied', 7],
            ['submitted', 6],
            ['auditioned', 37],
            ['passed', 18],
            ['offered', 5],
            ['enrolled', 27],
          ]);
          if (reached === 'enrolled') {
            for (const [done, step] of [
              [1, 'year1'],
              [2, 'year2'],
              [3, 'year3'],
            ] as const) {
              if (finished >= done && rng.next() < 0.9) reached = step;
              else break;
            }
          }
          const age = rng.pick<number>([
            [14, 4],
            [15, 8],
            [16, 14],
            [17, 16],
            [18, 16],
            [19, 12],
            [20, 8],
            [21, 5],
            [22, 3],
            [24, 1],
          ]);
          const answered = rng.next() < 0.86;
          applicants.push({
            track,
            mainSubject: subjects[Math.floor(rng.next() * subjects.length)],
            birthDate: `${year - age}-${String(1 + Math.floor(rng.next() * 12)).padStart(2, '0')}-15`,
            reached,
            destination:
              reached === 'year3'
                ? rng.pick<'conservatory' | 'other' | undefined>([
                    ['conservatory', 45],
                    ['other', 45],
                    [undefined, 10],
                  ])
                : undefined,
            background: answered
              ? {
                  gender: rng.pick([
                    ['woman', 54],
                    ['man', 38],
                    ['self-described', 3],
                    ['prefer-not', 5],
                  ]),
                  municipalityCode: rng.pick([
                    ['851', 44],
                    [NORTH[Math.floor(rng.next() * NORTH.length)], 34],
                    [
                      rng.pick([
                        ['751', 3],
                        ['791', 2],
                        ['779', 1],
                        ['730', 1],
                      ]),
                      9,
                    ],
                    [
                      rng.pick([
                        ['101', 2],
                        ['461', 1],
                        ['265', 1],
                      ]),
                      4,
                    ],
                    ['prefer-not', 5],
                  ]),
                  feederCourse: rng.pick([
                    ['talent-class', 38],
                    ['other-course', 21],
                    ['none', 36],
                    ['prefer-not', 5],
                  ]),
                }
              : undefined,
          });
        }
      }
      await seedPastYear(app.get(DataSource), {
        programme,
        year,
        tag: `demo-${programme.toLowerCase()}-${year}`,
        seats: Object.fromEntries(Object.entries(DEMO_SEATS[programme] ?? {})),
        applicants,
      });
    }
  }
}
