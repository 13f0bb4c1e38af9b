import { waitingListCsv } from './waiting-list-csv.js';

describe('the waiting list as CSV', () => {
  it('has Danish headings and one line per applicant in the given order, grades as on a transcript', () => {
    const csv = waitingListCsv([
      { rank: 4, applicant: 'Maja Jensen', mainSubject: 'cello', grade: 2 },
      { rank: null, applicant: 'Oliver Berg', mainSubject: 'violin', grade: null },
      { rank: 5, applicant: 'Sofie Holm', mainSubject: 'klaver', grade: -3 },
    ]);
    expect(csv).toBe(
      '\uFEFFPlacering;Ansøger;Hovedfag;Karakter\r\n4;Maja Jensen;cello;02\r\n;Oliver Berg;violin;\r\n5;Sofie Holm;klaver;-3\r\n',
    );
  });
});
