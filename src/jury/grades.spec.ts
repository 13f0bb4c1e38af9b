import { PASS_MARK, SEVEN_POINT_GRADES, gradeLabel, isPassingGrade, isSevenPointGrade } from './grades.js';

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
});
