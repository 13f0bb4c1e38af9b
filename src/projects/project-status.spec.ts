import { DomainError, ErrorCode } from '../common/errors.js';
import {
  PROJECT_STATUSES,
  PROJECT_TRANSITIONS,
  ProjectStatus,
  assertProjectTransition,
  canTransitionProject,
  isProjectStatus,
  nextProjectStatuses,
} from './project-status.js';

const EXPECTED: Record<ProjectStatus, ProjectStatus[]> = {
  proposed: ['approved', 'returned'],
  returned: ['proposed'],
  approved: ['in_progress'],
  in_progress: ['submitted'],
  submitted: ['assessed'],
  assessed: [],
};

describe('third-year project status machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const from of PROJECT_STATUSES) {
      expect(nextProjectStatuses(from).sort()).toEqual([...EXPECTED[from]].sort());
      for (const to of PROJECT_STATUSES)
        expect(canTransitionProject(from, to)).toBe(EXPECTED[from].includes(to));
    }
    for (const t of PROJECT_TRANSITIONS) expect(() => assertProjectTransition(t.from, t.to)).not.toThrow();
  });

  it('walks the happy path and the return-and-resubmit loop', () => {
    const path: ProjectStatus[] = [
      'proposed',
      'returned',
      'proposed',
      'approved',
      'in_progress',
      'submitted',
      'assessed',
    ];
    for (let i = 1; i < path.length; i++) expect(canTransitionProject(path[i - 1], path[i])).toBe(true);
  });

  it.each<[ProjectStatus, ProjectStatus, string]>([
    ['proposed', 'in_progress', 'The project is proposed; it cannot be started'],
    ['returned', 'approved', 'The project is returned to the student; it cannot be approved'],
    ['assessed', 'submitted', 'The project is assessed; it cannot be submitted'],
    ['approved', 'returned', 'The project is approved; it cannot be returned'],
    ['in_progress', 'assessed', 'The project is in progress; it cannot be assessed'],
  ])('refuses %s → %s with a 409 naming the current status', (from, to, message) => {
    let error: unknown;
    try {
      assertProjectTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.InvalidState);
    expect((error as DomainError).message).toBe(message);
  });

  it('recognises status values', () => {
    expect(isProjectStatus('in_progress')).toBe(true);
    expect(isProjectStatus('done')).toBe(false);
  });
});
