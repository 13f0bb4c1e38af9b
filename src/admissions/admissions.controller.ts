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
import { invalid } from '../common/errors.js';
import type { RankingMethod } from '../jury/jury.service.js';
import { AdmissionsService } from './admissions.service.js';
import {
  ExtendOfferDto,
  RecordOfferAnswerDto,
  SetDecisionDto,
  WaitingListQuery,
} from './dto/admissions.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('decisions and offers')
@ApiBearerAuth()
@Controller()
export class AdmissionsController {
  constructor(private readonly admissions: AdmissionsService) {}

  @Post('intakes/:id/decision-proposal')
  @HttpCode(200)
  @Roles('staff')
  @ApiQuery({ name: 'normalize', required: false, enum: ['none', 'zscore'] })
  propose(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) intakeId: string,
    @Query('normalize') normalize?: string,
  ) {
    if (normalize !== undefined && normalize !== 'none' && normalize !== 'zscore') {
      throw invalid('normalize', 'normalize must be none or zscore');
    }
    return this.admissions.propose(user, intakeId, (normalize ?? 'none') as RankingMethod);
  }

  @Get('intakes/:id/decisions')
  @Roles('staff')
  decisions(@Param('id', uuid) intakeId: string) {
    return this.admissions.listDecisions(intakeId);
  }

  @Put('applications/:id/decision')
  @Roles('staff')
  setDecision(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) applicationId: string,
    @Body() dto: SetDecisionDto,
  ) {
    return this.admissions.setDecision(user, applicationId, dto);
  }

  @Post('intakes/:id/publish-results')
  @HttpCode(200)
  @Roles('staff')
  publish(@CurrentUser() user: AuthUser, @Param('id', uuid) intakeId: string) {
    return this.admissions.publish(user, intakeId);
  }

  @Get('intakes/:id/offers')
  @Roles('staff')
  @ApiQuery({ name: 'track', required: false })
  offers(@Param('id', uuid) intakeId: string, @Query('track') track?: string) {
    return this.admissions.listOffers(intakeId, typeof track === 'string' ? track : undefined);
  }

  @Get('intakes/:id/waiting-list.csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  waitingList(@Param('id', uuid) intakeId: string, @Query() query: WaitingListQuery) {
    return this.admissions.waitingListCsv(intakeId, query.track);
  }

  @Get('intakes/:id/decisions.csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="afgoerelser.csv"')
  decisionsCsv(@Param('id', uuid) intakeId: string) {
    return this.admissions.decisionsCsv(intakeId);
  }

  @Post('offers/:id/answer')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({
    summary:
      'Records an answer the applicant gave by phone, in person or by letter (audited); a decline promotes the next on the waiting list who fits the quotas',
  })
  recordAnswer(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) offerId: string,
    @Body() dto: RecordOfferAnswerDto,
  ) {
    return this.admissions.recordAnswer(user, offerId, dto);
  }

  @Post('offers/:id/extend')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({
    summary: "Moves one open offer's deadline later (audited); the applicant is e-mailed the new one",
  })
  extend(@CurrentUser() user: AuthUser, @Param('id', uuid) offerId: string, @Body() dto: ExtendOfferDto) {
    return this.admissions.extendDeadline(user, offerId, dto);
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  @Roles('applicant')
  accept(@CurrentUser() user: AuthUser, @Param('id', uuid) offerId: string) {
    return this.admissions.accept(user, offerId);
  }

  @Post('offers/:id/decline')
  @HttpCode(200)
  @Roles('applicant')
  decline(@CurrentUser() user: AuthUser, @Param('id', uuid) offerId: string) {
    return this.admissions.decline(user, offerId);
  }
}
