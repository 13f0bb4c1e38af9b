import { DomainError, ErrorCode } from '../common/errors.js';
import { isSevenPointGrade, offScaleMessage } from '../common/grades.js';
import type { RubricCriterion } from './ranking.js';

/** A panel with fewer scoring (non-recused) members than this can't judge fairly: staff are told. */
export const MIN_SCORING_MEMBERS = 2;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Why a juror's score does not fit the rubric: every rubric key present, a number within min..max, no keys the
 * rubric lacks, and an overall grade on the 7-point scale. Empty when it fits. Fields are named
 * `criteria.<key>` or `grade` so the client can point at the input.
 */
export function scoreProblems(
  rubric: readonly RubricCriterion[],
  criteria: Readonly<Record<string, unknown>>,
  grade: unknown,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(rubric.map((c) => c.key));
  for (const c of rubric) {
    const field = `criteria.${c.key}`;
    const x = criteria[c.key];
    if (x === undefined || x === null) {
      problems.push({ field, message: `${field} is required (${c.min}..${c.max})` });
    } else if (typeof x !== 'number' || !Number.isFinite(x)) {
      problems.push({ field, message: `${field} must be a number from ${c.min} to ${c.max}` });
    } else if (x < c.min || x > c.max) {
      problems.push({ field, message: `${field} is ${x}, outside ${c.min}..${c.max}` });
    }
  }
  for (const key of Object.keys(criteria)) {
    if (!known.has(key)) {
      problems.push({
        field: `criteria.${key}`,
        message: `criteria.${key} is not in the rubric (${[...known].join(', ')})`,
      });
    }
  }
  if (!isSevenPointGrade(grade)) {
    problems.push({ field: 'grade', message: offScaleMessage('grade') });
  }
  return problems;
}

/** Throws a 400 listing every problem (the message names the first), so bad input never reaches the database. */
export function assertScoreFits(
  rubric: readonly RubricCriterion[],
  criteria: Readonly<Record<string, unknown>>,
  grade: unknown,
): void {
  const problems = scoreProblems(rubric, criteria, grade);
  if (!problems.length) return;
  throw new DomainError(
    ErrorCode.ValidationFailed,
    problems.map((p) => p.message).join('; '),
    problems.map((p) => ({ field: p.field, messages: [p.message] })),
  );
}

/** How many of a panel may still score an audition, and whether staff must step in. */
export function panelStrength(memberIds: readonly string[], recusedIds: readonly string[]) {
  const recused = new Set(recusedIds);
  const scoring = memberIds.filter((id) => !recused.has(id)).length;
  return { members: memberIds.length, scoring, needsAttention: scoring < MIN_SCORING_MEMBERS };
}
