import { numberOrUndefined, readRows, rowField } from './list-form.js';

describe('readRows', () => {
  it('groups a list form by row, trims, leaves blank rows out and keeps each row’s form index', () => {
    const posted = readRows(
      {
        'criteria[0].key': ' teknik ',
        'criteria[0].weight': '2',
        'criteria[1].key': '',
        'criteria[1].weight': ' ',
        'criteria[2].key': 'udtryk',
        'criteria[10].key': 'x',
        'other[0].key': 'y',
        'criteria[3].unknown': 'z',
        _csrf: 't',
      },
      'criteria',
      ['key', 'weight'],
    );
    expect(posted.rows).toEqual([{ key: 'teknik', weight: '2' }, { key: 'udtryk' }, { key: 'x' }]);
    expect(posted.index).toEqual([0, 2, 10]);
  });

  it('ignores indexes past the rows a form can offer', () => {
    expect(readRows({ 'quotas[101].max': '1' }, 'quotas', ['max']).rows).toEqual([]);
  });
});

describe('rowField', () => {
  it('names the input the refused row came from', () => {
    expect(rowField('criteria.1.weight', 'criteria', [0, 2])).toEqual({
      name: 'criteria[2].weight',
      generic: 'criteria.weight',
    });
  });

  it('leaves other fields as they are', () => {
    expect(rowField('closesAt', 'quotas', [])).toEqual({ name: 'closesAt', generic: 'closesAt' });
    expect(rowField('seats.classical', 'quotas', [])).toEqual({ name: 'seats.classical', generic: 'seats' });
  });
});

describe('numberOrUndefined', () => {
  it('leaves blanks out and reads the rest as numbers', () => {
    expect(numberOrUndefined(' ')).toBeUndefined();
    expect(numberOrUndefined('12')).toBe(12);
    expect(numberOrUndefined('tolv')).toBeNaN();
  });
});
