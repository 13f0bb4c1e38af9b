import { Get, Query } from '@nestjs/common';
import { PROGRAMME_FILTERS } from '../../reports/dto/reports.dto.js';
import { FIGURE_TABLES, ReportsService, type FigureTable } from '../../reports/reports.service.js';
import { Ctx, Page, PageController, render, signedIn, type PageContext } from '../page.js';
import { StaffReportsPage } from './reports.components.js';

type Programme = (typeof PROGRAMME_FILTERS)[number];

/** The query as the page reads it: a year that is not one, or an unknown programme, is left out (the defaults). */
function chosen(year?: string, programme?: string, table?: string) {
  const asked = Number(year);
  return {
    year: year && Number.isInteger(asked) && asked >= 2000 && asked <= 2999 ? asked : undefined,
    programme: (PROGRAMME_FILTERS as readonly string[]).includes(programme ?? '')
      ? (programme as Programme)
      : undefined,
    table: (FIGURE_TABLES as readonly string[]).includes(table ?? '') ? (table as FigureTable) : undefined,
  };
}

/** The academy's yearly figures for staff: the page, each table as CSV, the year as an XLSX workbook. */
@PageController()
export class ReportPages {
  constructor(private readonly reports: ReportsService) {}

  @Get('staff/reports')
  @Page('staff')
  async show(@Ctx() page: PageContext, @Query('year') year?: string, @Query('programme') programme?: string) {
    const report = await this.reports.report(signedIn(page), chosen(year, programme), page.locale);
    render(page, <StaffReportsPage page={page} report={report} />);
  }

  @Get('staff/reports/table.csv')
  @Page('staff')
  async csv(
    @Ctx() page: PageContext,
    @Query('year') year?: string,
    @Query('programme') programme?: string,
    @Query('table') table?: string,
  ) {
    const file = await this.reports.csv(signedIn(page), chosen(year, programme, table));
    page.res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
      .setHeader('Cache-Control', 'no-store')
      .send(file.body);
  }

  @Get('staff/reports/workbook.xlsx')
  @Page('staff')
  async workbook(
    @Ctx() page: PageContext,
    @Query('year') year?: string,
    @Query('programme') programme?: string,
  ) {
    const file = await this.reports.workbook(signedIn(page), chosen(year, programme));
    page.res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
      .setHeader('Cache-Control', 'no-store')
      .send(file.body);
  }
}
