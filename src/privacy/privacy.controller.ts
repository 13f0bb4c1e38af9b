import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '../common/auth.js';
import { privacyNotice } from '../common/privacy-notice.js';
import type { Env } from '../config/env.js';
import {
  ErasureQuery,
  ErasureRequestDto,
  ErasureRequestItem,
  ErasureRequestPage,
  IdParam,
  PrivacyNoticeQuery,
  RefuseErasureDto,
} from './dto/privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('personal data')
@Controller()
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** What applicants (and a minor's guardian) are told at registration, with its version and the retention periods. */
  @Get('privacy-notice')
  @Public()
  notice(@Query() query: PrivacyNoticeQuery) {
    return privacyNotice(query.lang ?? 'da', {
      materialMonths: this.config.get('RETENTION_MATERIAL_MONTHS'),
      applicantMonths: this.config.get('RETENTION_APPLICANT_MONTHS'),
      outboxDays: this.config.get('RETENTION_OUTBOX_DAYS'),
    });
  }

  /** Everything the academy holds about the caller: a zip with a JSON file per kind of record and their files. */
  @Get('me/export')
  @ApiBearerAuth()
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'application/zip' })
  async exportMine(@CurrentUser() user: AuthUser) {
    return this.zip(await this.privacy.export(user, user.id));
  }

  /** Staff produce the same zip for a person (audited). */
  @Get('users/:id/export')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'application/zip' })
  async exportOf(@CurrentUser() user: AuthUser, @Param() params: IdParam) {
    return this.zip(await this.privacy.export(user, params.id));
  }

  /** The caller asks to have their personal data erased; staff carry it out or refuse with a legal reason. */
  @Post('me/erasure-request')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiAcceptedResponse({ type: ErasureRequestItem })
  requestErasure(@CurrentUser() user: AuthUser, @Body() dto: ErasureRequestDto) {
    return this.privacy.requestErasure(user, dto.reason);
  }

  @Get('erasure-requests')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOkResponse({ type: ErasureRequestPage })
  list(@Query() query: ErasureQuery) {
    return this.privacy.listRequests(query);
  }

  /** Anonymises the person (names, contacts, guardian, free text, files; ids, dates, scores, decisions stay). */
  @Post('erasure-requests/:id/carry-out')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOkResponse({ type: ErasureRequestItem })
  carryOut(@CurrentUser() user: AuthUser, @Param() params: IdParam) {
    return this.privacy.carryOut(user, params.id);
  }

  @Post('erasure-requests/:id/refuse')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOkResponse({ type: ErasureRequestItem })
  refuse(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() dto: RefuseErasureDto) {
    return this.privacy.refuse(user, params.id, dto.reason);
  }

  private zip(file: { zip: NodeJS.ReadableStream; filename: string }): StreamableFile {
    return new StreamableFile(file.zip as never, {
      type: 'application/zip',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
