import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '../common/auth.js';
import { CatalogueService } from './catalogue.service.js';
import { CreateIntakeDto, ListIntakesQuery, RubricDto, UpdateIntakeDto } from './dto/catalogue.dto.js';

@ApiTags('catalogue')
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('programmes')
  @Public()
  @ApiOperation({ summary: 'Programmes with their tracks and what each track requires of an application' })
  programmes() {
    return this.catalogue.listProgrammes();
  }

  @Get('municipalities')
  @Public()
  @ApiOperation({
    summary: 'The 98 Danish municipalities with their three-digit code (kommunekode) and region',
  })
  municipalities() {
    return this.catalogue.municipalities();
  }

  @Get('intakes')
  @Public()
  @ApiOperation({ summary: 'Intakes; ?open=true lists those whose application window contains now' })
  listIntakes(@Query() query: ListIntakesQuery) {
    return this.catalogue.listIntakes(query);
  }

  @Get('intakes/:id')
  @Public()
  intake(@Param('id') id: string) {
    return this.catalogue.showIntake(id);
  }

  @Post('intakes')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOperation({ summary: 'Opens an intake for a programme and year, with default rubrics for its tracks' })
  createIntake(@CurrentUser() user: AuthUser, @Body() dto: CreateIntakeDto) {
    return this.catalogue.createIntake(user, dto);
  }

  @Patch('intakes/:id')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOperation({
    summary: 'Changes an intake: anything until applications open, then only dates and only later',
  })
  updateIntake(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateIntakeDto) {
    return this.catalogue.updateIntake(user, id, dto);
  }

  @Get('intakes/:id/rubrics/:track')
  @ApiBearerAuth()
  @Roles('staff', 'juror')
  rubric(@Param('id') id: string, @Param('track') track: string) {
    return this.catalogue.showRubric(id, track);
  }

  @Put('intakes/:id/rubrics/:track')
  @ApiBearerAuth()
  @Roles('staff')
  @ApiOperation({ summary: 'Replaces the criteria of a rubric; 409 once a score has been given with it' })
  updateRubric(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('track') track: string,
    @Body() dto: RubricDto,
  ) {
    return this.catalogue.updateRubric(user, id, track, dto);
  }
}
