import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
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
  download(
    @CurrentUser() user: AuthUser,
    @Param('id', id) applicationId: string,
    @Param('materialId', id) materialId: string,
  ) {
    return this.materials.download(user, applicationId, materialId);
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
