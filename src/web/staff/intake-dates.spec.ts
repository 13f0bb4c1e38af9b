import { dateInput } from './intake-dates.js';

describe('dateInput', () => {
  it('shows a plain day where the API reads that day as the same instant', () => {
    expect(dateInput('opensAt', '2031-01-01T00:00:00+01:00')).toBe('2031-01-01');
    expect(dateInput('closesAt', '2031-02-01T23:59:59.999+01:00')).toBe('2031-02-01');
    expect(dateInput('auditionsTo', '2031-04-15T23:59:59.999+02:00')).toBe('2031-04-15');
    // A summer date given in UTC is still that Copenhagen day's start.
    expect(dateInput('auditionsFrom', '2031-06-01T22:00:00.000Z')).toBe('2031-06-02');
  });

  it('keeps the timestamp where a plain day would move the instant', () => {
    expect(dateInput('resultsAt', '2031-05-01T12:00:00+02:00')).toBe('2031-05-01T12:00:00+02:00');
    // The start of a day is not the end the API reads a plain deadline as, nor one second short of it.
    expect(dateInput('closesAt', '2031-02-01T00:00:00+01:00')).toBe('2031-02-01T00:00:00+01:00');
    expect(dateInput('closesAt', '2031-02-01T23:59:59+01:00')).toBe('2031-02-01T23:59:59+01:00');
    expect(dateInput('opensAt', '2031-01-01T23:59:59.999+01:00')).toBe('2031-01-01T23:59:59.999+01:00');
  });
});
