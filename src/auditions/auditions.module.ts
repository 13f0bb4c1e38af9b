import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { Audition } from './audition.entity.js';
import { AuditionsController } from './auditions.controller.js';
import { AuditionsService } from './auditions.service.js';
import { Panel, PanelMember } from './panel.entity.js';
import { RescheduleRequest } from './reschedule-request.entity.js';
import { Round } from './round.entity.js';
import { Slot } from './slot.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Round, Panel, PanelMember, Slot, Audition, RescheduleRequest]),
    ApplicationsModule,
  ],
  controllers: [AuditionsController],
  providers: [AuditionsService],
  exports: [AuditionsService],
})
export class AuditionsModule implements OnModuleInit {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly auditions: AuditionsService,
  ) {}

  onModuleInit(): void {
    this.applications.onWithdrawn((tx, application) => this.auditions.cancelReminders(tx, application.id));
    this.applications.addViewPart(async (application) => ({
      auditions: await this.auditions.applicantView(application.id),
    }));
  }
}
