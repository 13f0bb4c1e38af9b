import { toCopenhagenIso } from '../common/time.js';
import type { Panel, PanelMember } from './panel.entity.js';
import type { RescheduleRequest } from './reschedule-request.entity.js';
import type { Round } from './round.entity.js';
import type { Slot } from './slot.entity.js';

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
