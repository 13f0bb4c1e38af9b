import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Sweeper } from '../common/sweeper.js';
import { AnnualExam } from './annual-exam.entity.js';
import { Enrolment } from './enrolment.entity.js';
import { StudentsController } from './students.controller.js';
import { StudentsService } from './students.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Enrolment, AnnualExam])],
  controllers: [StudentsController],
  providers: [StudentsService],
  exports: [StudentsService],
})
export class StudentsModule implements OnModuleInit {
  constructor(
    private readonly sweeper: Sweeper,
    private readonly students: StudentsService,
  ) {}

  onModuleInit(): void {
    this.sweeper.every('student-promotions', () => this.students.applyDuePromotions());
  }
}
