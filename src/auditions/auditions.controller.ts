import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import { PageQuery } from '../common/pagination.js';
import { AuditionsService } from './auditions.service.js';
import {
  AdvanceDto,
  CreatePanelDto,
  CreateRoundDto,
  CreateSlotsDto,
  MoveAuditionDto,
  RescheduleDecisionDto,
  ReplacePanelMemberDto,
  RescheduleRequestDto,
} from './dto/auditions.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('rounds, slots and panels')
@ApiBearerAuth()
@Controller()
export class AuditionsController {
  constructor(private readonly auditions: AuditionsService) {}

  @Post('intakes/:id/rounds')
  @Roles('staff')
  createRound(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) intakeId: string,
    @Body() dto: CreateRoundDto,
  ) {
    return this.auditions.createRound(user, intakeId, dto);
  }

  @Get('intakes/:id/rounds')
  @Roles('staff')
  listRounds(@Param('id', uuid) intakeId: string) {
    return this.auditions.listRounds(intakeId);
  }

  @Post('rounds/:id/panels')
  @Roles('staff')
  createPanel(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) roundId: string,
    @Body() dto: CreatePanelDto,
  ) {
    return this.auditions.createPanel(user, roundId, dto);
  }

  @Put('panels/:id/members/:userId')
  @Roles('staff')
  @ApiOperation({
    summary:
      'Another juror takes this member’s seat and role; 409 once the leaving juror has scored on the panel or when the newcomer sits on another panel at the same time',
  })
  replaceMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) panelId: string,
    @Param('userId', uuid) leavingUserId: string,
    @Body() dto: ReplacePanelMemberDto,
  ) {
    return this.auditions.replacePanelMember(user, panelId, leavingUserId, dto.userId);
  }

  @Post('rounds/:id/slots')
  @Roles('staff')
  createSlots(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) roundId: string,
    @Body() dto: CreateSlotsDto,
  ) {
    return this.auditions.createSlots(user, roundId, dto);
  }

  @Post('rounds/:id/schedule')
  @HttpCode(200)
  @Roles('staff')
  schedule(@CurrentUser() user: AuthUser, @Param('id', uuid) roundId: string) {
    return this.auditions.schedule(user, roundId);
  }

  @Post('rounds/:id/advance')
  @HttpCode(200)
  @Roles('staff')
  advance(@CurrentUser() user: AuthUser, @Param('id', uuid) roundId: string, @Body() dto: AdvanceDto) {
    return this.auditions.advance(user, roundId, dto);
  }

  @Get('rounds/:id/auditions')
  @Roles('staff')
  listAuditions(@Param('id', uuid) roundId: string, @Query() page: PageQuery) {
    return this.auditions.listAuditions(roundId, page);
  }

  @Get('rounds/:id/schedule.csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="proeveplan.csv"')
  scheduleCsv(@Param('id', uuid) roundId: string) {
    return this.auditions.scheduleCsv(roundId);
  }

  @Post('auditions/:id/check-in')
  @HttpCode(200)
  @Roles('staff', 'juror')
  checkIn(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string) {
    return this.auditions.attendance(user, auditionId, 'checked_in');
  }

  @Post('auditions/:id/no-show')
  @HttpCode(200)
  @Roles('staff', 'juror')
  noShow(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string) {
    return this.auditions.attendance(user, auditionId, 'no_show');
  }

  @Put('auditions/:id/slot')
  @Roles('staff')
  move(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string, @Body() dto: MoveAuditionDto) {
    return this.auditions.move(user, auditionId, dto.slotId);
  }

  @Post('auditions/:id/reschedule-requests')
  @Roles('applicant')
  requestReschedule(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) auditionId: string,
    @Body() dto: RescheduleRequestDto,
  ) {
    return this.auditions.requestReschedule(user, auditionId, dto);
  }

  @Get('reschedule-requests')
  @Roles('staff')
  @ApiQuery({ name: 'status', required: false, enum: ['requested', 'accepted', 'refused'] })
  listRequests(@Query('status') status?: string) {
    return this.auditions.listRequests(status);
  }

  @Post('reschedule-requests/:id/accept')
  @HttpCode(200)
  @Roles('staff')
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) requestId: string,
    @Body() dto: RescheduleDecisionDto,
  ) {
    return this.auditions.decideReschedule(user, requestId, true, dto);
  }

  @Post('reschedule-requests/:id/refuse')
  @HttpCode(200)
  @Roles('staff')
  refuse(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) requestId: string,
    @Body() dto: RescheduleDecisionDto,
  ) {
    return this.auditions.decideReschedule(user, requestId, false, dto);
  }

  @Get('jury/timetable')
  @Roles('juror')
  timetable(@CurrentUser() user: AuthUser) {
    return this.auditions.timetable(user);
  }
}
