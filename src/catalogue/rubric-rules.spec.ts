import { DEFAULT_CRITERIA, defaultCriteria, rubricProblems, type Criterion } from './rubric-rules.js';

const c = (overrides: Partial<Criterion> = {}): Criterion => ({
  key: 'technique',
  label: 'Teknik',
  weight: 1,
  min: 1,
  max: 10,
  ...overrides,
});

describe('rubric rules', () => {
  it('the default rubrics of every programme are valid', () => {
    for (const programme of Object.keys(DEFAULT_CRITERIA)) {
      expect(rubricProblems(defaultCriteria(programme))).toEqual([]);
    }
    expect(defaultCriteria('MGK').map((x) => x.key)).toEqual([
      'technique',
      'musical-expression',
      'interpretation',
      'ear-training',
      'sight-reading',
      'ensemble',
    ]);
  });

  it('a zero or negative weight is named', () => {
    expect(rubricProblems([c(), c({ key: 'voice', weight: 0 }), c({ key: 'body', weight: -2 })])).toEqual([
      { field: 'criteria.1.weight', message: 'criteria.1.weight must be positive' },
      { field: 'criteria.2.weight', message: 'criteria.2.weight must be positive' },
    ]);
  });

  it('keys are unique slugs', () => {
    expect(rubricProblems([c(), c()]).map((p) => p.field)).toEqual(['criteria.1.key']);
    expect(rubricProblems([c({ key: 'Sight Reading' })]).map((p) => p.field)).toEqual(['criteria.0.key']);
    expect(rubricProblems([c({ key: 'sight-reading' })])).toEqual([]);
  });

  it('min must be below max, and there must be a criterion', () => {
    expect(rubricProblems([c({ min: 5, max: 5 })]).map((p) => p.field)).toEqual(['criteria.0.max']);
    expect(rubricProblems([]).map((p) => p.field)).toEqual(['criteria']);
  });

  it('defaults are copies: editing one intake cannot change another', () => {
    const a = defaultCriteria('BGK');
    a[0].weight = 99;
    expect(defaultCriteria('BGK')[0].weight).toBe(30);
  });
});
