import { DateTime } from 'luxon';
import type { ProjectStatus } from './project-status.js';

/** The kinds of the default milestones; milestones added later are `custom`. */
export type DefaultMilestoneKind = 'proposal' | 'midway' | 'final';

export interface PlannedMilestone {
  kind: DefaultMilestoneKind;
  title: string;
  dueDate: string;
}

const addDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate()!;
const daysBetween = (from: string, to: string) =>
  Math.round(DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days);

/**
 * The default milestones of a new third-year project, from its planned presentation date (YYYY-MM-DD, after
 * today): the worked-out proposal two weeks on (or a quarter of the time left, if that is sooner), the midway
 * presentation halfway to the presentation, the final presentation on the day. Each can be edited later.
 */
export function defaultMilestones(presentationDate: string, today: string): PlannedMilestone[] {
  const span = daysBetween(today, presentationDate);
  return [
    {
      kind: 'proposal',
      title: 'Proposal',
      dueDate: addDays(today, Math.max(1, Math.min(14, Math.floor(span / 4)))),
    },
    {
      kind: 'midway',
      title: 'Midway presentation',
      dueDate: addDays(today, Math.max(1, Math.floor(span / 2))),
    },
    { kind: 'final', title: 'Final presentation', dueDate: presentationDate },
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
