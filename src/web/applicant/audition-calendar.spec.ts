import { auditionCalendar } from './audition-calendar.js';

const event = {
  auditionId: '4f9c1d0e-8a53-4bb1-9a7e-0c2f3d4e5f60',
  startsAt: new Date('2031-03-04T08:25:00Z'),
  endsAt: new Date('2031-03-04T08:50:00Z'),
  summary: 'Optagelsesprøve, MGK klassisk',
  location: 'Aalborg Kulturskole, Sal 2',
  description: 'Medbring: Dit instrument; noder til akkompagnatøren.',
  url: 'https://optag.example.dk/applications/1',
};

/** Unfolds RFC 5545 line folding (CRLF + one space) so a long property reads as one line. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('auditionCalendar', () => {
  const ics = auditionCalendar(event, new Date('2031-02-20T10:00:00Z'));
  const lines = unfold(ics).split('\r\n');

  it('is one VEVENT in a VCALENDAR with CRLF line ends', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('has the time in UTC, the place and a UID that stays with the audition', () => {
    expect(lines).toContain('DTSTART:20310304T082500Z');
    expect(lines).toContain('DTEND:20310304T085000Z');
    expect(lines).toContain('LOCATION:Aalborg Kulturskole\\, Sal 2');
    expect(lines).toContain(`UID:audition-${event.auditionId}@talentakademi.aalborg.dk`);
    expect(lines).toContain('SUMMARY:Optagelsesprøve\\, MGK klassisk');
    expect(lines.some((l) => l.startsWith('DESCRIPTION:Medbring: Dit instrument\\; noder'))).toBe(true);
  });

  it('a later download (e.g. after a move) has a higher SEQUENCE, so calendars replace the entry', () => {
    const later = unfold(auditionCalendar(event, new Date('2031-02-25T10:00:00Z')));
    const seq = (s: string) => Number(/SEQUENCE:(\d+)/.exec(s)![1]);
    expect(seq(later)).toBeGreaterThan(seq(unfold(ics)));
  });
});
