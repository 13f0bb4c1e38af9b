import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApplicationsService, type BackgroundView } from '../../applications/applications.service.js';
import { BackgroundDto } from '../../applications/dto/background.dto.js';
import { CatalogueService } from '../../catalogue/catalogue.service.js';
import { DomainError } from '../../common/errors.js';
import type { FormState } from '../components/form.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import type { Dictionary } from '../i18n/index.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { BackgroundPage } from './background.components.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** The background questions' own sentence for each refused field (the shared dictionary does not know them). */
function inBackgroundWords(t: Dictionary, form: FormState): FormState {
  const words = t.reports.background.fieldErrors as Record<string, string>;
  return {
    values: form.values,
    errors: Object.fromEntries(
      Object.entries(form.errors).map(([field, text]) => [field, words[field] ?? text]),
    ),
  };
}

function formOf(view: BackgroundView): FormState {
  const values: Record<string, string> = {};
  for (const key of [
    'gender',
    'genderDescription',
    'municipalityCode',
    'school',
    'feederCourse',
    'feederCourseWhere',
  ] as const) {
    if (view[key]) values[key] = view[key];
  }
  return { values, errors: {} };
}

/** The applicant's voluntary background answers to one application (the room answers 404 to anyone else). */
@PageController()
export class BackgroundPages {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly catalogue: CatalogueService,
  ) {}

  @Get('applications/:id/background')
  @Page('applicant')
  async show(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const view = await this.applications.background(signedIn(page), id);
    this.answer(page, id, formOf(view), {
      notice: done === 'saved' ? page.t.reports.background.saved : undefined,
    });
  }

  @Post('applications/:id/background')
  @Page('applicant')
  async save(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    // The application must be the caller's before anything about the form is said (404 otherwise).
    await this.applications.background(signedIn(page), id);
    const checked = await validateForm(BackgroundDto, body, page.t);
    if (!checked.ok) return this.answer(page, id, inBackgroundWords(page.t, checked.form), {}, 400);
    try {
      await this.applications.saveBackground(signedIn(page), id, checked.dto);
      redirect(page, `/applications/${id}/background?done=saved`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      const shown = formFromError(page.t, error, body);
      this.answer(page, id, inBackgroundWords(page.t, shown.form), { message: shown.message }, error.status);
    }
  }

  private answer(
    page: PageContext,
    id: string,
    form: FormState,
    extra: { notice?: string; message?: string },
    status = 200,
  ) {
    render(
      page,
      <BackgroundPage
        page={page}
        applicationId={id}
        form={form}
        municipalities={this.catalogue.municipalities()}
        {...extra}
      />,
      status,
    );
  }
}
