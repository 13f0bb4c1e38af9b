import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApplicationsService, type ApplicationSummary } from '../applications/applications.service.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import type { AuthUser } from '../common/auth.js';
import { Audition } from './audition.entity.js';
import { mapRequest, slotTime } from './auditions.mapper.js';
import { Panel, PanelMember } from './panel.entity.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { Round } from './round.entity.js';
import { Slot } from './slot.entity.js';
import { RoundsService } from './rounds.service.js';
import { scheduleCsv } from './schedule-csv.js';

/** What staff, jurors and applicants see of auditions: lists, the jurors' timetable, the applicant's own. */
@Injectable()
export class AuditionViewsService {
  constructor(
    @InjectRepository(Round) private readonly roundRows: Repository<Round>,
    @InjectRepository(Slot) private readonly slots: Repository<Slot>,
    @InjectRepository(Audition) private readonly auditions: Repository<Audition>,
    @InjectRepository(RescheduleRequest) private readonly requests: Repository<RescheduleRequest>,
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly applications: ApplicationsService,
    private readonly accounts: AccountsService,
    private readonly catalogue: CatalogueService,
  ) {}

  /** A page of the round's auditions in time order (pre-screen ones, with no slot, first), with the total. */
  async listAuditions(roundId: string, page: { limit: number; offset: number }) {
    await this.rounds.findRound(roundId);
    const rows = (await this.dataSource.query(
      `SELECT a.id, count(*) OVER ()::int AS total FROM auditions a
         LEFT JOIN slots s ON s.id = a.slot_id
         JOIN panels p ON p.id = a.panel_id
        WHERE a.round_id = $1
        ORDER BY s.starts_at ASC NULLS FIRST, p.name ASC, a.id ASC
        LIMIT $2 OFFSET $3`,
      [roundId, page.limit, page.offset],
    )) as Array<{ id: string; total: number }>;
    const total = rows.length ? rows[0].total : page.offset ? await this.auditions.countBy({ roundId }) : 0;
    const auditions = rows.length ? await this.auditions.findBy({ id: In(rows.map((r) => r.id)) }) : [];
    const order = new Map(rows.map((r, i) => [r.id, i]));
    const items = await this.describe(auditions, { staff: true });
    return { items: items.sort((x, y) => order.get(x.id)! - order.get(y.id)!), total };
  }

  /** Every audition of the round, in time order, as the schedule export lists them. */
  async scheduleCsv(roundId: string): Promise<string> {
    await this.rounds.findRound(roundId);
    const auditions = await this.auditions.find({ where: { roundId } });
    return scheduleCsv(await this.describe(auditions, { staff: true }));
  }

  /** The caller's panels' timetable: times, rooms and who comes, never scores. */
  async timetable(user: AuthUser) {
    const memberships = await this.dataSource.getRepository(PanelMember).find({ where: { userId: user.id } });
    if (!memberships.length) return [];
    const auditions = await this.auditions.find({
      where: { panelId: In(memberships.map((m) => m.panelId)) },
    });
    // A withdrawn application leaves the jurors' timetable at once: nobody comes, and its name is none of theirs.
    return (await this.describe(auditions, { staff: true }))
      .filter((a) => a.applicationStatus !== 'withdrawn')
      .map(({ applicationStatus: _status, ...a }) => a);
  }

  /**
   * The application's auditions as its owner and staff see them: round, time and place, attendance, and what to
   * bring (the track's words in both languages, as the invitation says them).
   */
  async applicantView(application: ApplicationSummary) {
    const auditions = await this.auditions.find({
      where: { applicationId: application.id },
      order: { createdAt: 'ASC' },
    });
    if (!auditions.length) return [];
    const { requirements } = await this.catalogue.getTrack(application.programme, application.track);
    const bring = { da: requirements.bringDa ?? null, en: requirements.bringEn ?? null };
    const rounds = new Map(
      (await this.roundRows.findBy({ id: In(auditions.map((a) => a.roundId)) })).map((r) => [r.id, r]),
    );
    const slots = new Map(
      (await this.slots.findBy({ id: In(auditions.filter((a) => a.slotId).map((a) => a.slotId!)) })).map(
        (s) => [s.id, s],
      ),
    );
    const open = await this.requests.findBy({ auditionId: In(auditions.map((a) => a.id)) });
    return auditions.map((a) => {
      const slot = a.slotId ? slots.get(a.slotId) : undefined;
      const round = rounds.get(a.roundId)!;
      const request = open.filter((r) => r.auditionId === a.id).pop();
      return {
        auditionId: a.id,
        round: round.name,
        kind: round.kind,
        ...slotTime(slot),
        bring,
        attendance: a.attendance,
        advanced: a.advancedAt !== null,
        rescheduleRequest: request ? mapRequest(request) : null,
      };
    });
  }

  /** Auditions with their applicant, panel, time and place; staff also see the application's status. */
  async describe(auditions: Audition[], { staff }: { staff: boolean }) {
    const em = this.dataSource.manager;
    if (!auditions.length) return [];
    const slots = new Map(
      (await em.findBy(Slot, { id: In(auditions.filter((a) => a.slotId).map((a) => a.slotId!)) })).map(
        (s) => [s.id, s],
      ),
    );
    const panels = new Map(
      (await em.findBy(Panel, { id: In([...new Set(auditions.map((a) => a.panelId))]) })).map((p) => [
        p.id,
        p,
      ]),
    );
    const applications = new Map(
      (
        await this.applications.summaries(
          auditions.map((a) => a.applicationId),
          em,
        )
      ).map((s) => [s.id, s]),
    );
    const names = await this.accounts.namesOf([...applications.values()].map((s) => s.applicantId));
    return auditions
      .map((a) => {
        const slot = a.slotId ? slots.get(a.slotId) : undefined;
        const application = applications.get(a.applicationId)!;
        return {
          id: a.id,
          roundId: a.roundId,
          applicationId: a.applicationId,
          applicantName: names.get(application.applicantId) ?? '',
          track: application.track,
          mainSubject: application.mainSubject,
          panelId: a.panelId,
          panelName: panels.get(a.panelId)?.name ?? '',
          slotId: a.slotId,
          ...slotTime(slot),
          attendance: a.attendance,
          advanced: a.advancedAt !== null,
          ...(staff ? { applicationStatus: application.status } : {}),
        };
      })
      .sort(
        (x, y) =>
          (x.startsAt ?? '').localeCompare(y.startsAt ?? '') || x.panelName.localeCompare(y.panelName),
      );
  }
}
