import { courseStart, nextSchoolYearStart, schoolYearOf, yearOn } from './school-year.js';

describe('school year', () => {
  it('a cohort starts on 1 August of its intake year', () => {
    expect(courseStart(2031)).toBe('2031-08-01');
  });

  it.each([
    ['2032-06-10', '2032-08-01'],
    ['2032-07-31', '2032-08-01'],
    ['2032-08-01', '2033-08-01'],
    ['2032-12-20', '2033-08-01'],
  ])('a pass recorded on %s moves the student on %s', (date, expected) => {
    expect(nextSchoolYearStart(date)).toBe(expected);
  });

  it('the year changes on the promotion day, not before', () => {
    const e = { year: 1, advancesOn: '2032-08-01' };
    expect(yearOn(e, '2032-07-31')).toBe(1);
    expect(yearOn(e, '2032-08-01')).toBe(2);
    expect(yearOn({ year: 2, advancesOn: null }, '2040-01-01')).toBe(2);
  });

  it('a date belongs to the school year of the 1 August before it', () => {
    expect(schoolYearOf('2041-03-01')).toBe(2040);
    expect(schoolYearOf('2041-07-31')).toBe(2040);
    expect(schoolYearOf('2041-08-01')).toBe(2041);
  });
});
