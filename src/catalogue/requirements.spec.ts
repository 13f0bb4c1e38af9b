import { missingRequirements, type TrackRequirements } from './requirements.js';

// The shapes the Catalogue migration loads for the academy's tracks.
const classical: TrackRequirements = {
  repertoire: { minPieces: 2, maxPieces: 3, maxTotalMinutes: 10 },
  motivation: { required: true },
};
const production: TrackRequirements = {
  uploads: [
    { kind: 'work', min: 2, labelDa: 'værk', labelEn: 'work' },
    { kind: 'cv', min: 1, labelDa: 'CV', labelEn: 'CV' },
  ],
  motivation: { required: true },
};
const visualArt: TrackRequirements = {
  uploads: [{ kind: 'portfolio', min: 1, labelDa: 'portfolio', labelEn: 'portfolio' }],
};
const theatre: TrackRequirements = {
  namedPieces: [
    { key: 'monologue', labelDa: 'monolog', labelEn: 'monologue' },
    { key: 'song', labelDa: 'sang', labelEn: 'song' },
  ],
};

const items = (req: TrackRequirements, input: Parameters<typeof missingRequirements>[1]) =>
  missingRequirements(req, input).map((m) => m.item);

describe('missingRequirements', () => {
  const twoPieces = [
    { title: 'Cellosuite nr. 1, Prélude', composer: 'J.S. Bach', durationMinutes: 3 },
    { title: 'Élégie', composer: 'G. Fauré', durationMinutes: 6.5 },
  ];

  it('a classical application with 2 timed pieces within 10 minutes and a motivation is complete', () => {
    expect(missingRequirements(classical, { motivation: 'Jeg vil spille', repertoire: twoPieces })).toEqual(
      [],
    );
  });

  it('one piece only, and no motivation: both named', () => {
    const missing = missingRequirements(classical, { motivation: '  ', repertoire: [twoPieces[0]] });
    expect(missing).toEqual([
      { item: 'motivation', message: 'A motivation is required', rule: 'motivation' },
      {
        item: 'repertoire',
        message: 'The repertoire must list 2 to 3 pieces (it lists 1)',
        rule: 'piece-count',
        params: { min: 2, max: 3, count: 1 },
      },
    ]);
  });

  it('four pieces are too many', () => {
    const four = [...twoPieces, ...twoPieces].map((p) => ({ ...p, durationMinutes: 2 }));
    expect(items(classical, { motivation: 'x', repertoire: four })).toEqual(['repertoire']);
  });

  it('more than 10 minutes in total is refused, with the total in the message', () => {
    const long = [...twoPieces, { title: 'Libertango', durationMinutes: 4 }];
    const missing = missingRequirements(classical, { motivation: 'x', repertoire: long });
    expect(missing).toEqual([
      {
        item: 'repertoire',
        message: 'The repertoire lasts 13.5 minutes in total; at most 10 minutes are allowed',
        rule: 'total-minutes',
        params: { total: 13.5, max: 10 },
      },
    ]);
  });

  it('exactly 10 minutes is allowed', () => {
    const ten = [
      { title: 'A', durationMinutes: 4 },
      { title: 'B', durationMinutes: 6 },
    ];
    expect(missingRequirements(classical, { motivation: 'x', repertoire: ten })).toEqual([]);
  });

  it('a piece without title or duration is named by its position', () => {
    const pieces = [{ title: 'A', durationMinutes: 4 }, { title: '' }];
    expect(missingRequirements(classical, { motivation: 'x', repertoire: pieces })).toEqual([
      {
        item: 'repertoire.1.title',
        message: 'Piece 2 needs a title',
        rule: 'piece-title',
        params: { piece: 2 },
      },
      {
        item: 'repertoire.1.durationMinutes',
        message: 'Piece 2 needs its duration in minutes',
        rule: 'piece-duration',
        params: { piece: 2 },
      },
    ]);
  });

  it('production: counts uploads per kind and lists every one short', () => {
    expect(missingRequirements(production, { motivation: '', uploads: { work: 1 } })).toEqual([
      { item: 'motivation', message: 'A motivation is required', rule: 'motivation' },
      {
        item: 'uploads.work',
        message: 'Upload at least 2 works (1 uploaded)',
        rule: 'uploads',
        params: { min: 2, count: 1, labelDa: 'værk', labelEn: 'work' },
      },
      {
        item: 'uploads.cv',
        message: 'Upload a CV',
        rule: 'uploads',
        params: { min: 1, count: 0, labelDa: 'CV', labelEn: 'CV' },
      },
    ]);
    expect(missingRequirements(production, { motivation: 'x', uploads: { work: 2, cv: 1 } })).toEqual([]);
  });

  it('visual art: a portfolio; uploads of other kinds do not count', () => {
    expect(missingRequirements(visualArt, { uploads: { work: 3 } })).toEqual([
      {
        item: 'uploads.portfolio',
        message: 'Upload a portfolio',
        rule: 'uploads',
        params: { min: 1, count: 0, labelDa: 'portfolio', labelEn: 'portfolio' },
      },
    ]);
    expect(missingRequirements(visualArt, { uploads: { portfolio: 1 } })).toEqual([]);
  });

  it('theatre: a monologue and a song named; a repertoire is not asked for', () => {
    expect(missingRequirements(theatre, { namedPieces: { monologue: 'Hamlet, 3. akt' } })).toEqual([
      {
        item: 'namedPieces.song',
        message: 'Name your song',
        rule: 'named-piece',
        params: { labelDa: 'sang', labelEn: 'song' },
      },
    ]);
    expect(items(theatre, {})).toEqual(['namedPieces.monologue', 'namedPieces.song']);
    expect(
      missingRequirements(theatre, { namedPieces: { monologue: 'Hamlet', song: 'Send in the Clowns' } }),
    ).toEqual([]);
  });

  it('no requirements, nothing missing', () => {
    expect(missingRequirements({}, {})).toEqual([]);
  });
});
