import { DomainError, ErrorCode } from '../common/errors.js';

export const PROJECT_STATUSES = [
  'proposed',
  'returned',
  'approved',
  'in_progress',
  'submitted',
  'assessed',
] as const;

export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface ProjectTransition {
  from: ProjectStatus;
  to: ProjectStatus;
  why: string;
}

/** Every allowed change of a third-year project's (afgangsprojekt) status; anything else is refused. */
export const PROJECT_TRANSITIONS: readonly ProjectTransition[] = [
  { from: 'proposed', to: 'approved', why: 'staff approve the proposal' },
  { from: 'proposed', to: 'returned', why: 'staff send the proposal back with a comment' },
  { from: 'returned', to: 'proposed', why: 'the student resubmits the revised proposal' },
  { from: 'approved', to: 'in_progress', why: 'the student starts work (first milestone or check-in)' },
  { from: 'in_progress', to: 'submitted', why: 'the student hands in the project for assessment' },
  { from: 'submitted', to: 'assessed', why: 'staff record the assessment with the examiner' },
];

const ALLOWED = new Set(PROJECT_TRANSITIONS.map((t) => `${t.from}>${t.to}`));

const STATE_LABEL: Record<ProjectStatus, string> = {
  proposed: 'proposed',
  returned: 'returned to the student',
  approved: 'approved',
  in_progress: 'in progress',
  submitted: 'submitted',
  assessed: 'assessed',
};

const ACTION_LABEL: Record<ProjectStatus, string> = {
  proposed: 'proposed again',
  returned: 'returned',
  approved: 'approved',
  in_progress: 'started',
  submitted: 'submitted',
  assessed: 'assessed',
};

export function isProjectStatus(value: unknown): value is ProjectStatus {
  return typeof value === 'string' && (PROJECT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionProject(from: ProjectStatus, to: ProjectStatus): boolean {
  return ALLOWED.has(`${from}>${to}`);
}

export function nextProjectStatuses(from: ProjectStatus): ProjectStatus[] {
  return PROJECT_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** Throws 409 INVALID_STATE naming the current status, e.g. "The project is assessed; it cannot be submitted". */
export function assertProjectTransition(from: ProjectStatus, to: ProjectStatus): void {
  if (canTransitionProject(from, to)) return;
  throw new DomainError(
    ErrorCode.InvalidState,
    `The project is ${STATE_LABEL[from]}; it cannot be ${ACTION_LABEL[to]}`,
  );
}
