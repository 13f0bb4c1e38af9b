import { Module } from '@nestjs/common';
import { AdmissionsModule } from '../admissions/admissions.module.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { AuditionsModule } from '../auditions/auditions.module.js';
import { JuryModule } from '../jury/jury.module.js';
import { StudentsModule } from '../students/students.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The yearly figures on top of the domain rooms: counts from their services, no tables of its own. */
@Module({
  imports: [ApplicationsModule, AuditionsModule, JuryModule, AdmissionsModule, StudentsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
