import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import {
  AnnualExamDto,
  FiguresQuery,
  FinalExamDto,
  LeaveDto,
  OutcomeDto,
  StudentQuery,
} from './dto/students.dto.js';
import { StudentsService } from './students.service.js';

const id = new ParseUUIDPipe({ version: undefined });

@ApiTags('students')
@ApiBearerAuth()
@Controller()
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  /** Staff see every student; a teacher the students whose third-year project they supervise. */
  @Get('students')
  @Roles('staff', 'teacher')
  list(@CurrentUser() user: AuthUser, @Query() query: StudentQuery) {
    return this.students.list(user, query);
  }

  @Get('students/figures')
  @Roles('staff')
  figures(@Query() query: FiguresQuery) {
    return this.students.figures(query.cohort);
  }

  /** The signed-in student's own enrolment. */
  @Get('me/student')
  mine(@CurrentUser() user: AuthUser) {
    return this.students.mine(user);
  }

  @Get('students/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', id) studentId: string) {
    return this.students.get(user, studentId);
  }

  @Post('students/:id/annual-exams')
  @Roles('staff')
  annualExam(@CurrentUser() user: AuthUser, @Param('id', id) studentId: string, @Body() dto: AnnualExamDto) {
    return this.students.recordAnnualExam(user, studentId, dto);
  }

  /** The student leaves the course on their own wish (`leftOn`, `reason`); audited, the student is told. */
  @Post('students/:id/leave')
  @HttpCode(200)
  @Roles('staff')
  leave(@CurrentUser() user: AuthUser, @Param('id', id) studentId: string, @Body() dto: LeaveDto) {
    return this.students.leave(user, studentId, dto);
  }

  @Post('students/:id/final-exam')
  @Roles('staff')
  finalExam(@CurrentUser() user: AuthUser, @Param('id', id) studentId: string, @Body() dto: FinalExamDto) {
    return this.students.recordFinalExam(user, studentId, dto);
  }

  @Put('students/:id/outcome')
  @Roles('staff')
  outcome(@CurrentUser() user: AuthUser, @Param('id', id) studentId: string, @Body() dto: OutcomeDto) {
    return this.students.setOutcome(user, studentId, dto);
  }
}
