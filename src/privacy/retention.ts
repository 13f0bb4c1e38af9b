/** The instants retention counts back from "now": anything dated before its cutoff is due. Pure, unit-tested. */
export interface RetentionSettings {
  materialMonths: number;
  applicantMonths: number;
  outboxDays: number;
}

export interface RetentionCutoffs {
  /** Material of applicants not admitted in intakes whose results date is before this is deleted. */
  material: Date;
  /** Applicants never admitted, whose last intake's results date is before this, are anonymised. */
  applicant: Date;
  /** Messages sent before this lose their recipient and body. */
  outbox: Date;
}

/** Calendar months back in UTC (31 March minus one month is 3 March's day count: the end of February). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function retentionCutoffs(now: Date, s: RetentionSettings): RetentionCutoffs {
  return {
    material: monthsBefore(now, s.materialMonths),
    applicant: monthsBefore(now, s.applicantMonths),
    outbox: new Date(now.getTime() - s.outboxDays * 86_400_000),
  };
}
