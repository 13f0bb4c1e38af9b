import ical, { ICalCalendarMethod } from 'ical-generator';

/** One audition as a calendar entry, its words already in the reader's language. */
export interface AuditionEvent {
  auditionId: string;
  startsAt: Date;
  endsAt: Date;
  /** e.g. "Optagelsesprøve, MGK klassisk". */
  summary: string;
  /** Venue and room, as the invitation says them. */
  location: string;
  /** What to bring and where to see the application, one paragraph each. */
  description: string;
  /** The application's page. */
  url: string;
}

const SEQUENCE_EPOCH = Date.UTC(2026, 0, 1);

/**
 * The audition as an iCalendar file (RFC 5545) a phone's calendar opens. The UID is the audition's, so a file
 * downloaded again after a move updates the entry instead of adding a second one; times are UTC (every calendar
 * shows them in its own zone, no VTIMEZONE needed).
 */
export function auditionCalendar(event: AuditionEvent, now: Date): string {
  const calendar = ical({
    prodId: { company: 'Aalborg Talentakademi', product: 'Optag', language: 'DA' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: `audition-${event.auditionId}@talentakademi.aalborg.dk`,
    start: event.startsAt,
    end: event.endsAt,
    stamp: now,
    // A later download after a move carries a higher sequence, so calendars replace the old time (minutes
    // since 2026, which stays a small integer for calendars that read it as 32 bits).
    sequence: Math.max(0, Math.floor((now.getTime() - SEQUENCE_EPOCH) / 60_000)),
    summary: event.summary,
    location: event.location,
    description: event.description,
    url: event.url,
  });
  return calendar.toString();
}
