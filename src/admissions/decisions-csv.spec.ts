import { decisionsCsv } from './decisions-csv.js';

describe('the decisions for a Danish Excel', () => {
  it('says outcomes in Danish, grades as on a transcript, and the reason for an override', () => {
    const lines = decisionsCsv([
      {
        track: 'classical',
        rank: 1,
        applicant: 'Asta',
        mainSubject: 'violin',
        grade: 12,
        proposedOutcome: 'admitted',
        outcome: 'admitted',
        overrideReason: null,
      },
      {
        track: 'classical',
        rank: 4,
        applicant: 'Frej',
        mainSubject: 'fløjte',
        grade: 2,
        proposedOutcome: 'waitlisted',
        outcome: 'rejected',
        overrideReason: 'Trak sig',
      },
      {
        track: 'classical',
        rank: null,
        applicant: 'Gro',
        mainSubject: 'harpe',
        grade: -3,
        proposedOutcome: null,
        outcome: 'rejected',
        overrideReason: null,
      },
    ])
      .slice(1)
      .split('\r\n');
    expect(lines).toEqual([
      'Linje;Placering;Ansøger;Hovedfag;Karakter;Forslag;Afgørelse;Begrundelse for afvigelse',
      'classical;1;Asta;violin;12;Optages;Optages;',
      'classical;4;Frej;fløjte;02;Venteliste;Optages ikke;Trak sig',
      'classical;;Gro;harpe;-3;;Optages ikke;',
      '',
    ]);
  });
});
