import { byDayAndRoom, jurorDayCalendar } from './running-order.js';

const row = (startsAt: string | null, room: string | null, id: string) => ({
  id,
  startsAt,
  room,
  venue: 'Musikkens Hus',
});

describe('the running order', () => {
  it('groups by Copenhagen day and room, in time order, untimed last', () => {
    const days = byDayAndRoom([
      row('2031-03-04T09:30:00+01:00', 'Sal 2', 'c'),
      row(null, null, 'p'),
      row('2031-03-04T09:00:00+01:00', 'Sal 1', 'a'),
      row('2031-03-05T00:30:00+01:00', 'Sal 1', 'd'),
      row('2031-03-04T09:25:00+01:00', 'Sal 1', 'b'),
      // 23:15 UTC on the 4th is the 5th in Copenhagen.
      row('2031-03-04T23:15:00Z', 'Sal 1', 'e'),
    ]);
    expect(days.map((d) => d.day)).toEqual(['2031-03-04', '2031-03-05', null]);
    expect(days[0].rooms.map((r) => [r.room, r.items.map((i) => i.id)])).toEqual([
      ['Sal 1', ['a', 'b']],
      ['Sal 2', ['c']],
    ]);
    expect(days[1].rooms[0].items.map((i) => i.id)).toEqual(['e', 'd']);
    expect(days[2].rooms).toEqual([{ room: null, items: [row(null, null, 'p')] }]);
  });

  it('a juror’s day as a calendar: one entry per audition, a stable UID, no applicant names', () => {
    const ics = jurorDayCalendar(
      'j1',
      [
        {
          auditionId: 'a1',
          startsAt: new Date('2031-03-04T08:00:00Z'),
          endsAt: new Date('2031-03-04T08:25:00Z'),
          summary: 'Optagelsesprøve, Sal 1',
          location: 'Sal 1, Musikkens Hus',
          description: 'Panel A',
        },
        {
          auditionId: 'a2',
          startsAt: new Date('2031-03-04T08:25:00Z'),
          endsAt: new Date('2031-03-04T08:50:00Z'),
          summary: 'Optagelsesprøve, Sal 1',
          location: 'Sal 1, Musikkens Hus',
          description: 'Panel A',
        },
      ],
      new Date('2031-03-01T10:00:00Z'),
    );
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('UID:jury-a1-j1@talentakademi.aalborg.dk');
    expect(ics).toContain('DTSTART:20310304T080000Z');
  });
});
