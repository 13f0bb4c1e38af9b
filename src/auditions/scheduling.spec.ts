import { DomainError } from '../common/errors.js';
import {
  FreeSlot,
  SchedulingCandidate,
  UNPLACED_REASONS,
  assignPanelsForPrescreen,
  consecutiveSlots,
  findOverlaps,
  roomOverlaps,
  scheduleCandidates,
  slotsOverlap,
} from './scheduling.js';

/** 2027-03-<day> hh:mm UTC */
const at = (day: number, hh: number, mm = 0) => new Date(Date.UTC(2027, 2, day, hh, mm));

const slot = (slotId: string, day: number, hh: number, mm = 0, minutes = 25, panelId = 'P1'): FreeSlot => {
  const startsAt = at(day, hh, mm);
  return { slotId, panelId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000) };
};

const anytime = (applicationId: string): SchedulingCandidate => ({ applicationId, unavailable: [] });

/** Available only during [from, to) of the audition period (1–31 March), unavailable the rest. */
const onlyDuring = (applicationId: string, from: Date, to: Date): SchedulingCandidate => ({
  applicationId,
  unavailable: [
    { from: at(1, 0), to: from },
    { from: to, to: at(31, 0) },
  ],
});

const asMap = (placements: { applicationId: string; slotId: string }[]) =>
  Object.fromEntries(placements.map((p) => [p.applicationId, p.slotId]));

describe('scheduleCandidates', () => {
  it('with no free slots, places nobody and says so', () => {
    const none = scheduleCandidates({ candidates: [anytime('A'), anytime('B')], slots: [] });
    expect(none.placements).toEqual([]);
    expect(none.unplaced).toEqual([
      { applicationId: 'A', reason: 'no free slots left in this round' },
      { applicationId: 'B', reason: 'no free slots left in this round' },
    ]);

    const allTaken = scheduleCandidates({
      candidates: [anytime('A')],
      slots: [slot('s1', 2, 9), slot('s2', 2, 10)],
      takenSlotIds: ['s1', 's2'],
    });
    expect(allTaken.placements).toEqual([]);
    expect(allTaken.unplaced).toEqual([{ applicationId: 'A', reason: UNPLACED_REASONS.noFreeSlots }]);
  });

  it('with everyone unavailable at every slot, places nobody and says why', () => {
    const slots = [slot('s1', 2, 9), slot('s2', 2, 9, 25), slot('s3', 3, 9)];
    const awayAllMonth = (id: string) => ({
      applicationId: id,
      unavailable: [{ from: at(1, 0), to: at(31, 0) }],
    });
    const result = scheduleCandidates({ candidates: [awayAllMonth('A'), awayAllMonth('B')], slots });
    expect(result.placements).toEqual([]);
    expect(result.unplaced).toEqual([
      { applicationId: 'A', reason: 'unavailable at every free slot' },
      { applicationId: 'B', reason: 'unavailable at every free slot' },
    ]);
  });

  it('with exactly enough slots, places everyone, each slot once, in candidate order', () => {
    const slots = consecutiveSlots(at(2, 9), 25, 5).map((s, i) => ({
      ...s,
      slotId: `s${i + 1}`,
      panelId: 'P1',
    }));
    const candidates = ['A', 'B', 'C', 'D', 'E'].map(anytime);
    const result = scheduleCandidates({ candidates, slots });
    expect(result.unplaced).toEqual([]);
    expect(result.placements).toEqual([
      { applicationId: 'A', slotId: 's1', panelId: 'P1' },
      { applicationId: 'B', slotId: 's2', panelId: 'P1' },
      { applicationId: 'C', slotId: 's3', panelId: 'P1' },
      { applicationId: 'D', slotId: 's4', panelId: 'P1' },
      { applicationId: 'E', slotId: 's5', panelId: 'P1' },
    ]);
  });

  it('places a constrained candidate where greedy in candidate order would not', () => {
    // Greedy: A (flexible, first) takes s1, the only slot B can attend, and B is left out.
    const slots = [slot('s1', 2, 9), slot('s2', 2, 14)];
    const candidates = [anytime('A'), onlyDuring('B', at(2, 8), at(2, 12))];
    const result = scheduleCandidates({ candidates, slots });
    expect(result.unplaced).toEqual([]);
    expect(asMap(result.placements)).toEqual({ A: 's2', B: 's1' });
  });

  it('reshuffles along a longer chain when it must', () => {
    // Greedy (earliest feasible slot, candidate order): A→s1, B→s2, C (only s1) unplaced.
    // Needs the path s3 → A (leaves s1) → C.
    const slots = [slot('s1', 2, 9), slot('s2', 2, 10), slot('s3', 2, 11)];
    const candidates = [
      anytime('A'),
      onlyDuring('B', at(2, 9), at(2, 10, 30)),
      onlyDuring('C', at(2, 9), at(2, 9, 30)),
    ];
    const result = scheduleCandidates({ candidates, slots });
    expect(result.unplaced).toEqual([]);
    expect(asMap(result.placements)).toEqual({ A: 's3', B: 's2', C: 's1' });
  });

  it('fills day 1 before day 2, whatever order the slots come in', () => {
    const slots = [
      slot('d2-a', 3, 9, 0, 25, 'P1'),
      slot('d2-b', 3, 9, 0, 25, 'P2'),
      slot('d1-a', 2, 9, 0, 25, 'P1'),
      slot('d1-b', 2, 9, 0, 25, 'P2'),
      slot('d1-c', 2, 9, 25, 25, 'P1'),
      slot('d2-c', 3, 8, 0, 25, 'P2'),
    ];
    const result = scheduleCandidates({ candidates: ['A', 'B', 'C', 'D'].map(anytime), slots });
    expect(result.unplaced).toEqual([]);
    // Timetable order; at the same time the slot listed first (P1) comes first.
    expect(result.placements).toEqual([
      { applicationId: 'A', slotId: 'd1-a', panelId: 'P1' },
      { applicationId: 'B', slotId: 'd1-b', panelId: 'P2' },
      { applicationId: 'C', slotId: 'd1-c', panelId: 'P1' },
      { applicationId: 'D', slotId: 'd2-c', panelId: 'P2' },
    ]);
  });

  it('uses the earliest slots even when a candidate can only come on day 2', () => {
    const slots = [slot('d1', 2, 9), slot('d2-early', 3, 9), slot('d2-late', 3, 15)];
    const candidates = [onlyDuring('A', at(3, 0), at(4, 0)), anytime('B')];
    const result = scheduleCandidates({ candidates, slots });
    expect(asMap(result.placements)).toEqual({ B: 'd1', A: 'd2-early' });
  });

  it('treats unavailability as half-open: touching a slot is fine, overlapping by a minute is not', () => {
    const s = slot('s', 2, 9, 0, 25); // 09:00–09:25
    const place = (from: Date, to: Date) =>
      scheduleCandidates({ candidates: [{ applicationId: 'A', unavailable: [{ from, to }] }], slots: [s] });

    expect(place(at(2, 8), at(2, 9)).placements).toHaveLength(1); // ends as the slot starts
    expect(place(at(2, 9, 25), at(2, 12)).placements).toHaveLength(1); // starts as the slot ends
    expect(place(at(2, 8), at(2, 9, 1)).unplaced).toEqual([
      { applicationId: 'A', reason: UNPLACED_REASONS.unavailableEverywhere },
    ]);
    expect(place(at(2, 9, 24), at(2, 12)).placements).toHaveLength(0);
    expect(place(at(2, 9, 10), at(2, 9, 15)).placements).toHaveLength(0); // inside the slot
    expect(place(at(2, 8), at(2, 10)).placements).toHaveLength(0); // around the slot
  });

  it('explains a candidate who could come, but only to slots others needed', () => {
    const slots = [slot('morning', 2, 9), slot('afternoon', 2, 14)];
    const candidates = [onlyDuring('A', at(2, 8), at(2, 12)), onlyDuring('B', at(2, 8), at(2, 12))];
    const result = scheduleCandidates({ candidates, slots });
    expect(result.placements).toEqual([{ applicationId: 'A', slotId: 'morning', panelId: 'P1' }]);
    expect(result.unplaced).toEqual([
      { applicationId: 'B', reason: UNPLACED_REASONS.unavailableAtRemaining },
    ]);
  });

  it('skips taken slots and never places one applicant twice', () => {
    const slots = [slot('s1', 2, 9), slot('s2', 2, 10), slot('s3', 2, 11)];
    const result = scheduleCandidates({
      candidates: [anytime('A'), anytime('A'), anytime('B')],
      slots,
      takenSlotIds: new Set(['s1']),
    });
    expect(result.placements).toEqual([
      { applicationId: 'A', slotId: 's2', panelId: 'P1' },
      { applicationId: 'B', slotId: 's3', panelId: 'P1' },
    ]);
    expect(result.unplaced).toEqual([]);
  });

  it('re-run with the unplaced and the slots still free, places only those', () => {
    const slots = [slot('s1', 2, 9), slot('s2', 2, 10)];
    const first = scheduleCandidates({ candidates: ['A', 'B', 'C'].map(anytime), slots });
    expect(first.unplaced.map((u) => u.applicationId)).toEqual(['C']);
    const moreSlots = [...slots, slot('s3', 3, 9)];
    const second = scheduleCandidates({
      candidates: first.unplaced.map((u) => anytime(u.applicationId)),
      slots: moreSlots,
      takenSlotIds: first.placements.map((p) => p.slotId),
    });
    expect(second.placements).toEqual([{ applicationId: 'C', slotId: 's3', panelId: 'P1' }]);
  });

  it('on random small rounds, places as many as any assignment can, on the earliest slots possible', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 500; round++) {
      const nC = 1 + Math.floor(rand() * 5);
      const nS = Math.floor(rand() * 6);
      // Mixed lengths (30–90 min) and half-hour starts, so slots of different lengths interleave.
      const halfHour = () => (rand() < 0.5 ? 0 : 30);
      const slots = Array.from({ length: nS }, (_, i) =>
        slot(`s${i}`, 2, 9 + Math.floor(rand() * 6), halfHour(), [30, 60, 90][Math.floor(rand() * 3)]),
      );
      const away = () => {
        const from = at(2, 9 + Math.floor(rand() * 6), halfHour());
        return { from, to: new Date(from.getTime() + (1 + Math.floor(rand() * 6)) * 30 * 60_000) };
      };
      const candidates = Array.from({ length: nC }, (_, c) => ({
        applicationId: `c${c}`,
        unavailable: Array.from({ length: Math.floor(rand() * 3) }, away),
      }));
      const ok = (c: number, s: number) =>
        candidates[c].unavailable.every((u) => !slotsOverlap({ startsAt: u.from, endsAt: u.to }, slots[s]));

      // Brute force over every assignment: the best is the most placed, then the earliest sorted start times.
      let best: number[] = [];
      const startsOf = (used: number[]) => used.map((s) => slots[s].startsAt.getTime()).sort((a, b) => a - b);
      const better = (a: number[], b: number[]) => {
        if (a.length !== b.length) return a.length > b.length;
        const [x, y] = [startsOf(a), startsOf(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
        return false;
      };
      const walk = (c: number, used: number[]) => {
        if (c === nC) {
          if (better(used, best)) best = [...used];
          return;
        }
        walk(c + 1, used);
        for (let s = 0; s < nS; s++) if (!used.includes(s) && ok(c, s)) walk(c + 1, [...used, s]);
      };
      walk(0, []);

      const result = scheduleCandidates({ candidates, slots });
      const usedSlots = result.placements.map((p) => Number(p.slotId.slice(1)));
      expect(new Set(usedSlots).size).toBe(usedSlots.length);
      expect(new Set(result.placements.map((p) => p.applicationId)).size).toBe(usedSlots.length);
      for (const p of result.placements)
        expect(ok(Number(p.applicationId.slice(1)), Number(p.slotId.slice(1)))).toBe(true);
      expect(result.placements.length + result.unplaced.length).toBe(nC);
      expect(startsOf(usedSlots)).toEqual(startsOf(best));
    }
  });
});

describe('slot helpers', () => {
  it('back-to-back slots do not overlap; one minute more does', () => {
    expect(slotsOverlap(slot('a', 2, 9), slot('b', 2, 9, 25))).toBe(false);
    expect(slotsOverlap(slot('a', 2, 9, 0, 26), slot('b', 2, 9, 25))).toBe(true);
    expect(slotsOverlap(slot('a', 2, 9, 0, 120), slot('b', 2, 9, 25))).toBe(true);
  });

  it('generates consecutive slots that end where the next starts', () => {
    const slots = consecutiveSlots(at(2, 9), 25, 3);
    expect(slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ['2027-03-02T09:00:00.000Z', '2027-03-02T09:25:00.000Z'],
      ['2027-03-02T09:25:00.000Z', '2027-03-02T09:50:00.000Z'],
      ['2027-03-02T09:50:00.000Z', '2027-03-02T10:15:00.000Z'],
    ]);
  });

  it.each([
    [25, 0, 'count'],
    [0, 3, 'durationMinutes'],
    [12.5, 3, 'durationMinutes'],
    [25, 501, 'count'],
  ])('refuses duration %s × count %s with a 400 naming %s', (duration, count, field) => {
    let error: unknown;
    try {
      consecutiveSlots(at(2, 9), duration, count);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(400);
    expect((error as DomainError).details).toEqual([expect.objectContaining({ field })]);
  });

  it('finds overlapping slots in the same room only, room names compared loosely', () => {
    const room = (slotId: string, venue: string, r: string, hh: number, mm = 0, minutes = 25) => ({
      ...slot(slotId, 2, hh, mm, minutes),
      venue,
      room: r,
    });
    const slots = [
      room('a', 'Kulturskolen', 'Sal 1', 9, 0, 60),
      room('b', 'kulturskolen ', 'sal 1', 9, 30),
      room('c', 'Kulturskolen', 'Sal 1', 10), // touches a: fine; overlaps f
      room('d', 'Kulturskolen', 'Sal 2', 9), // other room
      room('e', 'Musikkens Hus', 'Sal 1', 9), // other venue
      room('f', 'Kulturskolen', 'Sal 1', 9, 45),
    ];
    expect(roomOverlaps(slots)).toEqual([
      { a: 'a', b: 'b' },
      { a: 'a', b: 'f' },
      { a: 'b', b: 'f' },
      { a: 'f', b: 'c' },
    ]);
    // Ignoring rooms: also a–d, a–e, d–e.
    expect(findOverlaps(slots, () => 'everywhere')).toHaveLength(7);
  });
});

describe('assignPanelsForPrescreen', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ applicationId: `a${i + 1}` }));

  it('deals candidates round-robin across the panels', () => {
    const { assignments, unplaced } = assignPanelsForPrescreen(ids(7), [
      { panelId: 'P1' },
      { panelId: 'P2' },
      { panelId: 'P3' },
    ]);
    expect(unplaced).toEqual([]);
    expect(assignments.map((a) => a.panelId)).toEqual(['P1', 'P2', 'P3', 'P1', 'P2', 'P3', 'P1']);
  });

  it('evens out panels that already have candidates', () => {
    const { assignments } = assignPanelsForPrescreen(ids(4), [
      { panelId: 'P1', assigned: 3 },
      { panelId: 'P2', assigned: 1 },
      { panelId: 'P3', assigned: 2 },
    ]);
    expect(assignments.map((a) => a.panelId)).toEqual(['P2', 'P2', 'P3', 'P1']);
  });

  it('with no panel, places nobody and says so', () => {
    expect(assignPanelsForPrescreen(ids(1), [])).toEqual({
      assignments: [],
      unplaced: [{ applicationId: 'a1', reason: 'no panel in this round' }],
    });
  });
});
