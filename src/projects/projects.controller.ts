import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import {
  AssessmentDto,
  AssignSupervisorDto,
  CheckInDto,
  MilestoneDto,
  PresentationsQuery,
  ProjectQuery,
  ProposeProjectDto,
  ResubmitProjectDto,
  ReturnProjectDto,
  UpdateMilestoneDto,
} from './dto/projects.dto.js';
import { ProjectsService } from './projects.service.js';

const id = new ParseUUIDPipe({ version: undefined });

/**
 * Third-year projects. Students keep their applicant account: who is "the student" of a project is decided by
 * the enrolment, not the role; a project is visible to staff, its student and its supervisor (404 to others).
 */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  propose(@CurrentUser() user: AuthUser, @Body() dto: ProposeProjectDto) {
    return this.projects.propose(user, dto);
  }

  @Get()
  @Roles('staff', 'teacher', 'applicant')
  list(@CurrentUser() user: AuthUser, @Query() query: ProjectQuery) {
    return this.projects.list(user, query);
  }

  @Get('presentations')
  @Roles('staff', 'teacher')
  presentations(@CurrentUser() user: AuthUser, @Query() query: PresentationsQuery) {
    return this.projects.presentations(user, query.schoolYear);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string) {
    return this.projects.get(user, projectId);
  }

  @Get(':id/history')
  history(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string) {
    return this.projects.history(user, projectId);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  resubmit(
    @CurrentUser() user: AuthUser,
    @Param('id', id) projectId: string,
    @Body() dto: ResubmitProjectDto,
  ) {
    return this.projects.resubmit(user, projectId, dto);
  }

  @Post(':id/supervisor')
  @HttpCode(200)
  @Roles('staff')
  supervisor(
    @CurrentUser() user: AuthUser,
    @Param('id', id) projectId: string,
    @Body() dto: AssignSupervisorDto,
  ) {
    return this.projects.assignSupervisor(user, projectId, dto.teacherId);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('staff')
  approve(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string) {
    return this.projects.approve(user, projectId);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('staff')
  returnToStudent(
    @CurrentUser() user: AuthUser,
    @Param('id', id) projectId: string,
    @Body() dto: ReturnProjectDto,
  ) {
    return this.projects.returnToStudent(user, projectId, dto);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string) {
    return this.projects.start(user, projectId);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string) {
    return this.projects.submit(user, projectId);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @Roles('staff')
  assess(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string, @Body() dto: AssessmentDto) {
    return this.projects.assess(user, projectId, dto);
  }

  @Post(':id/milestones')
  addMilestone(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string, @Body() dto: MilestoneDto) {
    return this.projects.addMilestone(user, projectId, dto);
  }

  @Patch(':id/milestones/:mid')
  updateMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', id) projectId: string,
    @Param('mid', id) milestoneId: string,
    @Body() dto: UpdateMilestoneDto,
  ) {
    return this.projects.updateMilestone(user, projectId, milestoneId, dto);
  }

  @Post(':id/milestones/:mid/complete')
  @HttpCode(200)
  completeMilestone(
    @CurrentUser() user: AuthUser,
    @Param('id', id) projectId: string,
    @Param('mid', id) milestoneId: string,
  ) {
    return this.projects.completeMilestone(user, projectId, milestoneId);
  }

  @Post(':id/check-ins')
  checkIn(@CurrentUser() user: AuthUser, @Param('id', id) projectId: string, @Body() dto: CheckInDto) {
    return this.projects.checkIn(user, projectId, dto);
  }
}
