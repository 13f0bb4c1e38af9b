import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import {
  ConflictDto,
  FlagsQuery,
  RankingQuery,
  ReopenDto,
  ResultDto,
  ScoreCorrectionDto,
  ScoreDto,
} from './dto/jury.dto.js';
import { JuryService } from './jury.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('jury')
@ApiBearerAuth()
@Controller()
export class JuryController {
  constructor(private readonly jury: JuryService) {}

  /** The caller's panels' auditions: what to judge, their own score, progress; never other jurors' scores. */
  @Get('jury/auditions')
  @Roles('juror')
  myAuditions(@CurrentUser() user: AuthUser) {
    return this.jury.myAuditions(user);
  }

  /** Staff: auditions of a round whose panel is down to fewer than two scoring members after recusals. */
  @Get('jury/flags')
  @Roles('staff')
  flags(@Query() query: FlagsQuery) {
    return this.jury.flags(query.roundId);
  }

  @Post('auditions/:id/conflicts')
  @Roles('staff', 'juror')
  declareConflict(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) auditionId: string,
    @Body() dto: ConflictDto,
  ) {
    return this.jury.declareConflict(user, auditionId, dto);
  }

  @Put('auditions/:id/scores/mine')
  @Roles('juror')
  submitScore(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string, @Body() dto: ScoreDto) {
    return this.jury.submitScore(user, auditionId, dto);
  }

  /**
   * The chair (another juror's score) or staff (anyone's) corrects a score with a reason: how a score changes
   * once its juror has seen the panel's. Declared after scores/mine so that path keeps its own handler.
   */
  @Put('auditions/:id/scores/:jurorId')
  @Roles('staff', 'juror')
  correctScore(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) auditionId: string,
    @Param('jurorId', uuid) jurorId: string,
    @Body() dto: ScoreCorrectionDto,
  ) {
    return this.jury.correctScore(user, auditionId, jurorId, dto);
  }

  @Get('auditions/:id/scores')
  @Roles('staff', 'juror')
  listScores(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string) {
    return this.jury.listScores(user, auditionId);
  }

  @Post('auditions/:id/result')
  @HttpCode(200)
  @Roles('staff', 'juror')
  recordResult(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string, @Body() dto: ResultDto) {
    return this.jury.recordResult(user, auditionId, dto);
  }

  @Post('auditions/:id/reopen')
  @HttpCode(200)
  @Roles('staff')
  reopen(@CurrentUser() user: AuthUser, @Param('id', uuid) auditionId: string, @Body() dto: ReopenDto) {
    return this.jury.reopen(user, auditionId, dto.reason);
  }

  @Get('rounds/:id/ranking')
  @Roles('staff')
  ranking(@Param('id', uuid) roundId: string, @Query() query: RankingQuery) {
    return this.jury.rankingView(roundId, query.normalize ?? 'none');
  }
}
