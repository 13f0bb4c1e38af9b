import { ageBand, breakdown, FIXED_GROUPS, funnel, years, type FigureFact } from './figures.js';

const fact = (over: Partial<FigureFact> = {}, groups: Partial<FigureFact['groups']> = {}): FigureFact => ({
  programme: 'TGK',
  track: 'theatre',
  year: 2030,
  submitted: true,
  auditioned: true,
  passed: false,
  offered: false,
  accepted: false,
  enrolled: false,
  completedYear1: false,
  completedYear2: false,
  completedYear3: false,
  destination: null,
  groups: {
    gender: 'woman',
    region: 'Region Nordjylland',
    municipality: '851',
    age: '16-17',
    feeder: 'none',
    ...groups,
  },
  ...over,
});
const many = (n: number, f: () => FigureFact) => Array.from({ length: n }, f);

describe('the yearly figures’ counting', () => {
  it('bands ages on the reference date, 14–25 being the rule', () => {
    expect([null, 13, 14, 15, 16, 17, 18, 19, 20, 25, 26].map(ageBand)).toEqual([
      'unknown',
      'under-14',
      '14-15',
      '14-15',
      '16-17',
      '16-17',
      '18-19',
      '18-19',
      '20-25',
      '20-25',
      'over-25',
    ]);
  });

  it('counts each stage of the funnel per track and the programme, with the rates', () => {
    const facts = [
      ...many(6, () =>
        fact({ passed: true, offered: true, accepted: true, enrolled: true, completedYear1: true }),
      ),
      ...many(4, () => fact({ passed: true, offered: true })),
      ...many(10, () => fact()),
      ...many(2, () => fact({ submitted: false, auditioned: false })),
    ];
    const [theatre, total] = funnel(facts, [{ code: 'TGK', tracks: ['theatre'] }]);
    expect(theatre).toMatchObject({
      track: 'theatre',
      applied: 22,
      submitted: 20,
      auditioned: 20,
      passed: 10,
    });
    expect(theatre).toMatchObject({
      offered: 10,
      accepted: 6,
      enrolled: 6,
      completedYear1: 6,
      completedYear2: 0,
    });
    expect(theatre).toMatchObject({ admissionRate: 50, acceptanceRate: 60 });
    expect(total).toMatchObject({ programme: 'TGK', track: null, applied: 22 });
  });

  it('lists the fixed groups always, then others met by most applicants, the not-answered last', () => {
    const facts = [
      ...many(7, () => fact({}, { municipality: '851' })),
      ...many(9, () => fact({}, { municipality: '860' })),
      ...many(6, () => fact({}, { municipality: 'unanswered' })),
    ];
    const rows = breakdown(facts, 'municipality', FIXED_GROUPS.municipality);
    expect(rows.map((r) => [r.group, r.applied])).toEqual([
      ['860', 9],
      ['851', 7],
      ['prefer-not', 0],
      ['unanswered', 6],
      ['total', 22],
    ]);
    expect(breakdown(facts, 'gender', FIXED_GROUPS.gender).map((r) => r.group)).toEqual([
      'woman',
      'man',
      'self-described',
      'prefer-not',
      'unanswered',
      'total',
    ]);
  });

  it('gives a row per year, small ones hidden', () => {
    const facts = [...many(6, () => fact({ year: 2029 })), ...many(3, () => fact({ year: 2030 }))];
    expect(years(facts, [2028, 2029, 2030]).map((r) => [r.year, r.applied])).toEqual([
      [2028, 0],
      [2029, 6],
      [2030, '<5'],
    ]);
  });
});
