import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { User, type Role } from '../src/accounts/user.entity.js';
import { AppModule } from '../src/app.module.js';
import { ApplicationsService } from '../src/applications/applications.service.js';
import { CatalogueService } from '../src/catalogue/catalogue.service.js';
import { Clock } from '../src/common/clock.js';
import { addCopenhagenDays, copenhagenDate } from '../src/common/time.js';
import type { Env } from '../src/config/env.js';

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
