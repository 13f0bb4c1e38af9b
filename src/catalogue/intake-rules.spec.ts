import {
  changeAfterOpeningRefusal,
  intakeDateProblems,
  isOpenForApplications,
  parseIntakeDate,
  seatProblems,
  type IntakeDates,
} from './intake-rules.js';

const dates = (overrides: Partial<Record<keyof IntakeDates, string>> = {}): IntakeDates => {
  const iso = {
    opensAt: '2026-11-01T00:00:00+01:00',
    closesAt: '2027-02-01T23:59:59+01:00',
    auditionsFrom: '2027-02-15T09:00:00+01:00',
    auditionsTo: '2027-04-15T17:00:00+02:00',
    resultsAt: '2027-05-01T12:00:00+02:00',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(iso).map(([k, v]) => [k, new Date(v)])) as IntakeDates;
};

describe('intake dates', () => {
  it('in order: no problems', () => {
    expect(intakeDateProblems(dates())).toEqual([]);
  });

  it('names the later field of each pair out of order', () => {
    expect(intakeDateProblems(dates({ closesAt: '2026-10-01T00:00:00+02:00' }))).toEqual([
      { field: 'closesAt', message: 'closesAt must be after opensAt' },
    ]);
    expect(
      intakeDateProblems(dates({ auditionsTo: '2027-02-10T00:00:00+01:00' })).map((p) => p.field),
    ).toEqual(['auditionsTo']);
    expect(intakeDateProblems(dates({ resultsAt: '2027-04-01T00:00:00+02:00' }))).toEqual([
      { field: 'resultsAt', message: 'resultsAt must be on or after auditionsTo' },
    ]);
  });

  it('the window must not be empty, but auditions may start the moment it closes', () => {
    expect(intakeDateProblems(dates({ closesAt: '2026-11-01T00:00:00+01:00' })).map((p) => p.field)).toEqual([
      'closesAt',
    ]);
    expect(intakeDateProblems(dates({ auditionsFrom: '2027-02-01T23:59:59+01:00' }))).toEqual([]);
  });

  it('a closing date alone is 23:59:59.999 Copenhagen time, in winter and in summer', () => {
    expect(parseIntakeDate('closesAt', '2027-02-01')?.toISOString()).toBe('2027-02-01T22:59:59.999Z');
    expect(parseIntakeDate('closesAt', '2027-06-01')?.toISOString()).toBe('2027-06-01T21:59:59.999Z');
  });

  it('a closing date on either side of the spring daylight-saving change (28 March 2027)', () => {
    expect(parseIntakeDate('closesAt', '2027-03-27')?.toISOString()).toBe('2027-03-27T22:59:59.999Z');
    expect(parseIntakeDate('closesAt', '2027-03-28')?.toISOString()).toBe('2027-03-28T21:59:59.999Z');
  });

  it('an opening date alone is the start of that Copenhagen day', () => {
    expect(parseIntakeDate('opensAt', '2026-11-01')?.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(parseIntakeDate('auditionsTo', '2027-04-15')?.toISOString()).toBe('2027-04-15T21:59:59.999Z');
  });

  it('timestamps need an offset; nonsense is refused', () => {
    expect(parseIntakeDate('resultsAt', '2027-05-01T12:00:00+02:00')?.toISOString()).toBe(
      '2027-05-01T10:00:00.000Z',
    );
    expect(parseIntakeDate('resultsAt', '2027-05-01T10:00:00Z')?.toISOString()).toBe(
      '2027-05-01T10:00:00.000Z',
    );
    expect(parseIntakeDate('resultsAt', '2027-05-01T12:00:00')).toBeUndefined();
    expect(parseIntakeDate('resultsAt', '2027-02-30')).toBeUndefined();
    expect(parseIntakeDate('resultsAt', 'next Friday')).toBeUndefined();
  });

  it('open for applications from opensAt to closesAt inclusive', () => {
    const d = dates();
    expect(isOpenForApplications(d, new Date('2026-10-31T22:59:59Z'))).toBe(false);
    expect(isOpenForApplications(d, d.opensAt)).toBe(true);
    expect(isOpenForApplications(d, d.closesAt)).toBe(true);
    expect(isOpenForApplications(d, new Date(d.closesAt.getTime() + 1))).toBe(false);
  });
});

describe('seats and quotas', () => {
  const mgk = ['classical', 'rhythmic', 'production'];

  it('seats for known tracks and quotas within them are fine', () => {
    expect(
      seatProblems(
        { classical: 12, rhythmic: 8 },
        [{ track: 'classical', mainSubject: 'kontrabas', max: 1 }],
        'MGK',
        mgk,
      ),
    ).toEqual([]);
  });

  it('an unknown track is named', () => {
    expect(seatProblems({ classical: 12, ballet: 3 }, [], 'MGK', mgk)).toEqual([
      {
        field: 'seats.ballet',
        message: 'ballet is not a track of MGK (tracks: classical, rhythmic, production)',
      },
    ]);
  });

  it('seats must be whole numbers ≥ 1, and at least one track', () => {
    expect(seatProblems({ classical: 0, rhythmic: 2.5 }, [], 'MGK', mgk).map((p) => p.field)).toEqual([
      'seats.classical',
      'seats.rhythmic',
    ]);
    expect(seatProblems({}, [], 'MGK', mgk).map((p) => p.field)).toEqual(['seats']);
  });

  it('a quota above the seats of its track, or for a track without seats, is refused', () => {
    const problems = seatProblems(
      { classical: 2 },
      [
        { track: 'classical', mainSubject: 'violin', max: 3 },
        { track: 'rhythmic', mainSubject: 'trommer', max: 1 },
      ],
      'MGK',
      mgk,
    );
    expect(problems.map((p) => p.field)).toEqual(['quotas.0.max', 'quotas.1.track']);
  });

  it('one quota per main subject within a track', () => {
    const q = { track: 'classical', mainSubject: 'Violin', max: 1 };
    expect(seatProblems({ classical: 5 }, [q, { ...q, mainSubject: 'violin ' }], 'MGK', mgk)).toEqual([
      { field: 'quotas.1', message: 'violin  in classical has more than one quota' },
    ]);
  });
});

describe('changes after applications opened', () => {
  const before = dates();

  it('dates may move later', () => {
    const after = dates({ closesAt: '2027-02-08T23:59:59+01:00', resultsAt: '2027-05-02T12:00:00+02:00' });
    expect(changeAfterOpeningRefusal(['closesAt', 'resultsAt'], before, after)).toBeUndefined();
  });

  it('not earlier', () => {
    const after = dates({ closesAt: '2027-01-25T23:59:59+01:00' });
    expect(changeAfterOpeningRefusal(['closesAt'], before, after)).toEqual({
      field: 'closesAt',
      message: 'Applications have opened: closesAt may only move later',
    });
  });

  it('seats, quotas and the opening itself are fixed', () => {
    expect(changeAfterOpeningRefusal(['seats'], before, before)?.field).toBe('seats');
    expect(changeAfterOpeningRefusal(['quotas'], before, before)?.field).toBe('quotas');
    expect(
      changeAfterOpeningRefusal(['opensAt'], before, dates({ opensAt: '2026-12-01T00:00:00+01:00' }))?.field,
    ).toBe('opensAt');
  });
});
