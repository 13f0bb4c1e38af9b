import { ACCOUNTS_PERSONAL_DATA } from '../accounts/personal-data.js';
import { ADMISSIONS_PERSONAL_DATA } from '../admissions/personal-data.js';
import { APPLICATIONS_PERSONAL_DATA } from '../applications/personal-data.js';
import { AUDIT_PERSONAL_DATA } from '../audit/personal-data.js';
import { AUDITIONS_PERSONAL_DATA } from '../auditions/personal-data.js';
import type { PersonalTable } from '../common/personal-data.js';
import { JURY_PERSONAL_DATA } from '../jury/personal-data.js';
import { NOTIFICATIONS_PERSONAL_DATA } from '../notifications/personal-data.js';
import { PROJECTS_PERSONAL_DATA } from '../projects/personal-data.js';
import { STUDENTS_PERSONAL_DATA } from '../students/personal-data.js';
import { PRIVACY_PERSONAL_DATA } from './personal-data.js';

/**
 * The register of personal data: every table with a column that holds or refers to a person, what it holds,
 * and what happens to it on export, on erasure and at the end of retention. Each room declares its own tables
 * (its personal-data.ts) and runs them; this file joins them, and test/personal-data.e2e-spec.ts fails when a
 * table of the live schema that looks personal is in neither list below.
 */
export const PERSONAL_DATA_REGISTER: PersonalTable[] = [
  ...ACCOUNTS_PERSONAL_DATA,
  ...APPLICATIONS_PERSONAL_DATA,
  ...AUDITIONS_PERSONAL_DATA,
  ...JURY_PERSONAL_DATA,
  ...ADMISSIONS_PERSONAL_DATA,
  ...STUDENTS_PERSONAL_DATA,
  ...PROJECTS_PERSONAL_DATA,
  ...NOTIFICATIONS_PERSONAL_DATA,
  ...AUDIT_PERSONAL_DATA,
  ...PRIVACY_PERSONAL_DATA,
];

/** Tables reviewed and found to hold no personal data, with why (names here are of programmes, rooms, panels). */
export const NOT_PERSONAL: Record<string, string> = {
  programmes: 'reference data: the programmes’ names',
  tracks: 'reference data: the tracks’ names and requirements',
  intakes: 'an intake’s dates and seats',
  rubrics: 'criteria and weights',
  rounds: 'a round’s name and order',
  panels: 'a panel’s name',
  slots: 'venue, room and time',
  at_risk_digests: 'the week and how many projects were listed',
  migrations: 'the schema’s history',
};

export function registerEntry(table: string): PersonalTable | undefined {
  return PERSONAL_DATA_REGISTER.find((t) => t.table === table);
}
