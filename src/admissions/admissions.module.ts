import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { Sweeper } from '../common/sweeper.js';
import { JuryModule } from '../jury/jury.module.js';
import { JuryService } from '../jury/jury.service.js';
import { StudentsModule } from '../students/students.module.js';
import { AdmissionsController } from './admissions.controller.js';
import { AdmissionsService } from './admissions.service.js';
import { Decision, ResultsPublication } from './decision.entity.js';
import { Offer } from './offer.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Decision, ResultsPublication, Offer]),
    ApplicationsModule,
    JuryModule,
    StudentsModule,
  ],
  controllers: [AdmissionsController],
  providers: [AdmissionsService],
  exports: [AdmissionsService],
})
export class AdmissionsModule implements OnModuleInit {
  constructor(
    private readonly sweeper: Sweeper,
    private readonly applications: ApplicationsService,
    private readonly admissions: AdmissionsService,
    private readonly jury: JuryService,
  ) {}

  onModuleInit(): void {
    this.sweeper.every('offer-expiry', () => this.admissions.expireDueOffers());
    this.applications.addViewPart((application) => this.admissions.applicantView(application));
    // Jurors' access to dossiers ends a while after the results are published: the jury asks admissions when.
    this.jury.setResultsPublishedAt((intakeIds) => this.admissions.resultsPublishedAt(intakeIds));
  }
}
