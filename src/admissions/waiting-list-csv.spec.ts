import { waitingListCsv } from './waiting-list-csv.js';

describe('the waiting list as CSV', () => {
  it('has a header, one CRLF-ended line per applicant in the given order, grades as on a transcript', () => {
    const csv = waitingListCsv([
      { rank: 4, applicant: 'Maja Jensen', mainSubject: 'cello', grade: 2 },
      { rank: null, applicant: 'Oliver Berg', mainSubject: 'violin', grade: null },
    ]);
    expect(csv).toBe(
      'rank,applicant,main subject,grade\r\n4,Maja Jensen,cello,02\r\n,Oliver Berg,violin,\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses a leading formula character', () => {
    const csv = waitingListCsv([
      { rank: 1, applicant: 'Jensen, "Maja"', mainSubject: '=HYPERLINK("x")', grade: 0 },
    ]);
    expect(csv.split('\r\n')[1]).toBe('1,"Jensen, ""Maja""","\'=HYPERLINK(""x"")",00');
  });

  it('defuses a cell starting with a tab or a carriage return like the formula characters', () => {
    const csv = waitingListCsv([{ rank: 1, applicant: '\t=1+1', mainSubject: '\r=cmd|calc', grade: 7 }]);
    expect(csv.split('\r\n').slice(1, -1).join('\r\n')).toBe('1,\'\t=1+1,"\'\r=cmd|calc",7');
  });
});
