import { unflatten, keptValues } from './form.js';

describe('page forms', () => {
  it('turns flat field names into the API shape and drops empty rows', () => {
    expect(
      unflatten({
        _csrf: 'x',
        email: 'maja@example.dk',
        'guardian.name': 'Hanne',
        'guardian.email': 'hanne@example.dk',
        'guardian.phone': '',
        'repertoire[0].title': 'Suite',
        'repertoire[0].composer': 'Bach',
        'repertoire[1].title': '',
        'repertoire[2].title': 'Etude',
      }),
    ).toEqual({
      email: 'maja@example.dk',
      guardian: { name: 'Hanne', email: 'hanne@example.dk' },
      repertoire: [{ title: 'Suite', composer: 'Bach' }, { title: 'Etude' }],
    });
  });

  it('ignores prototype keys', () => {
    const out = unflatten({ '__proto__.polluted': 'yes', 'a.constructor.x': 'y' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).toEqual({});
  });

  it('keeps what was typed for the form again, but never the token or a password', () => {
    expect(keptValues({ _csrf: 't', email: 'a@b.dk', password: 'x', currentPassword: 'y' })).toEqual({
      email: 'a@b.dk',
    });
  });
});
