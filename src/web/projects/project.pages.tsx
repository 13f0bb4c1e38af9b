import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { DomainError } from '../../common/errors.js';
import { ResubmitProjectDto } from '../../projects/dto/projects.dto.js';
import { ProjectsService } from '../../projects/projects.service.js';
import type { FormState } from '../components/form.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { inProjectWords, ProjectPage } from './project-components.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** A third-year project as its student, its supervisor and staff see it (the room answers 404 to anyone else). */
@PageController()
export class ProjectPages {
  constructor(private readonly projects: ProjectsService) {}

  @Get('projects/:id')
  @Page('signed-in')
  async show(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const notice =
      done === 'proposed'
        ? page.t.projects.project.proposed
        : done === 'resubmitted'
          ? page.t.projects.project.resubmitted
          : undefined;
    await this.answer(page, id, { notice });
  }

  @Post('projects/:id/resubmit')
  @Page('applicant')
  async resubmit(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const checked = await validateForm(ResubmitProjectDto, body, page.t);
    if (!checked.ok) return this.answer(page, id, { form: inProjectWords(page.t, checked.form) }, 400);
    try {
      await this.projects.resubmit(signedIn(page), id, checked.dto);
      redirect(page, `/projects/${id}?done=resubmitted`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      const shown = formFromError(page.t, error, body);
      await this.answer(
        page,
        id,
        { form: inProjectWords(page.t, shown.form), message: shown.message },
        error.status,
      );
    }
  }

  private async answer(
    page: PageContext,
    id: string,
    extra: { form?: FormState; message?: string; notice?: string },
    status = 200,
  ) {
    const user = signedIn(page);
    const view = await this.projects.get(user, id);
    const history = await this.projects.history(user, id);
    render(
      page,
      <ProjectPage
        page={page}
        view={view}
        history={history}
        isStudent={view.studentUserId === user.id}
        {...extra}
      />,
      status,
    );
  }
}
