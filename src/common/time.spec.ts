import { ageOn, copenhagenDate, endOfDayInCopenhagen, formatCopenhagen, toCopenhagenIso } from './time.js';

describe('Copenhagen time', () => {
  it('a deadline at the end of a winter day is 22:59:59.999 UTC (CET, +01:00)', () => {
    expect(endOfDayInCopenhagen('2027-02-01').toISOString()).toBe('2027-02-01T22:59:59.999Z');
  });

  it('a deadline at the end of a summer day is 21:59:59.999 UTC (CEST, +02:00)', () => {
    expect(endOfDayInCopenhagen('2027-05-01').toISOString()).toBe('2027-05-01T21:59:59.999Z');
  });

  it('on both sides of the spring change (28 March 2027) the local end of day stays 23:59', () => {
    expect(toCopenhagenIso(endOfDayInCopenhagen('2027-03-27'))).toBe('2027-03-27T23:59:59.999+01:00');
    expect(toCopenhagenIso(endOfDayInCopenhagen('2027-03-28'))).toBe('2027-03-28T23:59:59.999+02:00');
  });

  it('on both sides of the autumn change (31 October 2027)', () => {
    expect(endOfDayInCopenhagen('2027-10-30').toISOString()).toBe('2027-10-30T21:59:59.999Z');
    expect(endOfDayInCopenhagen('2027-10-31').toISOString()).toBe('2027-10-31T22:59:59.999Z');
  });

  it('the Copenhagen date of an instant late in the UTC evening is the next day', () => {
    expect(copenhagenDate(new Date('2027-01-31T23:30:00Z'))).toBe('2027-02-01');
  });

  it('formats for people in Danish and English', () => {
    const deadline = new Date('2027-02-01T22:59:00Z');
    expect(formatCopenhagen(deadline, 'da')).toBe('1. februar 2027 kl. 23:59');
    expect(formatCopenhagen(deadline, 'en')).toBe('1 February 2027 at 23:59');
  });

  it('ages count whole years', () => {
    expect(ageOn('2009-08-01', '2027-08-01')).toBe(18);
    expect(ageOn('2009-08-02', '2027-08-01')).toBe(17);
    expect(ageOn('2012-02-29', '2027-02-28')).toBe(14);
  });
});
