import { toCopenhagenIso } from '../common/time.js';
import { assessRisk, describeRisk, type RiskInput } from './at-risk.js';

const approvedAt = new Date('2033-09-01T10:00:00Z');
const base: RiskInput = {
  status: 'in_progress',
  approvedAt,
  milestones: [
    { id: 'm1', title: 'Proposal', dueDate: '2033-09-15', completedAt: new Date('2033-09-14T10:00:00Z') },
    { id: 'm2', title: 'Midway presentation', dueDate: '2033-11-15', completedAt: null },
  ],
  latestCheckIn: { at: new Date('2033-09-10T10:00:00Z'), onTrack: true },
  now: new Date('2033-09-20T10:00:00Z'),
  today: '2033-09-20',
};

describe('at-risk projects', () => {
  it('a project on schedule with a recent good check-in is not at risk', () => {
    expect(assessRisk(base)).toEqual({ atRisk: false, atRiskSince: null, reasons: [] });
  });

  it('a milestone not completed is overdue from the day after its due date', () => {
    const onDueDay = assessRisk({
      ...base,
      now: new Date('2033-11-15T20:00:00Z'),
      today: '2033-11-15',
      latestCheckIn: { at: new Date('2033-11-10T10:00:00Z'), onTrack: true },
    });
    expect(onDueDay.atRisk).toBe(false);
    const dayAfter = assessRisk({
      ...base,
      now: new Date('2033-11-16T08:00:00Z'),
      today: '2033-11-16',
      latestCheckIn: { at: new Date('2033-11-10T10:00:00Z'), onTrack: true },
    });
    expect(dayAfter).toEqual({
      atRisk: true,
      atRiskSince: '2033-11-16',
      reasons: [
        expect.objectContaining({
          code: 'milestone_overdue',
          milestoneId: 'm2',
          dueDate: '2033-11-15',
          atRiskSince: '2033-11-16',
        }),
      ],
    });
  });

  it('a completed milestone past its date does not count', () => {
    const r = assessRisk({ ...base, today: '2033-09-20' });
    expect(r.reasons.some((x) => x.code === 'milestone_overdue')).toBe(false);
  });

  it('no check-in for 21 days, counted from approval when there was none', () => {
    const never = { ...base, latestCheckIn: null };
    expect(assessRisk({ ...never, now: new Date('2033-09-21T09:00:00Z') }).atRisk).toBe(false);
    const late = assessRisk({ ...never, now: new Date('2033-09-22T10:00:00Z') });
    expect(late.reasons).toEqual([
      expect.objectContaining({
        code: 'no_check_in',
        days: 21,
        since: toCopenhagenIso(approvedAt),
        atRiskSince: '2033-09-22',
      }),
    ]);
    const stale = assessRisk({ ...base, now: new Date('2033-10-05T10:00:00Z'), today: '2033-10-05' });
    expect(stale.reasons).toEqual([expect.objectContaining({ code: 'no_check_in', days: 25 })]);
  });

  it('the latest check-in saying not on track', () => {
    const r = assessRisk({
      ...base,
      latestCheckIn: { at: new Date('2033-09-19T10:00:00Z'), onTrack: false },
    });
    expect(r).toEqual({
      atRisk: true,
      atRiskSince: '2033-09-19',
      reasons: [expect.objectContaining({ code: 'not_on_track', atRiskSince: '2033-09-19' })],
    });
  });

  it('lists every reason at once', () => {
    const r = assessRisk({
      ...base,
      latestCheckIn: { at: new Date('2033-10-01T10:00:00Z'), onTrack: false },
      now: new Date('2033-11-30T10:00:00Z'),
      today: '2033-11-30',
    });
    expect(r.reasons.map((x) => x.code)).toEqual(['milestone_overdue', 'no_check_in', 'not_on_track']);
    // Not on track since the check-in of 1 October, the earliest of the three.
    expect(r.atRiskSince).toBe('2033-10-01');
  });

  it.each(['proposed', 'returned', 'submitted', 'assessed'] as const)(
    'a %s project is never at risk',
    (status) => {
      expect(
        assessRisk({
          ...base,
          status,
          latestCheckIn: null,
          now: new Date('2034-06-01T00:00:00Z'),
          today: '2034-06-01',
        }).atRisk,
      ).toBe(false);
    },
  );

  it('says each reason in Danish and English', () => {
    const r = assessRisk({
      ...base,
      latestCheckIn: { at: new Date('2033-10-01T10:00:00Z'), onTrack: false },
      now: new Date('2033-11-30T10:00:00Z'),
      today: '2033-11-30',
    });
    expect(r.reasons.map((x) => describeRisk(x, 'da'))).toEqual([
      'Delmålet "Midway presentation" skulle have været klar 15. november 2033 og er ikke afsluttet',
      'Ingen vejledning i 60 dage',
      'Seneste vejledning siger, at projektet ikke er på rette spor',
    ]);
    expect(describeRisk(r.reasons[0], 'en')).toBe(
      'Milestone "Midway presentation" was due on 15 November 2033 and is not completed',
    );
    const never = assessRisk({ ...base, latestCheckIn: null, now: new Date('2033-09-25T10:00:00Z') });
    expect(never.reasons.map((x) => describeRisk(x, 'da'))).toEqual([
      'Ingen vejledning i de 24 dage siden godkendelsen',
    ]);
  });
});
