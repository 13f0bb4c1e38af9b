import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { RateLimited } from '../common/rate-limit.js';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiProduces,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import { ApplicationsService } from './applications.service.js';
import {
  ApplicationQuery,
  CreateApplicationDto,
  DispensationDecisionDto,
  DispensationRequestDto,
  UpdateApplicationDto,
  UploadMaterialDto,
} from './dto/application.dto.js';
import { BackgroundDto } from './dto/background.dto.js';
import { answerDownload } from './material-download.js';
import { MaterialsService, type UploadedTempFile } from './materials.service.js';

const id = new ParseUUIDPipe({ version: undefined });

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly materials: MaterialsService,
  ) {}

  @Post()
  @Roles('applicant')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApplicationDto) {
    return this.applications.create(user, dto);
  }

  @Get()
  @Roles('applicant', 'staff')
  list(@CurrentUser() user: AuthUser, @Query() query: ApplicationQuery) {
    return this.applications.list(user, query);
  }

  @Get(':id')
  @Roles('applicant', 'staff')
  get(@CurrentUser() user: AuthUser, @Param('id', id) applicationId: string) {
    return this.applications.get(user, applicationId);
  }

  @Patch(':id')
  @Roles('applicant')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Body() dto: UpdateApplicationDto,
  ) {
    return this.applications.update(user, applicationId, dto);
  }

  @Get(':id/background')
  @Roles('applicant')
  @ApiOperation({ summary: 'The owner’s voluntary background answers (never shown to jurors or staff)' })
  background(@CurrentUser() user: AuthUser, @Param('id', id) applicationId: string) {
    return this.applications.background(user, applicationId);
  }

  @Put(':id/background')
  @Roles('applicant')
  @ApiOperation({
    summary:
      'Replaces the voluntary background answers: gender, municipality, school, feeder course; each optional, ' +
      'each with prefer-not. Stored apart from the application, never shown to jurors, used by no rule; only ' +
      'the yearly figures count them',
  })
  saveBackground(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Body() dto: BackgroundDto,
  ) {
    return this.applications.saveBackground(user, applicationId, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('applicant')
  submit(@CurrentUser() user: AuthUser, @Param('id', id) applicationId: string) {
    return this.applications.submit(user, applicationId);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('applicant')
  withdraw(@CurrentUser() user: AuthUser, @Param('id', id) applicationId: string) {
    return this.applications.withdraw(user, applicationId);
  }

  @Post(':id/dispensation')
  @HttpCode(200)
  @Roles('applicant')
  requestDispensation(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Body() dto: DispensationRequestDto,
  ) {
    return this.applications.requestDispensation(user, applicationId, dto);
  }

  @Post(':id/dispensation/decision')
  @HttpCode(200)
  @Roles('staff')
  decideDispensation(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Body() dto: DispensationDecisionDto,
  ) {
    return this.applications.decideDispensation(user, applicationId, dto);
  }

  @Post(':id/materials')
  @Roles('applicant')
  @RateLimited('upload', 'upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        kind: { type: 'string' },
        file: { type: 'string', format: 'binary' },
        url: { type: 'string' },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  addMaterial(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Body() dto: UploadMaterialDto,
    @UploadedFile() file?: UploadedTempFile,
  ) {
    return this.materials.add(user, applicationId, dto.kind, file, dto.url);
  }

  @Get(':id/materials/:materialId')
  @Roles('applicant', 'staff', 'juror')
  @ApiHeader({ name: 'Range', required: false, description: 'one byte range, e.g. bytes=1048576-' })
  @ApiResponse({ status: 206, description: 'the requested range (Content-Range says which)' })
  @ApiResponse({ status: 416, description: 'the range lies outside the file (Content-Range: bytes */size)' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Param('materialId', id) materialId: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const download = await this.materials.download(user, applicationId, materialId, { range, ifRange });
    return answerDownload(res, download);
  }

  @Delete(':id/materials/:materialId')
  @HttpCode(204)
  @Roles('applicant')
  async removeMaterial(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Param('materialId', id) materialId: string,
  ) {
    await this.materials.remove(user, applicationId, materialId);
  }
}

/** The applications of one intake as a spreadsheet (the office's list for the year). */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('intakes')
export class IntakeApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':id/applications.csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="ansoegninger.csv"')
  csv(@Param('id', id) intakeId: string) {
    return this.applications.intakeCsv(intakeId);
  }
}
