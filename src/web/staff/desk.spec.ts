import { deskYears, draftsNeedAttention, expiringOffers, funnelOf, onTheDesk } from './desk.js';

describe('the desk', () => {
  it('counts each funnel step as those who reached it or went beyond', () => {
    const counts = [
      { status: 'draft', count: 4 },
      { status: 'withdrawn', count: 1 },
      { status: 'submitted', count: 3 },
      { status: 'in_audition', count: 2 },
      { status: 'rejected', count: 5 },
      { status: 'waitlisted', count: 2 },
      { status: 'admitted', count: 1 },
      { status: 'accepted', count: 2 },
      { status: 'declined', count: 1 },
    ];
    expect(funnelOf(counts)).toEqual({ applied: 21, submitted: 16, auditioned: 13, offered: 4, accepted: 2 });
    expect(funnelOf([])).toEqual({ applied: 0, submitted: 0, auditioned: 0, offered: 0, accepted: 0 });
  });

  it('drafts need attention in the last seven days before the deadline, not after it', () => {
    const intake = { closesAt: '2031-02-01T23:59:59+01:00' };
    expect(draftsNeedAttention(intake, new Date('2031-01-20T12:00:00Z'))).toBe(false);
    expect(draftsNeedAttention(intake, new Date('2031-01-26T12:00:00Z'))).toBe(true);
    expect(draftsNeedAttention(intake, new Date('2031-02-02T12:00:00Z'))).toBe(false);
  });

  it('offers expiring within two days, open ones only; intakes stay on the desk 60 days after the results', () => {
    const now = new Date('2031-05-10T12:00:00Z');
    const offers = [
      { id: 'a', status: 'open', respondBy: '2031-05-11T21:59:59Z' },
      { id: 'b', status: 'open', respondBy: '2031-05-15T21:59:59Z' },
      { id: 'c', status: 'accepted', respondBy: '2031-05-11T21:59:59Z' },
      { id: 'd', status: 'open', respondBy: '2031-05-09T21:59:59Z' },
    ];
    expect(expiringOffers(offers, now).map((o) => o.id)).toEqual(['a']);
    const intake = (opensAt: string, resultsAt: string) => ({ opensAt, resultsAt });
    expect(onTheDesk(intake('2030-11-01', '2031-05-01T12:00:00+02:00'), now)).toBe(true);
    expect(onTheDesk(intake('2031-11-01', '2032-05-01T12:00:00+02:00'), now)).toBe(true);
    expect(onTheDesk(intake('2032-11-01', '2033-05-01T12:00:00+02:00'), now)).toBe(false);
    expect(onTheDesk(intake('2030-11-01', '2031-02-01T12:00:00+01:00'), now)).toBe(false);
    expect(deskYears(new Date('2031-12-31T23:30:00Z'))).toEqual([2033, 2032]);
  });
});
