import ical, { ICalCalendarMethod } from 'ical-generator';
import { copenhagenDate } from '../../common/time.js';

/** What grouping needs of an audition row. */
export interface Timed {
  startsAt: string | null;
  room: string | null;
  venue: string | null;
}

export interface DayGroup<T extends Timed> {
  /** YYYY-MM-DD in Copenhagen; null for auditions without a time (a pre-screen). */
  day: string | null;
  rooms: Array<{ room: string | null; items: T[] }>;
}

/**
 * Auditions per day (in Copenhagen) and room, days and times in order, auditions without a time last: the
 * running order as it is printed, one room per page.
 */
export function byDayAndRoom<T extends Timed>(items: readonly T[]): Array<DayGroup<T>> {
  const sorted = [...items].sort(
    (a, b) =>
      (a.startsAt === null ? 1 : 0) - (b.startsAt === null ? 1 : 0) ||
      (a.startsAt && b.startsAt ? Date.parse(a.startsAt) - Date.parse(b.startsAt) : 0) ||
      (a.room ?? '').localeCompare(b.room ?? ''),
  );
  const days: Array<DayGroup<T>> = [];
  for (const item of sorted) {
    const day = item.startsAt ? copenhagenDate(new Date(item.startsAt)) : null;
    let group = days.find((d) => d.day === day);
    if (!group) days.push((group = { day, rooms: [] }));
    const room = item.room ? `${item.room}\u0000${item.venue ?? ''}` : null;
    let inRoom = group.rooms.find(
      (r) => (r.room ? `${r.room}\u0000${r.items[0].venue ?? ''}` : null) === room,
    );
    if (!inRoom) group.rooms.push((inRoom = { room: item.room, items: [] }));
    inRoom.items.push(item);
  }
  for (const d of days) d.rooms.sort((a, b) => (a.room ?? '').localeCompare(b.room ?? ''));
  return days;
}

/** One audition of the juror's day as a calendar entry, its words already in the reader's language. */
export interface JurorEvent {
  auditionId: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
}

/**
 * The juror's day as one iCalendar file: an entry per audition (UID per audition and juror, so a new download
 * replaces entries rather than doubling them). No applicant's name goes into the calendar: a phone's calendar
 * syncs to places the academy does not control.
 */
export function jurorDayCalendar(jurorId: string, events: JurorEvent[], now: Date): string {
  const calendar = ical({
    prodId: { company: 'Aalborg Talentakademi', product: 'Censor', language: 'DA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of events) {
    calendar.createEvent({
      id: `jury-${e.auditionId}-${jurorId}@talentakademi.aalborg.dk`,
      start: e.startsAt,
      end: e.endsAt,
      stamp: now,
      summary: e.summary,
      location: e.location,
      description: e.description,
    });
  }
  return calendar.toString();
}
