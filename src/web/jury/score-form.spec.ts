import { gradeLabel, readResultForm, readScoreForm, typedNumber } from './score-form.js';

describe('the score sheet as a form', () => {
  it('reads numbers as jurors type them, keeps what is not a number, drops what is empty', () => {
    expect(typedNumber('7')).toBe(7);
    expect(typedNumber(' 7,5 ')).toBe(7.5);
    expect(typedNumber('−3')).toBe(-3);
    expect(typedNumber('')).toBeUndefined();
    expect(typedNumber('syv')).toBe('syv');
    expect(typedNumber('7e2')).toBe('7e2');
  });

  it('builds the API body from criteria.<key>, grade and comment, ignoring keys not on the sheet', () => {
    expect(
      readScoreForm(
        {
          'criteria.technique': '8',
          'criteria.ear': '',
          'criteria.sneaky': '9',
          grade: '2',
          comment: ' Fint ',
        },
        ['technique', 'ear'],
      ),
    ).toEqual({ criteria: { technique: 8 }, grade: 2, comment: 'Fint' });
    expect(readScoreForm({}, ['technique'])).toEqual({ criteria: {}, grade: undefined });
  });

  it('reads the chair’s result', () => {
    expect(readResultForm({ grade: '10', passed: 'true', note: '' })).toEqual({ grade: 10, passed: true });
    expect(readResultForm({ grade: '-3', passed: 'false', note: 'Enige' })).toEqual({
      grade: -3,
      passed: false,
      note: 'Enige',
    });
    expect(readResultForm({}).passed).toBeUndefined();
  });

  it('writes grades the Danish way', () => {
    expect([12, 10, 7, 4, 2, 0, -3].map(gradeLabel)).toEqual(['12', '10', '7', '4', '02', '00', '−3']);
  });
});
