import { ValidateBy, type ValidationOptions } from 'class-validator';

/** The Danish 7-point scale (7-trinsskala), best first. 02 is the pass mark. */
export const SEVEN_POINT_GRADES = [12, 10, 7, 4, 2, 0, -3] as const;

export type SevenPointGrade = (typeof SEVEN_POINT_GRADES)[number];

/** The lowest passing grade: 02. */
export const PASS_MARK = 2;

export function isSevenPointGrade(n: unknown): n is SevenPointGrade {
  return typeof n === 'number' && (SEVEN_POINT_GRADES as readonly number[]).includes(n);
}

/** What a client is told when a grade is off the scale; grades are sent as numbers, shown as on a transcript. */
export function offScaleMessage(field: string): string {
  return `${field} must be on the 7-point scale: 12, 10, 7, 4, 02, 00 or -3 (sent as numbers: 2 for 02, 0 for 00)`;
}

/** A DTO field holding a grade on the 7-point scale: the one check, with the one message, for every room. */
export function IsSevenPointGrade(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSevenPointGrade',
      validator: {
        validate: (value: unknown) => isSevenPointGrade(value),
        defaultMessage: (args) => offScaleMessage(args?.property ?? 'grade'),
      },
    },
    options,
  );
}

/** Whether a grade passes (02 or better). */
export function isPassingGrade(grade: number): boolean {
  return grade >= PASS_MARK;
}

const LABELS: Record<SevenPointGrade, string> = {
  12: '12',
  10: '10',
  7: '7',
  4: '4',
  2: '02',
  0: '00',
  [-3]: '-3',
};

/** How the grade is written on Danish transcripts: 2 → '02', 0 → '00'. Throws RangeError off the scale. */
export function gradeLabel(n: number): string {
  if (!isSevenPointGrade(n)) throw new RangeError(`${n} is not a grade on the 7-point scale`);
  return LABELS[n];
}
