import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '../common/auth.js';
import { BreakdownQuery, FiguresQuery, TableQuery } from './dto/reports.dto.js';
import { ReportsService } from './reports.service.js';

const SUPPRESSION =
  'A count from 1 to 4 is the string "<5", and so is a second count of its column when the total would ' +
  'otherwise give the first away; rates are null where a count is hidden.';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('funnel')
  @Roles('staff')
  @ApiOperation({
    summary:
      'Per programme and track (track null: the programme’s total) the funnel applied → submitted → auditioned → ' +
      'passed → offered → accepted → enrolled → completed year 1, 2, 3 → conservatory or other; with the admission ' +
      `and acceptance rates. ${SUPPRESSION}`,
  })
  funnel(@CurrentUser() user: AuthUser, @Query() query: FiguresQuery) {
    return this.reports.funnel(user, query);
  }

  @Get('breakdown')
  @Roles('staff')
  @ApiOperation({
    summary:
      'The funnel by gender, region, municipality (kommunekode), age band on the reference date or feeder ' +
      `course, from the applicants’ voluntary answers, with a total row. ${SUPPRESSION}`,
  })
  breakdown(@CurrentUser() user: AuthUser, @Query() query: BreakdownQuery) {
    return this.reports.breakdown(user, query);
  }

  @Get('years')
  @Roles('staff')
  @ApiOperation({
    summary: `The funnel year over year for the five years up to the year asked. ${SUPPRESSION}`,
  })
  years(@CurrentUser() user: AuthUser, @Query() query: FiguresQuery) {
    return this.reports.years(user, query);
  }

  @Get('table.csv')
  @Roles('staff')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'One table of the figures as CSV for a Danish Excel (BOM, semicolons)' })
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() query: TableQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.reports.csv(user, query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  @Get('workbook.xlsx')
  @Roles('staff')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A year’s figures as one XLSX workbook, a sheet per table' })
  async workbook(@CurrentUser() user: AuthUser, @Query() query: FiguresQuery) {
    const file = await this.reports.workbook(user, query);
    return new StreamableFile(file.body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
