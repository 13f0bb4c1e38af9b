import {
  applyAction,
  formField,
  formOf,
  parseAction,
  readForm,
  refusedFields,
  rowCounts,
  toUpdateBody,
} from './application-form.js';

describe('the application form', () => {
  const body = {
    _csrf: 'x',
    mainSubject: ' cello ',
    motivation: 'Jeg vil spille.',
    'repertoire[0].title': 'Prélude',
    'repertoire[0].composer': 'Bach',
    'repertoire[0].durationMinutes': '3,5',
    'repertoire[1].title': '',
    'repertoire[1].composer': '',
    'repertoire[1].durationMinutes': '',
    'repertoire[2].title': 'Élégie',
    'repertoire[2].durationMinutes': 'lang',
    'unavailable[0].from': '2031-03-04T08:00',
    'unavailable[0].to': '2031-03-04T12:00',
    'unavailable[1].from': '',
    'unavailable[1].to': '',
  };

  it('reads every row as typed, and buttons add or remove one', () => {
    const form = readForm(body, false);
    expect(form.repertoire).toHaveLength(3);
    expect(form.namedPieces).toBeUndefined();
    expect(parseAction('remove-row:2')).toEqual({ kind: 'remove-row', index: 2 });
    expect(parseAction('add-period')).toEqual({ kind: 'add-period' });
    expect(parseAction('drop tables')).toEqual({ kind: 'save' });
    expect(applyAction(form, { kind: 'add-row' }).repertoire).toHaveLength(4);
    expect(applyAction(form, { kind: 'remove-row', index: 0 }).repertoire.map((r) => r.title)).toEqual([
      '',
      'Élégie',
    ]);
    expect(rowCounts(form)).toEqual({ repertoire: 3, unavailable: 2 });
  });

  it("becomes the API's body: empty rows left out, decimal commas, Copenhagen times with offset", () => {
    const update = toUpdateBody(readForm(body, false));
    expect(update.body).toEqual({
      mainSubject: 'cello',
      motivation: 'Jeg vil spille.',
      repertoire: [
        { title: 'Prélude', composer: 'Bach', durationMinutes: 3.5 },
        { title: 'Élégie', durationMinutes: 'lang' },
      ],
      unavailable: [{ from: '2031-03-04T08:00:00.000+01:00', to: '2031-03-04T12:00:00.000+01:00' }],
    });
    expect(update.rows).toEqual({ repertoire: [0, 2], unavailable: [0] });
  });

  it('an error of the body is put next to the row it came from, checked with the API DTO', async () => {
    const update = toUpdateBody(readForm(body, false));
    expect(await refusedFields(update)).toEqual(['repertoire[2].durationMinutes']);
    expect(formField('unavailable.0', update.rows)).toBe('unavailable[0].to');
  });

  it('is filled from the saved application, times back in Copenhagen wall time', () => {
    const form = formOf({
      programme: 'TGK',
      mainSubject: 'skuespil',
      motivation: '',
      repertoire: [],
      namedPieces: { monologue: 'Hamlet' },
      unavailable: [{ from: '2031-07-01T06:00:00Z', to: '2031-07-01T10:00:00Z' }],
    });
    expect(form.namedPieces).toEqual({ monologue: 'Hamlet', song: '' });
    expect(form.unavailable).toEqual([{ from: '2031-07-01T08:00', to: '2031-07-01T12:00' }]);
  });
});
