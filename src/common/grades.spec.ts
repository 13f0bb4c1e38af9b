import { validateSync } from 'class-validator';
import {
  IsSevenPointGrade,
  PASS_MARK,
  SEVEN_POINT_GRADES,
  gradeLabel,
  isPassingGrade,
  isSevenPointGrade,
} from './grades.js';

class GradedDto {
  @IsSevenPointGrade()
  grade: unknown;
}

const problems = (grade: unknown) =>
  validateSync(Object.assign(new GradedDto(), { grade })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('7-point scale', () => {
  it('has the seven grades, best first', () => {
    expect(SEVEN_POINT_GRADES).toEqual([12, 10, 7, 4, 2, 0, -3]);
  });

  it('recognises only the grades of the scale', () => {
    for (const g of SEVEN_POINT_GRADES) expect(isSevenPointGrade(g)).toBe(true);
    for (const n of [5, 1, -1, 11, 13, 2.5, NaN, '2', null]) expect(isSevenPointGrade(n)).toBe(false);
  });

  it('labels grades as on a transcript', () => {
    expect(SEVEN_POINT_GRADES.map(gradeLabel)).toEqual(['12', '10', '7', '4', '02', '00', '-3']);
    expect(() => gradeLabel(5)).toThrow('5 is not a grade on the 7-point scale');
  });

  it('02 is the pass mark', () => {
    expect(PASS_MARK).toBe(2);
    expect(SEVEN_POINT_GRADES.filter(isPassingGrade)).toEqual([12, 10, 7, 4, 2]);
  });

  it('@IsSevenPointGrade() accepts the scale and names it, as on a transcript, for anything else', () => {
    for (const g of SEVEN_POINT_GRADES) expect(problems(g)).toEqual([]);
    for (const bad of [5, '02', null, undefined, 2.5]) {
      expect(problems(bad)).toEqual([
        'grade must be on the 7-point scale: 12, 10, 7, 4, 02, 00 or -3 (sent as numbers: 2 for 02, 0 for 00)',
      ]);
    }
  });
});
