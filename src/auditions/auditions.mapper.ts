import { toCopenhagenIso } from '../common/time.js';
import type { Audition, AttendanceStatus } from './audition.entity.js';
import type { Panel, PanelMember, PanelRole } from './panel.entity.js';
import type { RescheduleRequest } from './reschedule-request.entity.js';
import type { Round } from './round.entity.js';
import type { Slot } from './slot.entity.js';

/** An audition as other rooms see it (the jury): which round, application and panel, and whether they came. */
export interface AuditionInfo {
  id: string;
  roundId: string;
  applicationId: string;
  panelId: string;
  slotId: string | null;
  attendance: AttendanceStatus;
}

/** One juror's seat on a panel. */
export interface PanelSeat {
  panelId: string;
  userId: string;
  role: PanelRole;
}

export type RoundView = ReturnType<typeof mapRound>;

export function toAuditionInfo(a: Audition): AuditionInfo {
  return {
    id: a.id,
    roundId: a.roundId,
    applicationId: a.applicationId,
    panelId: a.panelId,
    slotId: a.slotId,
    attendance: a.attendance,
  };
}

export function toPanelSeat(m: PanelMember): PanelSeat {
  return { panelId: m.panelId, userId: m.userId, role: m.role };
}

export function mapRound(r: Round) {
  return { id: r.id, intakeId: r.intakeId, track: r.track, kind: r.kind, order: r.order, name: r.name };
}

export function mapPanel(p: Panel, members: PanelMember[]) {
  return {
    id: p.id,
    roundId: p.roundId,
    name: p.name,
    members: members.map((m) => ({ userId: m.userId, role: m.role })),
  };
}

export function mapSlot(s: Slot) {
  return {
    id: s.id,
    roundId: s.roundId,
    panelId: s.panelId,
    venue: s.venue,
    room: s.room,
    startsAt: toCopenhagenIso(s.startsAt),
    endsAt: toCopenhagenIso(s.endsAt),
    durationMinutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000),
  };
}

/** When and where an audition is, as its views show it (nothing yet for a pre-screen audition). */
export function slotTime(slot: Slot | undefined) {
  return {
    startsAt: slot ? toCopenhagenIso(slot.startsAt) : null,
    endsAt: slot ? toCopenhagenIso(slot.endsAt) : null,
    venue: slot?.venue ?? null,
    room: slot?.room ?? null,
  };
}

export function mapRequest(r: RescheduleRequest) {
  return {
    id: r.id,
    auditionId: r.auditionId,
    reason: r.reason,
    status: r.status,
    note: r.note,
    decidedAt: r.decidedAt ? toCopenhagenIso(r.decidedAt) : null,
    createdAt: toCopenhagenIso(r.createdAt),
  };
}
