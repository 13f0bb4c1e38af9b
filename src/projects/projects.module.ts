import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Sweeper } from '../common/sweeper.js';
import { StudentsModule } from '../students/students.module.js';
import { StudentsService } from '../students/students.service.js';
import { AtRiskDigest } from './at-risk-digest.entity.js';
import { CheckIn } from './check-in.entity.js';
import { Milestone } from './milestone.entity.js';
import { Project } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsService } from './projects.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Project, Milestone, CheckIn, AtRiskDigest]), StudentsModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule implements OnModuleInit {
  constructor(
    private readonly sweeper: Sweeper,
    private readonly projects: ProjectsService,
    private readonly students: StudentsService,
  ) {}

  onModuleInit(): void {
    this.students.setSupervisionLookup((teacherId) => this.projects.enrolmentsSupervisedBy(teacherId));
    this.sweeper.every('milestone-reminders', () => this.projects.remindMilestones());
    this.sweeper.every('at-risk-digest', () => this.projects.digestAtRisk());
  }
}
