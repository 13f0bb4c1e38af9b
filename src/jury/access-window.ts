const DAY_MS = 24 * 3600_000;

/**
 * Least access in time: a panel member reads an audition's dossier and material from its placement (the round's
 * schedule, or the pre-screen's spreading over panels, is what creates the audition) until `daysAfterResults`
 * days after the intake's results are published; never a withdrawn application's.
 */
export function jurorMayRead(input: {
  now: Date;
  withdrawn: boolean;
  resultsPublishedAt: Date | null;
  daysAfterResults: number;
}): boolean {
  if (input.withdrawn) return false;
  if (!input.resultsPublishedAt) return true;
  return input.now.getTime() < input.resultsPublishedAt.getTime() + input.daysAfterResults * DAY_MS;
}
