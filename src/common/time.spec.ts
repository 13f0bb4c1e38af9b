import { DateTime } from 'luxon';
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

  it('toCopenhagenIso writes what luxon writes, across both changes of every year and at random instants', () => {
    const luxon = (d: Date) =>
      DateTime.fromJSDate(d, { zone: 'Europe/Copenhagen' }).toISO({ suppressMilliseconds: true });
    const instants: Date[] = [];
    for (let year = 2024; year <= 2045; year++) {
      for (const [month, day] of [
        [3, 24],
        [10, 24],
      ]) {
        // Every 30 minutes over the last week of March and October (the changes fall on their last Sunday).
        const start = Date.UTC(year, month - 1, day);
        for (let t = start; t < start + 9 * 86_400_000; t += 900_000)
          instants.push(new Date(t), new Date(t + 1));
      }
    }
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) instants.push(new Date(Math.floor(random() * 5e12) - 1e12));
    instants.push(new Date(0), new Date('2027-02-01T22:59:00Z'), new Date('2027-06-01T10:00:00.120Z'));
    for (const d of instants) expect(toCopenhagenIso(d)).toBe(luxon(d));
    expect(toCopenhagenIso(new Date(NaN))).toBe(luxon(new Date(NaN)));
  });
});
