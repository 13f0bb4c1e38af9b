import { invalid } from '../common/errors.js';

/** A half-open interval [from, to): intervals that only touch do not overlap. */
export interface Interval {
  from: Date;
  to: Date;
}

export interface SchedulingCandidate {
  applicationId: string;
  /** When the applicant said they cannot come. */
  unavailable: readonly Interval[];
}

export interface FreeSlot {
  slotId: string;
  panelId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SchedulingInput {
  /** Candidates not yet placed in this round, in a stable order (submission order). */
  candidates: readonly SchedulingCandidate[];
  /** The round's slots; taken ones may be left out or named in `takenSlotIds`. */
  slots: readonly FreeSlot[];
  takenSlotIds?: Iterable<string>;
}

export interface Placement {
  applicationId: string;
  slotId: string;
  panelId: string;
}

export interface Unplaced {
  applicationId: string;
  reason: string;
}

export interface ScheduleResult {
  /** In timetable order (earliest slot first). */
  placements: Placement[];
  /** In candidate order. */
  unplaced: Unplaced[];
}

export const UNPLACED_REASONS = {
  noFreeSlots: 'no free slots left in this round',
  unavailableEverywhere: 'unavailable at every free slot',
  unavailableAtRemaining: 'unavailable at every slot still free (the others went to other candidates)',
} as const;

/** Whether two half-open time ranges overlap; back-to-back slots do not. */
export function slotsOverlap(
  a: { startsAt: Date; endsAt: Date },
  b: { startsAt: Date; endsAt: Date },
): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * Every pair of items that share a key (room, panel, juror…) and overlap in time, each pair once, earlier
 * first. Sweep per key after sorting by start: O(n log n + pairs).
 */
export function findOverlaps<T extends { startsAt: Date; endsAt: Date }>(
  items: readonly T[],
  keyOf: (item: T) => string,
): [T, T][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = byKey.get(key);
    if (group) group.push(item);
    else byKey.set(key, [item]);
  }
  const pairs: [T, T][] = [];
  for (const group of byKey.values()) {
    group.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let active: T[] = [];
    for (const item of group) {
      const start = item.startsAt.getTime();
      active = active.filter((other) => other.endsAt.getTime() > start);
      for (const other of active) if (slotsOverlap(other, item)) pairs.push([other, item]);
      active.push(item);
    }
  }
  return pairs;
}

/** Pairs of slots booked in the same room of the same venue at overlapping times (names compared loosely). */
export function roomOverlaps<
  T extends { slotId: string; venue: string; room: string; startsAt: Date; endsAt: Date },
>(slots: readonly T[]): { a: string; b: string }[] {
  const norm = (s: string) => s.trim().toLowerCase();
  return findOverlaps(slots, (s) => `${norm(s.venue)}\u0000${norm(s.room)}`).map(([a, b]) => ({
    a: a.slotId,
    b: b.slotId,
  }));
}

/** `count` back-to-back slots of `durationMinutes` from `startsAt` (each ends where the next starts). */
export function consecutiveSlots(
  startsAt: Date,
  durationMinutes: number,
  count: number,
): { startsAt: Date; endsAt: Date }[] {
  if (Number.isNaN(startsAt.getTime())) throw invalid('startsAt', 'startsAt must be a valid date');
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 24 * 60) {
    throw invalid('durationMinutes', 'durationMinutes must be a whole number of minutes from 1 to 1440');
  }
  if (!Number.isInteger(count) || count < 1 || count > 500) {
    throw invalid('count', 'count must be a whole number from 1 to 500');
  }
  const step = durationMinutes * 60_000;
  const first = startsAt.getTime();
  return Array.from({ length: count }, (_, i) => ({
    startsAt: new Date(first + i * step),
    endsAt: new Date(first + (i + 1) * step),
  }));
}

/**
 * Places candidates into free slots: one slot per candidate and one candidate per slot, never in a slot
 * overlapping their unavailability, as many candidates as possible, on the earliest slots possible.
 *
 * Why not greedy in candidate order: a flexible candidate can take the only slot a constrained one could
 * use. This is a bipartite matching grown slot by slot in time order with augmenting paths (Kuhn), which is
 * the greedy algorithm on the transversal matroid of the slots: the result is a maximum matching and its
 * set of used slots is the earliest possible (day 1 fills before day 2, and no later slot is used while an
 * earlier one could have been). When no reshuffle is needed a slot takes the first free candidate in the
 * given order, so with no constraints the timetable follows submission order.
 *
 * Cost: feasibility is a bitset (slots × candidates / 8 bytes, 625 kB for 2,500 × 2,000); an augmenting
 * search that fails marks the candidates it saw as dead for good (no later augmentation can revive them),
 * so failed searches cost O(edges) in total.
 */
export function scheduleCandidates(input: SchedulingInput): ScheduleResult {
  const taken = new Set(input.takenSlotIds ?? []);
  const slots = input.slots
    .filter((s) => !taken.has(s.slotId))
    .map((s, i) => ({ s, i, start: s.startsAt.getTime(), end: s.endsAt.getTime() }))
    // Earliest first; at the same time, the order given (e.g. panel order) decides.
    .sort((a, b) => a.start - b.start || a.i - b.i);

  // One slot per applicant: a repeated application id is placed (or not) once.
  const seen = new Set<string>();
  const candidates = input.candidates.filter(
    (c) => !seen.has(c.applicationId) && !!seen.add(c.applicationId),
  );

  const nS = slots.length;
  const nC = candidates.length;
  const words = (nC + 31) >>> 5;
  const adj = new Uint32Array(nS * words); // adj[s*words + w] bit b: candidate w*32+b can attend slot s
  const feasibleCount = new Int32Array(nC);
  const slotStart = Float64Array.from(slots, (x) => x.start);
  const slotEnd = Float64Array.from(slots, (x) => x.end);

  // Everyone can attend everything, then each unavailability clears the slots it overlaps. Slots are sorted
  // by start, so those are among starts in (from − longest slot, to): two binary searches, not a scan.
  let longest = 0;
  for (let s = 0; s < nS; s++) longest = Math.max(longest, slotEnd[s] - slotStart[s]);
  const firstStartAtOrAfter = (t: number) => {
    let lo = 0;
    let hi = nS;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (slotStart[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let c = 0; c < nC; c++) {
    const w = c >>> 5;
    const bit = 1 << (c & 31);
    for (let s = 0; s < nS; s++) adj[s * words + w] |= bit;
    let count = nS;
    for (const u of candidates[c].unavailable) {
      const from = u.from.getTime();
      const to = u.to.getTime();
      if (!(from < to)) continue; // empty or invalid: blocks nothing
      const end = firstStartAtOrAfter(to);
      for (let s = firstStartAtOrAfter(from - longest); s < end; s++) {
        const i = s * words + w;
        if (slotEnd[s] > from && adj[i] & bit) {
          adj[i] &= ~bit;
          count--;
        }
      }
    }
    feasibleCount[c] = count;
  }

  const slotOfCand = new Int32Array(nC).fill(-1);
  const candOfSlot = new Int32Array(nS).fill(-1);
  const free = new Uint32Array(words); // candidates still without a slot who can attend at least one
  let freeLeft = 0;
  for (let c = 0; c < nC; c++) {
    if (feasibleCount[c] > 0) {
      free[c >>> 5] |= 1 << (c & 31);
      freeLeft++;
    }
  }
  const dead = new Uint32Array(words); // matched candidates from whom no augmenting path can start
  const seenInSearch = new Uint32Array(words);
  const visited: number[] = [];
  const stackSlot = new Int32Array(nC + 1);
  const stackVia = new Int32Array(nC + 1); // the candidate whose current slot this stack entry is
  const stackCursor = new Int32Array(nC + 1); // next candidate index to look at from this slot

  const firstFree = (s: number): number => {
    const base = s * words;
    for (let w = 0; w < words; w++) {
      const x = adj[base + w] & free[w];
      if (x !== 0) return (w << 5) + (31 - Math.clz32(x & -x));
    }
    return -1;
  };

  // Next matched candidate able to attend slot s, not yet seen in this search nor dead, from index `from`.
  const nextMatched = (s: number, from: number): number => {
    const base = s * words;
    for (let w = from >>> 5; w < words; w++) {
      let x = adj[base + w] & ~free[w] & ~dead[w] & ~seenInSearch[w];
      if (w === from >>> 5) x &= ~0 << (from & 31);
      if (x !== 0) return (w << 5) + (31 - Math.clz32(x & -x));
    }
    return -1;
  };

  const augmentFrom = (root: number): boolean => {
    let top = 0;
    stackSlot[0] = root;
    stackVia[0] = -1;
    stackCursor[0] = -1;
    visited.length = 0;
    while (top >= 0) {
      const s = stackSlot[top];
      if (stackCursor[top] === -1) {
        const f = firstFree(s);
        if (f >= 0) {
          // Shift along the path: f takes the deepest slot, each candidate on the way moves one slot up.
          let cand = f;
          for (let k = top; k >= 0; k--) {
            const slot = stackSlot[k];
            slotOfCand[cand] = slot;
            candOfSlot[slot] = cand;
            cand = stackVia[k];
          }
          free[f >>> 5] &= ~(1 << (f & 31));
          for (const c of visited) seenInSearch[c >>> 5] = 0;
          return true;
        }
        stackCursor[top] = 0;
      }
      const c = nextMatched(s, stackCursor[top]);
      if (c < 0) {
        top--;
        continue;
      }
      stackCursor[top] = c + 1;
      seenInSearch[c >>> 5] |= 1 << (c & 31);
      visited.push(c);
      top++;
      stackSlot[top] = slotOfCand[c];
      stackVia[top] = c;
      stackCursor[top] = -1;
    }
    for (const c of visited) {
      dead[c >>> 5] |= 1 << (c & 31);
      seenInSearch[c >>> 5] = 0;
    }
    return false;
  };

  for (let s = 0; s < nS && freeLeft > 0; s++) {
    if (augmentFrom(s)) freeLeft--;
  }

  const placements: Placement[] = [];
  for (let s = 0; s < nS; s++) {
    const c = candOfSlot[s];
    if (c >= 0)
      placements.push({
        applicationId: candidates[c].applicationId,
        slotId: slots[s].s.slotId,
        panelId: slots[s].s.panelId,
      });
  }
  const slotsLeft = nS - placements.length;
  const unplaced: Unplaced[] = [];
  for (let c = 0; c < nC; c++) {
    if (slotOfCand[c] >= 0) continue;
    const reason =
      slotsLeft === 0
        ? UNPLACED_REASONS.noFreeSlots
        : feasibleCount[c] === 0
          ? UNPLACED_REASONS.unavailableEverywhere
          : UNPLACED_REASONS.unavailableAtRemaining;
    unplaced.push({ applicationId: candidates[c].applicationId, reason });
  }
  return { placements, unplaced };
}

export interface PanelAssignment {
  applicationId: string;
  panelId: string;
}

/**
 * Pre-screen rounds have no times: each candidate goes to the panel with the fewest candidates so far
 * (counting `assigned`, those it already has), ties to the panel listed first — round-robin when the
 * panels start even, and it evens them out again when re-run for late candidates.
 */
export function assignPanelsForPrescreen(
  candidates: readonly { applicationId: string }[],
  panels: readonly { panelId: string; assigned?: number }[],
): { assignments: PanelAssignment[]; unplaced: Unplaced[] } {
  if (panels.length === 0) {
    return {
      assignments: [],
      unplaced: candidates.map((c) => ({ applicationId: c.applicationId, reason: 'no panel in this round' })),
    };
  }
  const load = panels.map((p) => p.assigned ?? 0);
  const seen = new Set<string>();
  const assignments: PanelAssignment[] = [];
  for (const c of candidates) {
    if (seen.has(c.applicationId)) continue;
    seen.add(c.applicationId);
    let best = 0;
    for (let p = 1; p < panels.length; p++) if (load[p] < load[best]) best = p;
    load[best]++;
    assignments.push({ applicationId: c.applicationId, panelId: panels[best].panelId });
  }
  return { assignments, unplaced: [] };
}
