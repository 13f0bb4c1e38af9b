import type { Labels } from './render.js';

/** Labels and sample data that templates of several areas share. */
const PROGRAMMES: Labels = {
  da: {
    MGK: 'Musikalsk Grundkursus (MGK)',
    BGK: 'Billedkunstnerisk Grundkursus (BGK)',
    TGK: 'Teater Grundkursus (TGK)',
  },
  en: {
    MGK: 'the music foundation course (MGK)',
    BGK: 'the visual art foundation course (BGK)',
    TGK: 'the theatre foundation course (TGK)',
  },
};

export const programme = { labels: PROGRAMMES } as const;

export const SAMPLE_APPLICANT = {
  name: 'Maja Jensen',
  programme: 'MGK',
  link: 'https://talentakademi.example/a/1',
};

export const SAMPLE_AUDITION = {
  ...SAMPLE_APPLICANT,
  roundName: 'Optagelsesprøve',
  startsAt: '2027-03-04T09:30:00Z',
  venue: 'Aalborg Kulturskole, Saxogade 3',
  room: 'Sal 2',
};
