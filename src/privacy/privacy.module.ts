import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdmissionsModule } from '../admissions/admissions.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditionsModule } from '../auditions/auditions.module.js';
import { Sweeper } from '../common/sweeper.js';
import type { Env } from '../config/env.js';
import { JuryModule } from '../jury/jury.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { StudentsModule } from '../students/students.module.js';
import { ErasureRequest } from './erasure-request.entity.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionService } from './retention.service.js';

/** Personal data on top of the domain rooms: export, erasure requests, and retention by the clock. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ErasureRequest]),
    ApplicationsModule,
    AuditionsModule,
    JuryModule,
    AdmissionsModule,
    StudentsModule,
    ProjectsModule,
  ],
  controllers: [PrivacyController],
  providers: [PrivacyService, RetentionService],
  exports: [PrivacyService],
})
export class PrivacyModule implements OnModuleInit {
  constructor(
    private readonly retention: RetentionService,
    private readonly sweeper: Sweeper,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onModuleInit(): void {
    if (this.config.get('RETENTION_SWEEP'))
      this.sweeper.every('retention', () => this.retention.sweepIfDue());
  }
}
