import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service.js';
import type { AuthUser } from '../common/auth.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, invalid, notFound } from '../common/errors.js';
import { policy } from '../common/policy.js';
import { Audition } from './audition.entity.js';
import { mapRequest } from './auditions.mapper.js';
import type { RescheduleDecisionDto, RescheduleRequestDto } from './dto/auditions.dto.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { SchedulingService } from './scheduling.service.js';

/** An applicant asks for another time; staff accept it (with a free slot) or refuse it. */
@Injectable()
export class RescheduleRequestsService {
  constructor(
    @InjectRepository(Audition) private readonly auditions: Repository<Audition>,
    @InjectRepository(RescheduleRequest) private readonly requests: Repository<RescheduleRequest>,
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly scheduling: SchedulingService,
    private readonly clock: Clock,
  ) {}

  async request(user: AuthUser, auditionId: string, dto: RescheduleRequestDto) {
    const audition = await this.auditions.findOneBy({ id: auditionId });
    if (!audition) throw notFound('audition', auditionId);
    const [application] = await this.applications.summaries([audition.applicationId]);
    policy.owner(user, application.applicantId, 'audition', auditionId);
    if (!audition.slotId || audition.attendance !== 'scheduled') {
      throw new DomainError(ErrorCode.InvalidState, 'Only a scheduled audition with a time can be moved');
    }
    if (await this.requests.findOneBy({ auditionId, status: 'requested' })) {
      throw new DomainError(
        ErrorCode.AlreadyExists,
        'You have already asked for a new time; the academy will answer',
      );
    }
    const saved = await this.requests.save(this.requests.create({ auditionId, reason: dto.reason }));
    return mapRequest(saved);
  }

  async list(status?: string) {
    const rows = await this.requests.find({
      where: status ? { status: status as RescheduleRequest['status'] } : {},
      order: { createdAt: 'ASC' },
    });
    return rows.map(mapRequest);
  }

  /**
   * Accepting moves the audition and closes the request in one transaction, with the request's row locked: two
   * staff deciding it at once decide it once (the second is told it is already decided), and a move that fails
   * leaves the request open.
   */
  async decide(actor: AuthUser, requestId: string, accept: boolean, dto: RescheduleDecisionDto) {
    const peek = await this.requests.findOneBy({ id: requestId });
    if (!peek) throw notFound('reschedule request', requestId);
    const programme = accept ? await this.scheduling.programmeOf(peek.auditionId) : null;
    return this.dataSource.transaction(async (tx) => {
      const request = await tx.findOne(RescheduleRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw notFound('reschedule request', requestId);
      if (request.status !== 'requested')
        throw new DomainError(ErrorCode.InvalidState, `This request is already ${request.status}`);
      if (accept) {
        if (!dto.slotId) throw invalid('slotId', 'slotId is required to accept: the new time');
        await this.scheduling.moveWithin(
          tx,
          actor,
          request.auditionId,
          dto.slotId,
          programme!,
          `reschedule request: ${request.reason}`,
        );
      }
      request.status = accept ? 'accepted' : 'refused';
      request.note = dto.note ?? null;
      request.decidedBy = actor.id;
      request.decidedAt = this.clock.now();
      await tx.save(request);
      return mapRequest(request);
    });
  }
}
