import { monthsBefore, retentionCutoffs } from './retention.js';

describe('retention cutoffs', () => {
  it('counts calendar months back, ending on the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2031-05-31T10:00:00Z'), 3).toISOString()).toBe('2031-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2031-05-15T10:00:00Z'), 12).toISOString()).toBe('2030-05-15T10:00:00.000Z');
    expect(monthsBefore(new Date('2032-03-31T00:00:00Z'), 1).toISOString()).toBe('2032-02-29T00:00:00.000Z');
  });

  it('gives each rule its own cutoff', () => {
    const c = retentionCutoffs(new Date('2031-08-01T00:00:00Z'), {
      materialMonths: 3,
      applicantMonths: 12,
      outboxDays: 90,
    });
    expect(c.material.toISOString()).toBe('2031-05-01T00:00:00.000Z');
    expect(c.applicant.toISOString()).toBe('2030-08-01T00:00:00.000Z');
    expect(c.outbox.toISOString()).toBe('2031-05-03T00:00:00.000Z');
  });
});
