import { earliestLeavingDay, leavingDateProblem } from './leaving.js';

describe('leavingDateProblem', () => {
  const startsOn = '2031-08-01';
  const today = '2032-03-15';
  it('accepts a day from the course start up to today', () => {
    expect(leavingDateProblem('2031-08-01', startsOn, today)).toBeNull();
    expect(leavingDateProblem('2032-03-15', startsOn, today)).toBeNull();
  });
  it('refuses a day after today, naming today', () => {
    expect(leavingDateProblem('2032-03-16', startsOn, today)).toMatch(/2032-03-15/);
  });
  it('refuses a day before the earliest, naming it', () => {
    expect(leavingDateProblem('2031-07-31', startsOn, today)).toMatch(/2031-08-01/);
  });
  it('refuses a date that is not on the calendar', () => {
    expect(leavingDateProblem('2032-02-30', startsOn, today)).toMatch(/real date/);
    expect(leavingDateProblem('31-03-2032', startsOn, today)).toMatch(/real date/);
  });
});

describe('earliestLeavingDay', () => {
  it('is the intake year’s first day, or the last annual exam when later', () => {
    expect(earliestLeavingDay(2031, [])).toBe('2031-01-01');
    expect(earliestLeavingDay(2031, ['2032-06-10', '2033-06-12'])).toBe('2033-06-12');
  });
});
