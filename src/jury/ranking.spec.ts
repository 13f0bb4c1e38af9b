import { DomainError } from '../common/errors.js';
import { AuditionForRanking, JurorScoreInput, RubricCriterion, rankRound, weightedScore } from './ranking.js';

// Technique counts twice as much as expression; both 0..10.
const RUBRIC: RubricCriterion[] = [
  { key: 'technique', weight: 2, min: 0, max: 10 },
  { key: 'expression', weight: 1, min: 0, max: 10 },
];

const score = (
  jurorId: string,
  technique: number,
  expression: number,
  grade = 7,
  passed?: boolean,
): JurorScoreInput => ({
  jurorId,
  criteria: { technique, expression },
  grade,
  ...(passed === undefined ? {} : { passed }),
});

const audition = (
  applicationId: string,
  scores: JurorScoreInput[],
  extra: Partial<AuditionForRanking> = {},
): AuditionForRanking => ({
  applicationId,
  agreedGrade: 7,
  passed: true,
  noShow: false,
  withdrawn: false,
  scores,
  ...extra,
});

const order = (r: ReturnType<typeof rankRound>) => r.ranking.map((x) => [x.applicationId, x.rank]);

describe('weighted rubric score', () => {
  it('is sum(w·x)/sum(w): (2·9 + 1·6) / 3 = 8', () => {
    expect(weightedScore(RUBRIC, { technique: 9, expression: 6 })).toBe(8);
  });

  it('normalises weights: [2, 1] and [4, 2] give the same scores, [1, 1] does not', () => {
    const auditions = [
      audition('A', [score('J1', 9, 6), score('J2', 7, 2)]),
      audition('B', [score('J1', 6, 10), score('J2', 8, 8)]),
    ];
    const doubled = RUBRIC.map((c) => ({ ...c, weight: c.weight * 2 }));
    const even = RUBRIC.map((c) => ({ ...c, weight: 1 }));
    const a = rankRound({ criteria: RUBRIC, auditions });
    const b = rankRound({ criteria: doubled, auditions });
    expect(b.ranking.map((x) => x.score)).toEqual(a.ranking.map((x) => x.score));
    // A: J1 (18+6)/3 = 8, J2 (14+2)/3 = 16/3 → 20/3; B: J1 22/3, J2 8 → 23/3.
    expect(a.ranking.map((x) => [x.applicationId, x.score])).toEqual([
      ['B', expect.closeTo(23 / 3, 12)],
      ['A', expect.closeTo(20 / 3, 12)],
    ]);
    expect(rankRound({ criteria: even, auditions }).ranking.map((x) => x.score)).not.toEqual(
      a.ranking.map((x) => x.score),
    );
  });

  it('refuses a rubric whose weights add up to 0', () => {
    const zero = RUBRIC.map((c) => ({ ...c, weight: 0 }));
    expect(() => rankRound({ criteria: zero, auditions: [] })).toThrow(DomainError);
    expect(() => rankRound({ criteria: [], auditions: [] })).toThrow('The rubric has no criteria');
  });
});

describe('rankRound with z-scores', () => {
  // Panel 1 is judged by a harsh juror (weighted 3, 4, 5), panel 2 by a lenient one (7, 8, 9), same order.
  const harshAndLenient = [
    audition('A1', [score('HARSH', 3, 3)]),
    audition('A2', [score('HARSH', 4, 4)]),
    audition('A3', [score('HARSH', 5, 5)]),
    audition('B1', [score('LENIENT', 7, 7)]),
    audition('B2', [score('LENIENT', 8, 8)]),
    audition('B3', [score('LENIENT', 9, 9)]),
  ];

  it('without normalisation, the lenient panel’s applicants all rank above the harsh panel’s', () => {
    const raw = rankRound({ criteria: RUBRIC, auditions: harshAndLenient }, 'none');
    expect(raw.method).toBe('none');
    expect(order(raw)).toEqual([
      ['B3', 1],
      ['B2', 2],
      ['B1', 3],
      ['A3', 4],
      ['A2', 5],
      ['A1', 6],
    ]);
    expect(raw.ranking.some((x) => x.tied)).toBe(false);
  });

  it('after z-scores, a harsh and a lenient juror count the same: each panel’s best ranks equal', () => {
    const z = rankRound({ criteria: RUBRIC, auditions: harshAndLenient }, 'zscore');
    expect(z.method).toBe('zscore');
    expect(z.flaggedJurors).toEqual([]);
    // Both jurors: mean 4 resp. 8, population SD √(2/3); z = −√1.5, 0, √1.5.
    expect(order(z)).toEqual([
      ['A3', 1],
      ['B3', 1],
      ['A2', 3],
      ['B2', 3],
      ['A1', 5],
      ['B1', 5],
    ]);
    expect(z.ranking.map((x) => x.score)).toEqual(
      [1, 1, 0, 0, -1, -1].map((k) => expect.closeTo(k * Math.sqrt(1.5), 12)),
    );
    expect(z.ranking.every((x) => x.tied)).toBe(true);
  });

  it('averages z-scores over the panel (hand-computed)', () => {
    // J1 weighted: A 5, B 8, C 2 → mean 5, SD √6 → z 0, 3/√6, −3/√6.
    // J2 weighted: A 8, B 9, C 7 → mean 8, SD √(2/3) → z 0, 1/√(2/3), −1/√(2/3). Both ±√1.5.
    const auditions = [
      audition('A', [score('J1', 5, 5), score('J2', 8, 8)]),
      audition('B', [score('J1', 9, 6), score('J2', 10, 7)]),
      audition('C', [score('J1', 1, 4), score('J2', 6, 9)]),
    ];
    const raw = rankRound({ criteria: RUBRIC, auditions }, 'none');
    expect(raw.ranking.map((x) => [x.applicationId, x.score])).toEqual([
      ['B', 8.5],
      ['A', 6.5],
      ['C', 4.5],
    ]);
    const z = rankRound({ criteria: RUBRIC, auditions }, 'zscore');
    expect(z.ranking.map((x) => [x.applicationId, x.rank, x.score, x.jurors])).toEqual([
      ['B', 1, expect.closeTo(Math.sqrt(1.5), 12), 2],
      ['A', 2, expect.closeTo(0, 12), 2],
      ['C', 3, expect.closeTo(-Math.sqrt(1.5), 12), 2],
    ]);
  });

  it('flags a juror with fewer than 3 scores and reads them on the round’s pooled scale', () => {
    const auditions = [
      audition('A', [score('J1', 5, 5), score('J2', 8, 8)]),
      audition('B', [score('J1', 9, 6), score('J2', 10, 7)]),
      audition('C', [score('J1', 1, 4), score('J2', 6, 9)]),
      audition('D', [score('GUEST', 6, 6)]), // a substitute juror with a single score
    ];
    const z = rankRound({ criteria: RUBRIC, auditions }, 'zscore');
    expect(z.flaggedJurors).toEqual([
      { jurorId: 'GUEST', reason: expect.stringContaining('only 1 score in the round') },
    ]);
    // Pooled over all 7 weighted scores 5, 8, 2, 8, 9, 7, 6: mean 45/7, SD √(323/7 − (45/7)²).
    const pooledMean = 45 / 7;
    const pooledSd = Math.sqrt(323 / 7 - pooledMean ** 2);
    const d = z.ranking.find((x) => x.applicationId === 'D');
    expect(d?.score).toBeCloseTo((6 - pooledMean) / pooledSd, 12);
    expect(order(z)).toEqual([
      ['B', 1],
      ['A', 2],
      ['D', 3],
      ['C', 4],
    ]);
    // 'none' normalises nothing, so flags nobody.
    expect(rankRound({ criteria: RUBRIC, auditions }, 'none').flaggedJurors).toEqual([]);
  });

  it('flags a juror who gave everyone the same score (SD 0) instead of dividing by zero', () => {
    const auditions = [
      audition('A', [score('FLAT', 5, 5), score('J2', 8, 8)]),
      audition('B', [score('FLAT', 5, 5), score('J2', 10, 7)]),
      audition('C', [score('FLAT', 5, 5), score('J2', 6, 9)]),
    ];
    const z = rankRound({ criteria: RUBRIC, auditions }, 'zscore');
    expect(z.flaggedJurors).toEqual([{ jurorId: 'FLAT', reason: expect.stringContaining('SD 0') }]);
    for (const x of z.ranking) expect(Number.isFinite(x.score)).toBe(true);
    // FLAT adds the same pooled z to every audition, so J2 alone decides the order.
    expect(order(z)).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 3],
    ]);
  });

  it('leaves no-shows and withdrawn applications out of the ranking and out of the jurors’ statistics', () => {
    const base = [
      audition('A', [score('J1', 5, 5)]),
      audition('B', [score('J1', 9, 6)]),
      audition('C', [score('J1', 1, 4)]),
    ];
    const withAbsent = [
      ...base,
      audition('NOSHOW', [], { noShow: true, agreedGrade: null, passed: null }),
      audition('GONE', [score('J1', 10, 10)], { withdrawn: true }),
      audition('UNSCORED', [], { agreedGrade: null, passed: null }),
    ];
    const z = rankRound({ criteria: RUBRIC, auditions: withAbsent }, 'zscore');
    expect(z.ranking.map((x) => x.applicationId)).toEqual(['B', 'A', 'C']);
    expect(z.ranking.map((x) => x.score)).toEqual(
      rankRound({ criteria: RUBRIC, auditions: base }, 'zscore').ranking.map((x) => x.score),
    );
    expect(z.notRanked).toEqual([
      { applicationId: 'NOSHOW', reason: 'no-show' },
      { applicationId: 'GONE', reason: 'withdrawn' },
      { applicationId: 'UNSCORED', reason: 'not scored' },
    ]);
  });
});

describe('rankRound tie-breaks', () => {
  const three = (
    t: number,
    e: number,
    grades: [number, number, number],
    explicit: (boolean | undefined)[] = [],
  ) => grades.map((g, i) => score(`J${i + 1}`, t, e, g, explicit[i]));

  it('breaks equal scores by agreed grade, then jurors who passed, then leaves a true tie (1, 2, 3, 4, 4, 6, 7)', () => {
    const auditions = [
      audition('V', three(5, 5, [4, 4, 4])), // score 5
      audition('W', three(6, 6, [4, 4, 4]), { agreedGrade: null, passed: null }), // no agreed grade: lowest
      audition('S', three(6, 6, [4, 4, 0])), // 2 passed
      audition('R', three(6, 6, [4, 4, 4])), // 3 passed
      audition('T', three(6, 6, [0, 4, 4], [true, false])), // explicit flags: J1 passes, J2 fails → 2 passed
      audition('Q', three(6, 6, [4, 4, 4]), { agreedGrade: 10 }),
      audition('P', three(8, 8, [7, 7, 7])), // score 8
    ];
    const result = rankRound({ criteria: RUBRIC, auditions });
    expect(result.ranking.map((x) => [x.applicationId, x.rank, x.grade, x.jurorsPassed, x.tied])).toEqual([
      ['P', 1, 7, 3, false],
      ['Q', 2, 10, 3, false],
      ['R', 3, 7, 3, false],
      ['S', 4, 7, 2, true],
      ['T', 4, 7, 2, true],
      ['W', 6, null, 3, false],
      ['V', 7, 7, 3, false],
    ]);
  });

  it('counts floating-point noise as a tie: (0.1 + 0.2) + 0.3 equals (0.3 + 0.2) + 0.1', () => {
    const flat: RubricCriterion[] = ['a', 'b', 'c'].map((key) => ({ key, weight: 1, min: 0, max: 1 }));
    const s = (a: number, b: number, c: number) => ({ jurorId: 'J1', criteria: { a, b, c }, grade: 7 });
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1); // the trap
    const result = rankRound({
      criteria: flat,
      auditions: [
        audition('X', [s(0.1, 0.2, 0.3)]),
        audition('Y', [s(0.3, 0.2, 0.1)]),
        audition('Z', [s(0.1, 0.1, 0.1)]),
      ],
    });
    expect(result.ranking.map((x) => [x.applicationId, x.rank, x.tied])).toEqual([
      ['X', 1, true],
      ['Y', 1, true],
      ['Z', 3, false],
    ]);
  });

  it('skips a score that does not fit the rubric and ranks on the others', () => {
    const result = rankRound({
      criteria: RUBRIC,
      auditions: [
        audition('A', [score('J1', 8, 8), { jurorId: 'J2', criteria: { technique: 9 }, grade: 10 }]),
        audition('B', [score('J1', 7, 7), score('J2', 11, 7)]),
      ],
    });
    expect(result.ranking.map((x) => [x.applicationId, x.score, x.jurors])).toEqual([
      ['A', 8, 1],
      ['B', 7, 1],
    ]);
    expect(result.skippedScores).toEqual([
      { applicationId: 'A', jurorId: 'J2', reason: "criterion 'expression' is missing" },
      { applicationId: 'B', jurorId: 'J2', reason: "criterion 'technique' is 11, outside 0..10" },
    ]);
  });
});

describe('scores given by their weighted score, and the order they come in (issue 22)', () => {
  // Uneven values so that sums in another order differ in the last bits.
  const auditions = [
    audition('A', [score('J3', 9.1, 6.3), score('J1', 7.7, 2.9), score('J2', 3.3, 8.1)]),
    audition('B', [score('J2', 6.1, 9.7), score('J3', 8.3, 8.9), score('J1', 1.1, 4.4)]),
    audition('C', [score('J1', 5.5, 5.1), score('J2', 2.2, 7.3), score('J3', 9.9, 0.7)]),
    audition('D', [score('J1', 11, 5), score('J2', 4.4, 4.6), score('J3', 6.6, 3.3)]),
  ];
  const asWeighted = (list: AuditionForRanking[]) =>
    list.map((a) => ({
      ...a,
      scores: a.scores.map((s) => {
        const fits = Object.values(s.criteria!).every((x) => x >= 0 && x <= 10);
        // A score that does not fit comes with its criteria: the ranking says why it is left out.
        return fits ? { ...s, criteria: null, weighted: weightedScore(RUBRIC, s.criteria!) } : s;
      }),
    }));
  const reversed = (list: AuditionForRanking[]) =>
    list.map((a) => ({ ...a, scores: [...a.scores].reverse() }));

  it.each(['none', 'zscore'] as const)(
    'rank the same to the last bit as their criteria, in any order (%s)',
    (method) => {
      const expected = rankRound({ criteria: RUBRIC, auditions }, method);
      expect(expected.skippedScores).toEqual([
        expect.objectContaining({ applicationId: 'D', jurorId: 'J1' }),
      ]);
      expect(rankRound({ criteria: RUBRIC, auditions: asWeighted(auditions) }, method)).toEqual(expected);
      expect(rankRound({ criteria: RUBRIC, auditions: reversed(auditions) }, method)).toEqual(expected);
      expect(rankRound({ criteria: RUBRIC, auditions: reversed(asWeighted(auditions)) }, method)).toEqual(
        expected,
      );
    },
  );
});
