import { DomainError } from '../common/errors.js';
import { RankedApplicant, nextOnWaitlist, proposeDecisions, proposeTrack } from './proposal.js';

const ranked = (
  applicationId: string,
  rank: number | null,
  mainSubject: string,
  passed: boolean | null = true,
  noShow = false,
): RankedApplicant => ({
  applicationId,
  rank,
  mainSubject,
  passed,
  noShow,
  score: rank === null ? 0 : 10 - rank,
});

describe('proposeDecisions', () => {
  // Issue 9: 3 seats, a quota of 1 double bass, 8 ranked applicants (2 double bass, 1 failed, 1 no-show).
  const issue9 = {
    seats: 3,
    quotas: [{ mainSubject: 'Double bass', max: 1 }],
    ranking: [
      ranked('violin-1', 1, 'violin'),
      ranked('bass-2', 2, 'double bass'),
      ranked('bass-3', 3, ' Double  Bass '),
      ranked('piano-4', 4, 'piano', false),
      ranked('cello-5', 5, 'cello'),
      ranked('flute-6', 6, 'flute'),
      ranked('guitar-7', 7, 'guitar'),
      ranked('drums-noshow', null, 'drums', null, true),
    ],
  };

  it('admits the best who passed within seats and quota, waitlists the rest who passed, rejects the others', () => {
    const proposal = proposeDecisions(issue9);
    expect(proposal.admit).toEqual(['violin-1', 'bass-2', 'cello-5']);
    expect(proposal.waitlist).toEqual(['bass-3', 'flute-6', 'guitar-7']);
    expect(proposal.reject).toEqual(['piano-4', 'drums-noshow']);
    expect(proposal.explanations).toEqual({
      'violin-1': 'rank 1, passed: admitted (seat 1 of 3)',
      'bass-2': 'rank 2, passed: admitted (seat 2 of 3)',
      'bass-3': 'rank 3, passed: quota for Double bass (1) reached — waiting list, position 1',
      'piano-4': 'rank 4: did not pass',
      'cello-5': 'rank 5, passed: admitted (seat 3 of 3)',
      'flute-6': 'rank 6, passed: all 3 seats taken — waiting list, position 2',
      'guitar-7': 'rank 7, passed: all 3 seats taken — waiting list, position 3',
      'drums-noshow': 'no-show',
    });
  });

  it('does not depend on the order the ranking is listed in', () => {
    const shuffled = { ...issue9, ranking: [...issue9.ranking].reverse() };
    const proposal = proposeDecisions(shuffled);
    expect(proposal.admit).toEqual(['violin-1', 'bass-2', 'cello-5']);
    expect(proposal.waitlist).toEqual(['bass-3', 'flute-6', 'guitar-7']);
    expect(proposal.reject).toEqual(['piano-4', 'drums-noshow']);
  });

  it('rejects an applicant with no agreed result, and saying why', () => {
    const proposal = proposeDecisions({ seats: 2, quotas: [], ranking: [ranked('a', 1, 'piano', null)] });
    expect(proposal.reject).toEqual(['a']);
    expect(proposal.explanations.a).toBe('rank 1: no agreed result recorded — not passed');
  });

  it('with a quota of 0, admits nobody of that subject', () => {
    const proposal = proposeDecisions({
      seats: 2,
      quotas: [{ mainSubject: 'tuba', max: 0 }],
      ranking: [ranked('tuba', 1, 'Tuba'), ranked('oboe', 2, 'oboe')],
    });
    expect(proposal.admit).toEqual(['oboe']);
    expect(proposal.waitlist).toEqual(['tuba']);
  });

  it('keeps listed order for a tie at the seat boundary and tells staff', () => {
    const proposal = proposeDecisions({
      seats: 2,
      quotas: [],
      ranking: [
        ranked('a', 1, 'piano'),
        ranked('b', 2, 'violin'),
        ranked('c', 2, 'cello'),
        ranked('d', 4, 'flute'),
      ],
    });
    expect(proposal.admit).toEqual(['a', 'b']);
    expect(proposal.waitlist).toEqual(['c', 'd']);
    expect(proposal.explanations.b).toBe(
      'rank 2, passed: admitted (seat 2 of 2); tied with c at the seat boundary (admitted in listed order — please review)',
    );
    expect(proposal.explanations.c).toBe(
      'rank 2, passed: all 2 seats taken — waiting list, position 1; tied with b at the seat boundary (admitted in listed order — please review)',
    );
    expect(proposal.explanations.a).toBe('rank 1, passed: admitted (seat 1 of 2)');
  });

  it('does not note a tie that falls wholly inside the admitted', () => {
    const proposal = proposeDecisions({
      seats: 3,
      quotas: [],
      ranking: [
        ranked('a', 1, 'piano'),
        ranked('b', 1, 'violin'),
        ranked('c', 3, 'cello'),
        ranked('d', 4, 'flute'),
      ],
    });
    expect(proposal.admit).toEqual(['a', 'b', 'c']);
    expect(Object.values(proposal.explanations).some((e) => e.includes('tied'))).toBe(false);
  });

  it('refuses negative or fractional seats and quotas with a 400', () => {
    expect(() => proposeDecisions({ seats: -1, quotas: [], ranking: [] })).toThrow(DomainError);
    expect(() => proposeDecisions({ seats: 1.5, quotas: [], ranking: [] })).toThrow(
      'seats must be a whole number',
    );
    expect(() =>
      proposeDecisions({ seats: 1, quotas: [{ mainSubject: 'x', max: -1 }], ranking: [] }),
    ).toThrow('The quota for x');
  });
});

describe('nextOnWaitlist', () => {
  const quotas = [{ mainSubject: 'double bass', max: 1 }];
  const waitlist = [
    { applicationId: 'bass-3', mainSubject: 'Double Bass' },
    { applicationId: 'flute-6', mainSubject: 'flute' },
    { applicationId: 'guitar-7', mainSubject: 'guitar' },
  ];

  it('skips a quota-blocked applicant while the quota is held (the cellist declined)', () => {
    const heldSeats = [{ mainSubject: 'violin' }, { mainSubject: 'double bass' }];
    expect(nextOnWaitlist({ waitlist, quotas, heldSeats })?.applicationId).toBe('flute-6');
  });

  it('offers the quota-blocked applicant first once the quota frees up (the bassist declined)', () => {
    const heldSeats = [{ mainSubject: 'violin' }, { mainSubject: 'cello' }];
    expect(nextOnWaitlist({ waitlist, quotas, heldSeats })?.applicationId).toBe('bass-3');
  });

  it('walks down the list as offers are made and declined', () => {
    const heldSeats = [{ mainSubject: 'violin' }, { mainSubject: 'double bass' }];
    const offered: string[] = [];
    let rest = [...waitlist];
    for (;;) {
      const next = nextOnWaitlist({ waitlist: rest, quotas, heldSeats });
      if (!next) break;
      offered.push(next.applicationId);
      rest = rest.filter((w) => w !== next); // declined
    }
    expect(offered).toEqual(['flute-6', 'guitar-7']);
  });

  it('returns null when only quota-blocked applicants are left, or when every seat is held', () => {
    expect(
      nextOnWaitlist({ waitlist: waitlist.slice(0, 1), quotas, heldSeats: [{ mainSubject: 'double bass' }] }),
    ).toBeNull();
    expect(nextOnWaitlist({ waitlist: [], quotas, heldSeats: [] })).toBeNull();
    const full = [{ mainSubject: 'violin' }, { mainSubject: 'cello' }, { mainSubject: 'piano' }];
    expect(nextOnWaitlist({ waitlist, quotas, heldSeats: full, seats: 3 })).toBeNull();
    expect(nextOnWaitlist({ waitlist, quotas, heldSeats: full.slice(0, 2), seats: 3 })?.applicationId).toBe(
      'bass-3',
    );
  });
});

describe('proposeTrack', () => {
  const candidates = [
    { id: 'a', mainSubject: 'violin' },
    { id: 'b', mainSubject: 'cello' },
    { id: 'c', mainSubject: 'piano' },
    { id: 'd', mainSubject: 'flute' },
  ];

  it('decides every candidate: ranked by the proposal, a no-show rejected, one the final round did not rank rejected', () => {
    const { proposal, decisions } = proposeTrack({
      seats: 1,
      quotas: [],
      candidates,
      finalRound: {
        ranking: [
          { applicationId: 'b', rank: 1, passed: true, grade: 10, score: 8 },
          { applicationId: 'a', rank: 2, passed: true, grade: 7, score: 7 },
          { applicationId: 'stranger', rank: 3, passed: true, grade: 7, score: 6 },
        ],
        noShows: ['c'],
      },
    });
    expect(proposal).toMatchObject({ admit: ['b'], waitlist: ['a'], reject: ['c', 'd'] });
    expect(decisions).toEqual([
      expect.objectContaining({
        applicationId: 'b',
        outcome: 'admitted',
        rank: 1,
        grade: 10,
        mainSubject: 'cello',
      }),
      expect.objectContaining({ applicationId: 'a', outcome: 'waitlisted', rank: 2, grade: 7 }),
      {
        applicationId: 'c',
        mainSubject: 'piano',
        rank: null,
        grade: null,
        outcome: 'rejected',
        explanation: 'no-show',
      },
      {
        applicationId: 'd',
        mainSubject: 'flute',
        rank: null,
        grade: null,
        outcome: 'rejected',
        explanation: 'did not reach or was not judged in the final round',
      },
    ]);
  });

  it('a track without rounds rejects everyone and says so', () => {
    const { decisions } = proposeTrack({ seats: 3, quotas: [], candidates, finalRound: null });
    expect(decisions.map((d) => [d.outcome, d.explanation])).toEqual(
      candidates.map(() => ['rejected', 'the track has no rounds yet']),
    );
  });
});
