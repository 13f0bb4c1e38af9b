import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Enrolment } from '../../src/students/enrolment.entity.js';
import { StudentsService } from '../../src/students/students.service.js';
import type { Person } from './accounts.js';
import type { TestApp } from './app.js';

export interface EnrolOptions {
  programme?: 'MGK' | 'BGK' | 'TGK';
  track?: string;
  mainSubject?: string;
  cohort: number;
  /** Put the student straight into year 2 or 3 (written to the enrolment row: the annual-exam path is proven in students.e2e-spec). */
  year?: 1 | 2 | 3;
}

/**
 * Enrols a registered applicant as the admissions room will on an accepted offer: StudentsService.enrol in a
 * transaction (the application id is made up; until offers are merged no application needs to exist).
 */
export async function enrolStudent(
  t: TestApp,
  person: Person,
  options: EnrolOptions,
): Promise<{ id: string }> {
  const dataSource = t.app.get(DataSource);
  const { id } = await dataSource.transaction((tx) =>
    t.app.get(StudentsService).enrol(tx, {
      userId: person.id,
      applicationId: randomUUID(),
      programme: options.programme ?? 'MGK',
      track: options.track ?? 'classical',
      mainSubject: options.mainSubject ?? 'cello',
      cohort: options.cohort,
    }),
  );
  if (options.year && options.year > 1) {
    await dataSource.getRepository(Enrolment).update({ id }, { year: options.year });
  }
  return { id };
}
