import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** How far one application got, in the funnel's order. */
export const REACHED = [
  'applied',
  'submitted',
  'auditioned',
  'passed',
  'offered',
  'accepted',
  'enrolled',
  'year1',
  'year2',
  'year3',
] as const;
export type Reached = (typeof REACHED)[number];

export interface PastApplicant {
  track: string;
  mainSubject: string;
  birthDate: string | null;
  reached: Reached;
  /** After year 3: where the student went. */
  destination?: 'conservatory' | 'other';
  background?: {
    gender?: 'woman' | 'man' | 'self-described' | 'prefer-not';
    municipalityCode?: string;
    school?: string;
    feederCourse?: 'talent-class' | 'other-course' | 'none' | 'prefer-not';
    feederCourseWhere?: string;
  };
}

export interface PastYear {
  programme: string;
  year: number;
  /** Makes the applicants' e-mail addresses unique (`<tag>-<n>@figures.example`). */
  tag: string;
  seats: Record<string, number>;
  applicants: PastApplicant[];
}

const at = (n: Reached, of: Reached) => REACHED.indexOf(n) >= REACHED.indexOf(of);

/**
 * A past admission year written straight into the tables, as the rooms would have left it (intake, round,
 * panel, applicants, applications, background answers, auditions and results, offers, enrolments and annual
 * exams): the demo's history and the figures' test both need years that cannot be lived through the API's
 * clock-bound rules in reasonable time. Tools only (scripts/ and test/); the app never calls it.
 */
export async function seedPastYear(dataSource: DataSource, past: PastYear): Promise<{ intakeId: string }> {
  return dataSource.transaction(async (tx) => {
    const y = past.year;
    const intakeId = randomUUID();
    await tx.query(
      `INSERT INTO intakes (id, programme_code, year, opens_at, closes_at, auditions_from, auditions_to, results_at,
         offer_response_days, seats, min_age, max_age, age_reference_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 14, $9, 14, 25, $10)`,
      [
        intakeId,
        past.programme,
        y,
        `${y - 1}-11-01T00:00:00+01:00`,
        `${y}-02-01T23:59:59+01:00`,
        `${y}-02-15T00:00:00+01:00`,
        `${y}-04-15T23:59:59+02:00`,
        `${y}-05-01T00:00:00+02:00`,
        JSON.stringify(past.seats),
        `${y}-08-01`,
      ],
    );
    const rounds = new Map<string, { roundId: string; panelId: string }>();
    for (const track of Object.keys(past.seats)) {
      const roundId = randomUUID();
      const panelId = randomUUID();
      await tx.query(
        `INSERT INTO rounds (id, intake_id, track, kind, "order", name) VALUES ($1, $2, $3, 'audition', 1, 'Optagelsesprøve')`,
        [roundId, intakeId, track],
      );
      await tx.query(`INSERT INTO panels (id, round_id, name) VALUES ($1, $2, 'Panel 1')`, [
        panelId,
        roundId,
      ]);
      rounds.set(track, { roundId, panelId });
    }
    let n = 0;
    for (const a of past.applicants) {
      n++;
      await seedApplicant(tx, past, intakeId, rounds.get(a.track)!, a, n);
    }
    return { intakeId };
  });
}

async function seedApplicant(
  tx: EntityManager,
  past: PastYear,
  intakeId: string,
  round: { roundId: string; panelId: string },
  a: PastApplicant,
  n: number,
): Promise<void> {
  const y = past.year;
  const userId = randomUUID();
  const applicationId = randomUUID();
  await tx.query(
    `INSERT INTO users (id, email, name, role, birth_date, email_verified_at) VALUES ($1, $2, $3, 'applicant', $4, now())`,
    [userId, `${past.tag}-${n}@figures.example`, `Ansøger ${past.programme} ${y} nr. ${n}`, a.birthDate],
  );
  const status = !at(a.reached, 'submitted')
    ? 'draft'
    : !at(a.reached, 'auditioned')
      ? 'submitted'
      : !at(a.reached, 'passed')
        ? 'rejected'
        : !at(a.reached, 'offered')
          ? 'waitlisted'
          : !at(a.reached, 'accepted')
            ? 'declined'
            : 'accepted';
  await tx.query(
    `INSERT INTO applications (id, applicant_id, intake_id, programme, track, main_subject, motivation, status,
       submitted_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, 'Jeg vil gerne udvikle mig.', $7, $8, 1)`,
    [
      applicationId,
      userId,
      intakeId,
      past.programme,
      a.track,
      a.mainSubject,
      status,
      at(a.reached, 'submitted') ? `${y}-01-20T12:00:00+01:00` : null,
    ],
  );
  if (a.background) {
    const b = a.background;
    await tx.query(
      `INSERT INTO application_backgrounds (application_id, gender, municipality_code, school, feeder_course,
         feeder_course_where) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        applicationId,
        b.gender ?? null,
        b.municipalityCode ?? null,
        b.school ?? null,
        b.feederCourse ?? null,
        b.feederCourseWhere ?? null,
      ],
    );
  }
  if (!at(a.reached, 'submitted')) return;
  // Everyone who submitted was placed; those who did not reach "auditioned" did not come.
  const auditionId = randomUUID();
  const came = at(a.reached, 'auditioned');
  await tx.query(
    `INSERT INTO auditions (id, round_id, application_id, panel_id, attendance, attendance_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      auditionId,
      round.roundId,
      applicationId,
      round.panelId,
      came ? 'checked_in' : 'no_show',
      `${y}-03-01T10:00:00+01:00`,
    ],
  );
  if (!came) return;
  const passed = at(a.reached, 'passed');
  await tx.query(
    `INSERT INTO audition_results (audition_id, grade, passed, locked_at) VALUES ($1, $2, $3, $4)`,
    [auditionId, passed ? 10 : 0, passed, `${y}-03-01T11:00:00+01:00`],
  );
  if (!at(a.reached, 'offered')) return;
  const accepted = at(a.reached, 'accepted');
  const enrolmentId = at(a.reached, 'enrolled') ? randomUUID() : null;
  if (enrolmentId) {
    const completed = at(a.reached, 'year3');
    await tx.query(
      `INSERT INTO enrolments (id, user_id, application_id, programme, track, main_subject, cohort, year, status,
         starts_on, completed_on, outcome, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)`,
      [
        enrolmentId,
        userId,
        applicationId,
        past.programme,
        a.track,
        a.mainSubject,
        y,
        completed ? 3 : at(a.reached, 'year2') ? 3 : at(a.reached, 'year1') ? 2 : 1,
        completed ? 'completed' : 'active',
        `${y}-08-01`,
        completed ? `${y + 3}-06-20` : null,
        completed && a.destination
          ? JSON.stringify({
              kind: a.destination,
              institution: null,
              note: null,
              recordedAt: `${y + 3}-06-20`,
            })
          : null,
      ],
    );
    for (const year of [1, 2] as const) {
      if (!at(a.reached, year === 1 ? 'year1' : 'year2')) continue;
      await tx.query(
        `INSERT INTO annual_exams (enrolment_id, year, subjects, passed, held_on, advances_on)
         VALUES ($1, $2, $3, true, $4, $5)`,
        [
          enrolmentId,
          year,
          JSON.stringify([{ subject: a.mainSubject, grade: 10 }]),
          `${y + year}-06-10`,
          `${y + year}-08-01`,
        ],
      );
    }
  }
  await tx.query(
    `INSERT INTO offers (application_id, applicant_id, intake_id, track, main_subject, respond_by, status,
       responded_at, enrolment_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      applicationId,
      userId,
      intakeId,
      a.track,
      a.mainSubject,
      `${y}-05-15T23:59:59+02:00`,
      accepted ? 'accepted' : 'declined',
      `${y}-05-10T12:00:00+02:00`,
      enrolmentId,
    ],
  );
}
