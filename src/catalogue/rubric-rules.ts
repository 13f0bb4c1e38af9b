import type { FieldProblem } from './intake-rules.js';

/** One weighted criterion of a rubric, scored on the numeric scale min..max. */
export interface Criterion {
  key: string;
  label: string;
  labelEn?: string;
  weight: number;
  min: number;
  max: number;
}

export const CRITERION_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const MAX_CRITERIA = 20;

/**
 * A rubric the jury can score with: at least one criterion, slug-like unique keys (they become score
 * fields), positive weights, and a scale whose min is below its max.
 */
export function rubricProblems(criteria: Criterion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (criteria.length === 0) {
    problems.push({ field: 'criteria', message: 'criteria must hold at least one criterion' });
  }
  if (criteria.length > MAX_CRITERIA) {
    problems.push({ field: 'criteria', message: `criteria may hold at most ${MAX_CRITERIA} criteria` });
  }
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    const at = `criteria.${i}`;
    if (!CRITERION_KEY.test(c.key)) {
      problems.push({
        field: `${at}.key`,
        message: `${at}.key must be lower-case letters and digits joined by hyphens, like sight-reading`,
      });
    } else if (seen.has(c.key)) {
      problems.push({ field: `${at}.key`, message: `${at}.key "${c.key}" is used twice` });
    }
    seen.add(c.key);
    if (!(c.weight > 0)) problems.push({ field: `${at}.weight`, message: `${at}.weight must be positive` });
    if (!(c.min < c.max))
      problems.push({ field: `${at}.max`, message: `${at}.max must be greater than min` });
  });
  return problems;
}

/** Scores run 1–10 on every default criterion. */
const scale = { min: 1, max: 10 };

/** The rubric each track of a new intake starts with; staff adjust it until the first score is given. */
export const DEFAULT_CRITERIA: Record<string, Criterion[]> = {
  MGK: [
    { key: 'technique', label: 'Teknik', labelEn: 'Technique', weight: 25, ...scale },
    {
      key: 'musical-expression',
      label: 'Musikalsk udtryk',
      labelEn: 'Musical expression',
      weight: 20,
      ...scale,
    },
    { key: 'interpretation', label: 'Fortolkning', labelEn: 'Interpretation', weight: 20, ...scale },
    { key: 'ear-training', label: 'Hørelære', labelEn: 'Ear training', weight: 15, ...scale },
    { key: 'sight-reading', label: 'Prima vista', labelEn: 'Sight-reading', weight: 10, ...scale },
    { key: 'ensemble', label: 'Sammenspil', labelEn: 'Ensemble', weight: 10, ...scale },
  ],
  BGK: [
    { key: 'artistic-idea', label: 'Kunstnerisk idé', labelEn: 'Artistic idea', weight: 30, ...scale },
    { key: 'craft', label: 'Håndværk', labelEn: 'Craft', weight: 25, ...scale },
    { key: 'development', label: 'Udvikling', labelEn: 'Development', weight: 25, ...scale },
    { key: 'reflection', label: 'Refleksion', labelEn: 'Reflection', weight: 20, ...scale },
  ],
  TGK: [
    { key: 'presence', label: 'Nærvær', labelEn: 'Presence', weight: 25, ...scale },
    { key: 'voice', label: 'Stemme', labelEn: 'Voice', weight: 20, ...scale },
    { key: 'body', label: 'Krop', labelEn: 'Body', weight: 20, ...scale },
    { key: 'imagination', label: 'Fantasi', labelEn: 'Imagination', weight: 20, ...scale },
    { key: 'collaboration', label: 'Samarbejde', labelEn: 'Collaboration', weight: 15, ...scale },
  ],
};

/** A programme added later without its own defaults still gets a usable one-criterion rubric. */
export function defaultCriteria(programme: string): Criterion[] {
  return (
    DEFAULT_CRITERIA[programme] ?? [
      { key: 'overall', label: 'Samlet indtryk', labelEn: 'Overall', weight: 1, ...scale },
    ]
  ).map((c) => ({ ...c }));
}
