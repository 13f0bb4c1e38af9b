import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { AuditionsModule } from '../auditions/auditions.module.js';
import { AuditionsService } from '../auditions/auditions.service.js';
import { AuditionResult } from './audition-result.entity.js';
import { Conflict } from './conflict.entity.js';
import { JuryController } from './jury.controller.js';
import { JuryService } from './jury.service.js';
import { Score } from './score.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Score, Conflict, AuditionResult]), AuditionsModule, ApplicationsModule],
  controllers: [JuryController],
  providers: [JuryService],
  exports: [JuryService],
})
export class JuryModule implements OnModuleInit {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly jury: JuryService,
    private readonly auditions: AuditionsService,
  ) {}

  onModuleInit(): void {
    // The jury decides who may read an applicant's material besides the owner and staff: a juror who judges it.
    this.applications.addMaterialAccess((user, applicationId) =>
      this.jury.judgesApplication(user.id, applicationId),
    );
    // A juror who has scored on a panel keeps their seat: their scores are part of its results.
    this.auditions.addLeavePanelCheck((em, panelId, userId) => this.jury.scoresOnPanel(em, panelId, userId));
  }
}
