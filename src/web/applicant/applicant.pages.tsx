import { Body, Get, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AccountsService } from '../../accounts/accounts.service.js';
import { AdmissionsService } from '../../admissions/admissions.service.js';
import { ApplicationsService } from '../../applications/applications.service.js';
import {
  CreateApplicationDto,
  UpdateApplicationDto,
  UploadMaterialDto,
} from '../../applications/dto/application.dto.js';
import { MaterialsService, type UploadedTempFile } from '../../applications/materials.service.js';
import { AuditionsService } from '../../auditions/auditions.service.js';
import { RescheduleRequestDto } from '../../auditions/dto/auditions.dto.js';
import { CatalogueService } from '../../catalogue/catalogue.service.js';
import { DomainError, ErrorCode, notFound } from '../../common/errors.js';
import { Links } from '../../common/links.js';
import { Clock } from '../../common/clock.js';
import { flattenValidationErrors } from '../../common/validation.js';
import type { FormState } from '../components/form.js';
import { keptValues, type FormBody } from '../form.js';
import { dateTime } from '../format.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import {
  applyAction,
  asksForNamedPieces,
  fieldKey,
  fieldValues,
  formField,
  formOf,
  parseAction,
  readForm,
  refusedFields,
  rowCounts,
  toUpdateBody,
  type ApplicationForm,
} from './application-form.js';
import {
  ApplicationPage,
  ApplicationsPage,
  ApplyPage,
  ConfirmPage,
  type ApplicationForms,
  type Names,
} from './applicant.components.js';
import { auditionCalendar } from './audition-calendar.js';
import { currentAudition, type ApplicantApplication } from './view.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Notices a redirect asks the application page to show (POST/redirect/GET). */
const NOTICES = ['saved', 'uploaded', 'removed', 'submitted', 'rescheduled', 'accepted', 'declined'] as const;

/**
 * Every page an applicant uses after the front page: their applications, starting one, filling it in,
 * material, submitting, the audition, the result and the offer. Each handler asks the rooms' services (which
 * check that the application is the caller's: anyone else gets 404), renders one component, and answers.
 */
@PageController()
export class ApplicantPages {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly materials: MaterialsService,
    private readonly catalogue: CatalogueService,
    private readonly auditions: AuditionsService,
    private readonly admissions: AdmissionsService,
    private readonly accounts: AccountsService,
    private readonly links: Links,
    private readonly clock: Clock,
  ) {}

  // ---- my applications ----------------------------------------------------------------------------

  @Get('applications')
  @Page('applicant')
  async list(@Ctx() page: PageContext) {
    const mine = await this.applications.list(signedIn(page), { limit: 100, offset: 0 });
    const intakes = new Map(
      await Promise.all(
        [...new Set(mine.items.map((a) => a.intakeId))].map(
          async (id) => [id, await this.catalogue.getIntake(id)] as const,
        ),
      ),
    );
    const rows = mine.items.map((a) => ({
      id: a.id,
      programme: a.programme,
      year: intakes.get(a.intakeId)!.year,
      track: a.track,
      status: a.status,
      closesAt: intakes.get(a.intakeId)!.closesAt.toISOString(),
    }));
    render(page, <ApplicationsPage page={page} rows={rows} names={await this.names(page)} />);
  }

  // ---- start one ----------------------------------------------------------------------------------

  @Get('apply/:intakeId')
  @Page('applicant')
  async applyForm(@Ctx() page: PageContext, @Param('intakeId', uuid) intakeId: string) {
    await this.renderApply(page, intakeId, { values: {}, errors: {} });
  }

  @Post('apply/:intakeId')
  @Page('applicant')
  async apply(@Ctx() page: PageContext, @Param('intakeId', uuid) intakeId: string, @Body() body: FormBody) {
    const texts = page.t.applicant;
    const values = { track: text(body.track), mainSubject: text(body.mainSubject) };
    const dto = plainToInstance(CreateApplicationDto, { intakeId, ...values });
    const refused = flattenValidationErrors(await validate(dto)).map((p) => p.field);
    if (refused.length) {
      return this.renderApply(page, intakeId, formState(texts.fieldErrors, body, refused), undefined, 400);
    }
    try {
      const created = await this.applications.create(signedIn(page), dto);
      redirect(page, `/applications/${created.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const fields = fieldsOf(error).filter((f) => f !== 'intakeId');
      const message = fields.length
        ? undefined
        : error.code === ErrorCode.AlreadyExists
          ? texts.apply.already
          : error.code === ErrorCode.InvalidState
            ? texts.apply.closed
            : this.sentence(page, error);
      await this.renderApply(
        page,
        intakeId,
        formState(texts.fieldErrors, body, fields),
        message,
        error.status,
      );
    }
  }

  private async renderApply(
    page: PageContext,
    intakeId: string,
    form: FormState,
    message?: string,
    status = 200,
  ) {
    const intake = await this.catalogue.getIntake(intakeId);
    const mine = await this.applications.list(signedIn(page), { limit: 100, offset: 0, intakeId });
    const open = this.catalogue.isOpenForApplications(intake);
    render(
      page,
      <ApplyPage
        page={page}
        intake={{
          id: intake.id,
          programme: intake.programme,
          year: intake.year,
          closesAt: intake.closesAt.toISOString(),
          tracks: Object.keys(intake.seats),
          open,
        }}
        names={await this.names(page)}
        form={form}
        message={message}
        existingId={mine.items[0]?.id}
      />,
      status,
    );
  }

  // ---- the application ----------------------------------------------------------------------------

  @Get('applications/:id')
  @Page('applicant')
  async show(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Query() query: Record<string, string | undefined>,
  ) {
    const application = await this.get(page, id);
    const form = formOf(application);
    const notice = NOTICES.find((n) => query[n] !== undefined);
    const asked = {
      repertoire: Number(query.rows) || undefined,
      unavailable: Number(query.periods) || undefined,
    };
    await this.renderApplication(page, application, {
      form,
      rows: rowCounts(form, asked),
      notice: notice ? this.notice(page, notice) : undefined,
    });
  }

  /** Saves the form (also when a row is added or removed, so nothing typed is lost). */
  @Post('applications/:id')
  @Page('applicant')
  async save(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const application = await this.get(page, id);
    const form = applyAction(
      readForm(body, asksForNamedPieces(application.programme)),
      parseAction(body.action),
    );
    const update = toUpdateBody(form);
    const refused = await refusedFields(update);
    const again = (errors: string[], message?: string, status = 400) =>
      this.renderApplication(page, application, {
        form,
        rows: rowCounts(form),
        errors: Object.fromEntries(errors.map((f) => [f, this.fieldSentence(page, f)])),
        message,
        status,
      });
    if (refused.length) return again(refused);
    try {
      await this.applications.update(signedIn(page), id, update.body as UpdateApplicationDto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const fields = fieldsOf(error).map((f) =>
        formField(f.replace(/^(unavailable\.\d+)$/, '$1.to'), update.rows),
      );
      return again(fields, fields.length ? undefined : this.sentence(page, error), error.status);
    }
    const counts = rowCounts(form);
    const anchor = parseAction(body.action).kind.endsWith('period') ? 'unavailable' : 'repertoire';
    redirect(
      page,
      `/applications/${id}?saved&rows=${counts.repertoire}&periods=${counts.unavailable}${parseAction(body.action).kind === 'save' ? '' : `#${anchor}`}`,
    );
  }

  /** A file (multipart `file` + `kind`) or a video link (`kind=video`, `url`). The form token is in the query. */
  @Post('applications/:id/materials')
  @Page('applicant')
  @UseInterceptors(FileInterceptor('file'))
  async upload(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Body() body: FormBody,
    @UploadedFile() file?: UploadedTempFile,
  ) {
    const texts = page.t.applicant;
    const dto = plainToInstance(UploadMaterialDto, {
      kind: text(body.kind),
      url: text(body.url) || undefined,
    });
    const which: keyof ApplicationForms = dto.kind === 'video' ? 'video' : 'upload';
    const refuse = async (fields: string[], message?: string, status = 400) => {
      const application = await this.get(page, id);
      const form = formOf(application);
      await this.renderApplication(page, application, {
        form,
        rows: rowCounts(form),
        [which]: formState(texts.fieldErrors, body, fields, message),
        message: fields.length ? undefined : message,
        status,
      });
    };
    const refused = flattenValidationErrors(await validate(dto)).map((p) => p.field);
    if (refused.length) return refuse(refused);
    if (which === 'upload' && !file) return refuse(['file']);
    try {
      await this.materials.add(signedIn(page), id, dto.kind, which === 'upload' ? file : undefined, dto.url);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const kindLabel = texts.kinds[dto.kind] ?? dto.kind;
      if (error.code === ErrorCode.PayloadTooLarge) return refuse(['file'], texts.uploadErrors.tooLarge, 413);
      if (error.code === ErrorCode.UnsupportedMediaType) {
        return refuse(['file'], texts.uploadErrors.wrongType(kindLabel), 400);
      }
      const fields = fieldsOf(error);
      return refuse(fields, fields.length ? undefined : this.sentence(page, error), error.status);
    }
    redirect(page, `/applications/${id}?uploaded#materials`);
  }

  @Post('applications/:id/materials/remove')
  @Page('applicant')
  async removeMaterial(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const materialId = text(body.materialId);
    if (!/^[0-9a-f-]{36}$/i.test(materialId)) throw notFound('material', materialId);
    try {
      await this.materials.remove(signedIn(page), id, materialId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.InvalidState) throw error;
      return this.refuseOnPage(page, id, page.t.applicant.errors.notDraft, error.status);
    }
    redirect(page, `/applications/${id}?removed#materials`);
  }

  // ---- submit (confirm step) -----------------------------------------------------------------------

  @Get('applications/:id/submit')
  @Page('applicant')
  async submitConfirm(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const application = await this.get(page, id);
    await this.renderSubmit(page, application);
  }

  @Post('applications/:id/submit')
  @Page('applicant')
  async submit(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    try {
      await this.applications.submit(signedIn(page), id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const application = await this.get(page, id);
      const errors = page.t.applicant.errors;
      const message =
        error.code === ErrorCode.DeadlinePassed
          ? errors.deadline(dateTime(application.deadline, page.locale))
          : error.code === ErrorCode.Incomplete
            ? errors.incomplete
            : error.code === ErrorCode.EmailNotVerified
              ? page.t.applicant.application.verifyEmail
              : error.code === ErrorCode.InvalidState && !application.eligibility.eligible
                ? errors.age
                : this.sentence(page, error);
      return this.renderSubmit(page, application, message, error.status);
    }
    redirect(page, `/applications/${id}?submitted`);
  }

  private async renderSubmit(
    page: PageContext,
    application: ApplicantApplication,
    message?: string,
    status = 200,
  ) {
    const c = page.t.applicant.confirm;
    const back = `/applications/${application.id}`;
    if (application.status !== 'draft') return redirect(page, back);
    const ready =
      application.completeness.complete &&
      application.eligibility.eligible &&
      (await this.accounts.emailVerified(application.applicantId));
    render(
      page,
      <ConfirmPage
        page={page}
        title={c.submitTitle}
        text={c.submitText(application.programme, dateTime(application.deadline, page.locale))}
        button={c.submitButton}
        back={back}
        blocked={ready ? undefined : c.submitMissing}
        message={message}
      />,
      status,
    );
  }

  // ---- the audition ---------------------------------------------------------------------------------

  /** The audition's time and place as a calendar file (404 until there is a time). */
  @Get('applications/:id/audition.ics')
  @Page('applicant')
  async calendar(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const application = await this.get(page, id);
    const audition = currentAudition(application);
    if (!audition) throw notFound('audition');
    const texts = page.t.applicant.calendar;
    const bring = audition.bring[page.locale];
    const url = this.links.application(id);
    const ics = auditionCalendar(
      {
        auditionId: audition.auditionId,
        startsAt: new Date(audition.startsAt!),
        endsAt: new Date(audition.endsAt!),
        summary: texts.summary(application.programme, audition.round),
        location: [audition.venue, audition.room].filter(Boolean).join(', '),
        description: [bring ? texts.bring(bring) : null, texts.see(url)].filter(Boolean).join('\n\n'),
        url,
      },
      this.clock.now(),
    );
    page.res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="optagelsesproeve.ics"')
      .setHeader('Cache-Control', 'no-store')
      .send(ics);
  }

  @Post('applications/:id/reschedule')
  @Page('applicant')
  async reschedule(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const application = await this.get(page, id);
    const auditionId = text(body.auditionId);
    if (!application.auditions?.some((a) => a.auditionId === auditionId))
      throw notFound('audition', auditionId);
    const dto = plainToInstance(RescheduleRequestDto, { reason: text(body.reason) });
    const refused = flattenValidationErrors(await validate(dto)).map((p) => p.field);
    const again = (fields: string[], message?: string, status = 400) => {
      const form = formOf(application);
      return this.renderApplication(page, application, {
        form,
        rows: rowCounts(form),
        reschedule: formState(page.t.applicant.fieldErrors, body, fields),
        message,
        status,
      });
    };
    if (refused.length) return again(refused);
    try {
      await this.auditions.requestReschedule(signedIn(page), auditionId, dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const message =
        error.code === ErrorCode.AlreadyExists
          ? page.t.applicant.errors.rescheduleTwice
          : this.sentence(page, error);
      return again([], message, error.status);
    }
    redirect(page, `/applications/${id}?rescheduled#audition`);
  }

  // ---- the offer (confirm steps) -----------------------------------------------------------------

  @Get('applications/:id/offer/:answer')
  @Page('applicant')
  async offerConfirm(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('answer') answer: string,
  ) {
    const application = await this.get(page, id);
    this.renderOffer(page, application, offerAnswer(answer));
  }

  @Post('applications/:id/offer/:answer')
  @Page('applicant')
  async answerOffer(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('answer') answer: string,
    @Body() body: FormBody,
  ) {
    const which = offerAnswer(answer);
    const application = await this.get(page, id);
    const offerId = text(body.offerId);
    if (!application.offer || application.offer.id !== offerId) throw notFound('offer', offerId);
    try {
      if (which === 'accept') await this.admissions.accept(signedIn(page), offerId);
      else await this.admissions.decline(signedIn(page), offerId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      return this.renderOffer(page, application, which, page.t.applicant.errors.offerClosed, error.status);
    }
    redirect(page, `/applications/${id}?${which === 'accept' ? 'accepted' : 'declined'}#result`);
  }

  private renderOffer(
    page: PageContext,
    application: ApplicantApplication,
    which: 'accept' | 'decline',
    message?: string,
    status = 200,
  ) {
    const c = page.t.applicant.confirm;
    const back = `/applications/${application.id}`;
    const offer = application.offer;
    if (!offer) throw notFound('offer');
    const programme = application.programme;
    render(
      page,
      <ConfirmPage
        page={page}
        title={which === 'accept' ? c.acceptTitle : c.declineTitle}
        text={which === 'accept' ? c.acceptText(programme) : c.declineText(programme)}
        extra={<p>{page.t.applicant.application.offerDeadline(dateTime(offer.respondBy, page.locale))}</p>}
        button={which === 'accept' ? c.acceptButton : c.declineButton}
        warning={which === 'decline'}
        back={back}
        hidden={{ offerId: offer.id }}
        blocked={offer.status === 'open' ? undefined : page.t.applicant.application.offerStatus[offer.status]}
        message={message}
      />,
      status,
    );
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The caller's application (404 for anyone else's: the service checks). */
  private async get(page: PageContext, id: string): Promise<ApplicantApplication> {
    return (await this.applications.get(signedIn(page), id)) as ApplicantApplication;
  }

  private async renderApplication(
    page: PageContext,
    application: ApplicantApplication,
    options: {
      form: ApplicationForm;
      rows: { repertoire: number; unavailable: number };
      errors?: Record<string, string>;
      upload?: FormState;
      video?: FormState;
      reschedule?: FormState;
      message?: string;
      notice?: string;
      status?: number;
    },
  ) {
    render(
      page,
      <ApplicationPage
        page={page}
        application={application}
        names={await this.names(page)}
        emailVerified={
          application.status !== 'draft' || (await this.accounts.emailVerified(application.applicantId))
        }
        forms={{
          application: { values: fieldValues(options.form), errors: options.errors ?? {} },
          upload: options.upload,
          video: options.video,
          reschedule: options.reschedule,
        }}
        rows={options.rows}
        message={options.message}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  }

  private async refuseOnPage(page: PageContext, id: string, message: string, status: number) {
    const application = await this.get(page, id);
    const form = formOf(application);
    await this.renderApplication(page, application, { form, rows: rowCounts(form), message, status });
  }

  private notice(page: PageContext, notice: (typeof NOTICES)[number]): string {
    const a = page.t.applicant.application;
    return {
      saved: a.saved,
      uploaded: a.uploaded,
      removed: a.removed,
      submitted: a.submitted,
      rescheduled: a.rescheduleSent,
      accepted: a.offerStatus.accepted,
      declined: a.offerStatus.declined,
    }[notice];
  }

  private fieldSentence(page: PageContext, field: string): string {
    return page.t.applicant.fieldErrors[fieldKey(field)] ?? page.t.fieldErrorFallback(field);
  }

  /** A domain error without a field: the API's sentence in English, the dictionary's by code in Danish. */
  private sentence(page: PageContext, error: DomainError): string {
    return page.locale === 'en' ? error.message : page.t.errorCodes[error.code];
  }

  private async names(page: PageContext): Promise<Names> {
    const programmes = await this.catalogue.listProgrammes();
    const en = page.locale === 'en';
    return namesOf(programmes, en);
  }
}

/** Programme and track names in the reader's language, from the catalogue's reference data. */
export function namesOf(
  programmes: Awaited<ReturnType<CatalogueService['listProgrammes']>>,
  en: boolean,
): Names {
  return {
    programme: (code) => {
      const p = programmes.find((x) => x.code === code);
      return p ? (en ? p.nameEn : p.name) : code;
    },
    track: (programme, code) => {
      const tr = programmes.find((x) => x.code === programme)?.tracks.find((x) => x.code === code);
      return tr ? (en ? tr.nameEn : tr.name) : code;
    },
  };
}

const text = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '')).trim();

function offerAnswer(answer: string): 'accept' | 'decline' {
  if (answer !== 'accept' && answer !== 'decline') throw notFound('page');
  return answer;
}

/** The form again, as typed, with a sentence next to each refused field (`message` when the page has one). */
function formState(
  sentences: Record<string, string>,
  body: FormBody | undefined,
  fields: string[],
  message?: string,
): FormState {
  const errors: Record<string, string> = {};
  for (const f of fields) errors[f] = message ?? sentences[fieldKey(f)] ?? f;
  return { values: keptValues(body), errors };
}

/** The fields a domain error names in its details. */
function fieldsOf(error: DomainError): string[] {
  return (error.details ?? []).flatMap((d) => {
    const field = (d as { field?: unknown }).field;
    return typeof field === 'string' ? [field] : [];
  });
}
