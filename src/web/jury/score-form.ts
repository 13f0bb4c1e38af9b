import type { FormBody } from '../form.js';

/** The 7-point scale as the sheet offers it: the value sent and how it is written (02, 00, −3). */
export const GRADE_CHOICES = [
  { value: '12', label: '12' },
  { value: '10', label: '10' },
  { value: '7', label: '7' },
  { value: '4', label: '4' },
  { value: '2', label: '02' },
  { value: '0', label: '00' },
  { value: '-3', label: '−3' },
] as const;

/** How a grade is written on the 7-point scale (2 → "02", −3 → "−3"). */
export function gradeLabel(grade: number): string {
  return GRADE_CHOICES.find((g) => Number(g.value) === grade)?.label ?? String(grade);
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

/**
 * A number as a juror types it ("7", "7,5", " 8 "); empty → undefined (missing), anything else is kept as it was
 * typed so that the rubric check says it is not a number.
 */
export function typedNumber(value: string | string[] | undefined): number | string | undefined {
  const text = one(value).replace('−', '-');
  if (!text) return undefined;
  const n = Number(text.replace(',', '.'));
  return /^-?\d+([.,]\d+)?$/.test(text) && Number.isFinite(n) ? n : text;
}

/** The score sheet's fields (`criteria.<key>`, `grade`, `comment`) as the API's score body. */
export function readScoreForm(body: FormBody, keys: readonly string[]) {
  const criteria: Record<string, unknown> = {};
  for (const key of keys) {
    const value = typedNumber(body[`criteria.${key}`]);
    if (value !== undefined) criteria[key] = value;
  }
  const comment = one(body.comment);
  return { criteria, grade: typedNumber(body.grade), ...(comment ? { comment } : {}) };
}

/** The chair's result fields (`grade`, `passed` as "true"/"false", `note`) as the API's result body. */
export function readResultForm(body: FormBody) {
  const passed = one(body.passed);
  const note = one(body.note);
  return {
    grade: typedNumber(body.grade),
    passed: passed === 'true' ? true : passed === 'false' ? false : undefined,
    ...(note ? { note } : {}),
  };
}
