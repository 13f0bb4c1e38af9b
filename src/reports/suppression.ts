/** What a figure shows: the count, or "<5" when it is too small to publish (or would reveal a small one). */
export type Shown = number | '<5';

/** Counts from 1 to this minus one are never shown. */
export const SMALLEST_SHOWN = 5;
export const SUPPRESSED = '<5' as const;

/** A table of counts: a row per group (or track), a column per measure, and the total of the rows per column. */
export interface CountTable {
  rows: number[][];
  total: number[];
}

export interface ShownTable {
  rows: Shown[][];
  total: Shown[];
}

const small = (n: number) => n > 0 && n < SMALLEST_SHOWN;

/**
 * Small-number suppression of a table whose rows add up to its total row, column by column (issue 21):
 *
 * - primary: a count of 1–4 shows "<5" (0 is shown: it describes nobody, and a stage not yet reached is 0);
 * - secondary: when exactly one row of a column is hidden and the total is shown, the total minus the other
 *   rows would give it away, so the smallest other non-zero row of that column is hidden too (the later one on a
 *   tie, so the hidden pair is two neighbours as often as not). Two hidden rows can only be told apart from each
 *   other by their sum, which is at least 5 + something small, so one extra is enough.
 *
 * Columns are independent: the measures of a row are stages of a funnel (nested, not added up), so no row sum
 * is published that could undo a column's suppression.
 */
export function suppress(table: CountTable): ShownTable {
  const rows: Shown[][] = table.rows.map((row) => row.map((n) => (small(n) ? SUPPRESSED : n)));
  const total: Shown[] = table.total.map((n) => (small(n) ? SUPPRESSED : n));
  table.total.forEach((_, column) => {
    if (total[column] === SUPPRESSED) return;
    const hidden = rows.filter((row) => row[column] === SUPPRESSED).length;
    if (hidden !== 1) return;
    let pick = -1;
    table.rows.forEach((row, index) => {
      const n = row[column];
      if (n === 0 || rows[index][column] === SUPPRESSED) return;
      if (pick === -1 || n <= table.rows[pick][column]) pick = index;
    });
    if (pick !== -1) rows[pick][column] = SUPPRESSED;
  });
  return { rows, total };
}

/** A single count with no total to reveal it (a programme's year in the year-over-year table). */
export function shown(n: number): Shown {
  return small(n) ? SUPPRESSED : n;
}

/**
 * A share in per cent (one decimal), only when both counts are shown: a rate of hidden counts could give them
 * back. Null when it cannot be said (hidden, or nothing to divide by).
 */
export function rate(part: Shown, whole: Shown): number | null {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}
