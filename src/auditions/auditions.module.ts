import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AttendanceService } from './attendance.service.js';
import { Audition } from './audition.entity.js';
import { AuditionViewsService } from './audition-views.service.js';
import { AuditionsController } from './auditions.controller.js';
import { AuditionsService } from './auditions.service.js';
import { Panel, PanelMember } from './panel.entity.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { RescheduleRequestsService } from './reschedule-requests.service.js';
import { Round } from './round.entity.js';
import { RoundsService } from './rounds.service.js';
import { SchedulingService } from './scheduling.service.js';
import { Slot } from './slot.entity.js';

/** Rounds, panels, slots, scheduling, reschedule requests and attendance; other rooms call AuditionsService only. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Round, Panel, PanelMember, Slot, Audition, RescheduleRequest]),
    ApplicationsModule,
  ],
  controllers: [AuditionsController],
  providers: [
    AuditionsService,
    RoundsService,
    SchedulingService,
    RescheduleRequestsService,
    AttendanceService,
    AuditionViewsService,
  ],
  exports: [AuditionsService],
})
export class AuditionsModule implements OnModuleInit {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly scheduling: SchedulingService,
    private readonly views: AuditionViewsService,
  ) {}

  onModuleInit(): void {
    this.applications.onWithdrawn((tx, application) => this.scheduling.cancelReminders(tx, application.id));
    this.applications.addViewPart(async (application) => ({
      auditions: await this.views.applicantView(application),
    }));
  }
}
