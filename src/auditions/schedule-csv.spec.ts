import { scheduleCsv } from './schedule-csv.js';

describe('the schedule for a Danish Excel', () => {
  it('has Danish headings, Copenhagen dates and times (summer time too), and Danish attendance', () => {
    const csv = scheduleCsv([
      {
        startsAt: '2027-03-04T09:00:00+01:00',
        endsAt: '2027-03-04T09:25:00+01:00',
        venue: 'Kulturskolen',
        room: 'Sal 2',
        panelName: 'Panel A',
        applicantName: 'Åse Ørum',
        track: 'classical',
        mainSubject: 'violin',
        attendance: 'no_show',
      },
      {
        startsAt: '2027-04-01T07:30:00Z',
        endsAt: '2027-04-01T07:55:00Z',
        venue: null,
        room: null,
        panelName: 'Panel B',
        applicantName: '=HYPERLINK("x")',
        track: 'classical',
        mainSubject: 'cello',
        attendance: 'scheduled',
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Dato;Start;Slut;Sted;Lokale;Panel;Ansøger;Linje;Hovedfag;Fremmøde',
      '04.03.2027;09:00;09:25;Kulturskolen;Sal 2;Panel A;Åse Ørum;classical;violin;Udeblevet',
      `01.04.2027;09:30;09:55;;;Panel B;"'=HYPERLINK(""x"")";classical;cello;Forventet`,
      '',
    ]);
  });
});
