import { DateTime } from 'luxon';
import type { Locale } from '../common/locale.js';
import type { ProjectStatus } from './project-status.js';

/** The kinds of the default milestones; milestones added later are `custom`. */
export type DefaultMilestoneKind = 'proposal' | 'midway' | 'final';

export interface PlannedMilestone {
  kind: DefaultMilestoneKind;
  title: string;
  dueDate: string;
}

/** The default milestones' titles in each language (a missing title is a type error). */
export const DEFAULT_MILESTONE_TITLES: Record<Locale, Record<DefaultMilestoneKind, string>> = {
  da: {
    proposal: 'Projektforslag',
    midway: 'Midtvejsfremlæggelse',
    final: 'Afsluttende præsentation',
  },
  en: {
    proposal: 'Proposal',
    midway: 'Midway presentation',
    final: 'Final presentation',
  },
};

const addDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate()!;
const daysBetween = (from: string, to: string) =>
  Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);

/**
 * The default milestones of a new third-year project, from its planned presentation date (YYYY-MM-DD, after
 * today): the worked-out proposal two weeks on (or a quarter of the time left, if that is sooner), the midway
 * presentation halfway to the presentation, the final presentation on the day. Titled in the student's
 * language; each can be edited later.
 */
export function defaultMilestones(
  presentationDate: string,
  today: string,
  locale: Locale,
): PlannedMilestone[] {
  const span = daysBetween(today, presentationDate);
  const title = DEFAULT_MILESTONE_TITLES[locale];
  return [
    {
      kind: 'proposal',
      title: title.proposal,
      dueDate: addDays(today, Math.max(1, Math.min(14, Math.floor(span / 4)))),
    },
    {
      kind: 'midway',
      title: title.midway,
      dueDate: addDays(today, Math.max(1, Math.floor(span / 2))),
    },
    { kind: 'final', title: title.final, dueDate: presentationDate },
  ];
}

/**
 * The default milestones a project's change of status settles: approval is the answer to the proposal, and
 * handing in the project delivers what the final presentation was due for. They are completed by that change,
 * so no reminder or risk flag is left behind for them.
 */
const SETTLED_BY: Partial<Record<ProjectStatus, readonly DefaultMilestoneKind[]>> = {
  approved: ['proposal'],
  submitted: ['final'],
};

export function milestonesSettledBy(status: ProjectStatus): readonly DefaultMilestoneKind[] {
  return SETTLED_BY[status] ?? [];
}

/**
 * Who sets a milestone's due date in each status: while the proposal is open the plan is the student's; once
 * approved only the supervisor or staff move a date (with a reason the student is told), so an overdue
 * milestone cannot quietly be moved out of the way; once handed in, nobody.
 */
export type DueDateSetter = 'student' | 'supervisor or staff' | 'nobody';

const DUE_DATES_SET_BY: Record<ProjectStatus, DueDateSetter> = {
  proposed: 'student',
  returned: 'student',
  approved: 'supervisor or staff',
  in_progress: 'supervisor or staff',
  submitted: 'nobody',
  assessed: 'nobody',
};

export function dueDatesSetBy(status: ProjectStatus): DueDateSetter {
  return DUE_DATES_SET_BY[status];
}
