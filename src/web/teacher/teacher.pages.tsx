import { Body, Get, Post, Query } from '@nestjs/common';
import ical from 'ical-generator';
import { Clock } from '../../common/clock.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { copenhagenDate } from '../../common/time.js';
import { CheckInDto } from '../../projects/dto/projects.dto.js';
import { ProjectsService } from '../../projects/projects.service.js';
import { schoolYearOf } from '../../students/school-year.js';
import { formFromError, keptValues, validateForm, type FormBody } from '../form.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import {
  CalendarPage,
  inProjectWords,
  StaffProjectsPage,
  TeacherPage,
} from '../projects/project-components.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ALL = { limit: 500, offset: 0, sort: 'risk' as const };

/** Supervisors' and staff's project pages: my supervisees, every project, the presentation calendar. */
@PageController()
export class TeacherPages {
  constructor(
    private readonly projects: ProjectsService,
    private readonly clock: Clock,
  ) {}

  @Get('teacher')
  @Page('teacher')
  async list(@Ctx() page: PageContext, @Query('done') done?: string) {
    const { items } = await this.projects.list(signedIn(page), ALL);
    render(
      page,
      <TeacherPage
        page={page}
        projects={items}
        notice={done === 'saved' ? page.t.projects.teacher.saved : undefined}
      />,
    );
  }

  /** A check-in written from the list: the row's project id in a hidden field. */
  @Post('teacher')
  @Page('teacher')
  async checkIn(@Ctx() page: PageContext, @Body() body: FormBody) {
    const user = signedIn(page);
    const projectId = typeof body.projectId === 'string' ? body.projectId : '';
    const onTrack = body.onTrack === 'true' ? true : body.onTrack === 'false' ? false : undefined;
    const refuse = async (
      form: { values: Record<string, string>; errors: Record<string, string> },
      message?: string,
      status = 400,
    ) => {
      const { items } = await this.projects.list(user, ALL);
      render(
        page,
        <TeacherPage page={page} projects={items} refused={{ projectId, form, message }} />,
        status,
      );
    };
    if (!UUID.test(projectId)) {
      return refuse({ values: keptValues(body), errors: {} }, page.t.projects.fieldErrors.projectId);
    }
    const { projectId: _, ...fields } = body;
    const checked = await validateForm(CheckInDto, fields, page.t, { onTrack });
    if (!checked.ok) return refuse(inProjectWords(page.t, checked.form));
    try {
      await this.projects.checkIn(user, projectId, checked.dto);
      redirect(page, '/teacher?done=saved');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, fields);
      await refuse(inProjectWords(page.t, shown.form), shown.message, error.status);
    }
  }

  @Get('staff/projects')
  @Page('staff')
  async staffList(@Ctx() page: PageContext) {
    const { items } = await this.projects.list(signedIn(page), ALL);
    render(page, <StaffProjectsPage page={page} projects={items} />);
  }

  @Get('presentations')
  @Page('staff', 'teacher')
  async calendar(@Ctx() page: PageContext, @Query('year') year?: string) {
    const schoolYear = this.schoolYear(year);
    const presentations = await this.projects.presentations(signedIn(page), schoolYear);
    render(page, <CalendarPage page={page} schoolYear={schoolYear} presentations={presentations} />);
  }

  /** The same presentations as a calendar file (all-day events in Copenhagen). */
  @Get('presentations.ics')
  @Page('staff', 'teacher')
  async calendarFile(@Ctx() page: PageContext, @Query('year') year?: string) {
    const schoolYear = this.schoolYear(year);
    const presentations = await this.projects.presentations(signedIn(page), schoolYear);
    const { t } = page;
    const calendar = ical({ name: t.projects.calendar.calendarName, timezone: 'Europe/Copenhagen' });
    const origin = `${page.req.protocol}://${page.req.get('host') ?? 'localhost'}`;
    for (const x of presentations) {
      calendar.createEvent({
        id: `presentation-${x.projectId}@talentakademi`,
        start: new Date(`${x.date}T12:00:00Z`),
        allDay: true,
        summary: t.projects.calendar.eventTitle(t.projects.formats[x.format], x.studentName, x.title),
        description: [x.programme, x.supervisorName].filter(Boolean).join(' · '),
        url: `${origin}/projects/${x.projectId}`,
      });
    }
    page.res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="presentations-${schoolYear}.ics"`)
      .setHeader('Cache-Control', 'no-store')
      .send(calendar.toString());
  }

  /** `?year=` when it is a year, otherwise the school year of today. */
  private schoolYear(year?: string): number {
    const asked = Number(year);
    if (year && Number.isInteger(asked) && asked >= 2000 && asked <= 2999) return asked;
    return schoolYearOf(copenhagenDate(this.clock.now()));
  }
}
