import { date, dateTime, time, weekdayDate } from './format.js';

describe('page date formats (Copenhagen time, Danish conventions)', () => {
  it('shows a deadline in winter and summer time', () => {
    expect(dateTime('2031-02-01T22:59:00Z', 'da')).toBe('1. februar 2031 kl. 23.59');
    expect(dateTime('2031-02-01T22:59:00Z', 'en')).toBe('1 February 2031 at 23:59');
    expect(dateTime('2031-06-01T07:05:00Z', 'da')).toBe('1. juni 2031 kl. 09.05');
  });

  it('shows a calendar date as written, whatever the zone', () => {
    expect(date('2010-05-17', 'da')).toBe('17. maj 2010');
    expect(date('2010-05-17', 'en')).toBe('17 May 2010');
  });

  it('shows times and weekdays', () => {
    expect(time('2031-02-15T08:30:00Z', 'da')).toBe('kl. 9.30');
    expect(time('2031-02-15T08:30:00Z', 'en')).toBe('09:30');
    expect(weekdayDate('2031-02-15T08:30:00Z', 'da')).toBe('lørdag den 15. februar 2031');
  });
});
