import { DomainError } from '../common/errors.js';
import { assertScoreFits, panelStrength, scoreProblems } from './scoring.js';

const rubric = [
  { key: 'technique', weight: 2, min: 1, max: 10 },
  { key: 'expression', weight: 1, min: 1, max: 10 },
];

describe('scoreProblems', () => {
  it('a score with every key in range and a grade on the scale fits', () => {
    expect(scoreProblems(rubric, { technique: 1, expression: 10 }, -3)).toEqual([]);
    expect(scoreProblems(rubric, { technique: 7.5, expression: 4 }, 12)).toEqual([]);
  });

  it('names a missing, an out-of-range, a non-numeric and an unknown criterion', () => {
    expect(scoreProblems(rubric, { technique: 5 }, 7).map((p) => p.field)).toEqual(['criteria.expression']);
    const out = scoreProblems(rubric, { technique: 11, expression: 0 }, 7);
    expect(out.map((p) => p.field)).toEqual(['criteria.technique', 'criteria.expression']);
    expect(out[0].message).toBe('criteria.technique is 11, outside 1..10');
    expect(scoreProblems(rubric, { technique: '5', expression: 5 }, 7)[0].field).toBe('criteria.technique');
    expect(scoreProblems(rubric, { technique: 5, expression: 5, charm: 9 }, 7)[0]).toMatchObject({
      field: 'criteria.charm',
      message: expect.stringContaining('not in the rubric'),
    });
  });

  it('grade 5, 1 or 02-as-text is not on the 7-point scale', () => {
    for (const grade of [5, 1, '02', 13, null]) {
      expect(scoreProblems(rubric, { technique: 5, expression: 5 }, grade)).toEqual([
        expect.objectContaining({ field: 'grade' }),
      ]);
    }
  });

  it('assertScoreFits throws a 400 whose details list every problem', () => {
    let error: unknown;
    try {
      assertScoreFits(rubric, { technique: 0 }, 5);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).details).toEqual([
      expect.objectContaining({ field: 'criteria.technique' }),
      expect.objectContaining({ field: 'criteria.expression' }),
      expect.objectContaining({ field: 'grade' }),
    ]);
  });
});

describe('panelStrength', () => {
  it('a panel of three with one recused still has two scoring members', () => {
    expect(panelStrength(['a', 'b', 'c'], ['a'])).toEqual({ members: 3, scoring: 2, needsAttention: false });
  });
  it('below two scoring members needs attention; recusals of non-members do not count', () => {
    expect(panelStrength(['a', 'b', 'c'], ['a', 'b'])).toMatchObject({ scoring: 1, needsAttention: true });
    expect(panelStrength(['a', 'b'], ['x'])).toMatchObject({ scoring: 2, needsAttention: false });
  });
});
