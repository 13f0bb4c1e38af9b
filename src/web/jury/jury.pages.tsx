import { Body, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { MaterialsService } from '../../applications/materials.service.js';
import { AuditionsService } from '../../auditions/auditions.service.js';
import { CatalogueService } from '../../catalogue/catalogue.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../../common/errors.js';
import { copenhagenDate } from '../../common/time.js';
import { flattenValidationErrors } from '../../common/validation.js';
import { ConflictDto, ResultDto, ScoreDto } from '../../jury/dto/jury.dto.js';
import { JuryService } from '../../jury/jury.service.js';
import type { FormState } from '../components/form.js';
import { keptValues, type FormBody } from '../form.js';
import { sendMaterial } from '../material-response.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import {
  AuditionPage,
  ConfirmPage,
  JuryListPage,
  RunningOrderPage,
  type AuditionSheet,
  type SheetForms,
} from './jury.components.js';
import { jurorDayCalendar } from './running-order.js';
import { readResultForm, readScoreForm } from './score-form.js';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Notices a redirect asks the audition page to show (POST/redirect/GET). */
const NOTICES = ['scored', 'declared', 'checkedIn', 'noShow', 'result'] as const;

/**
 * The jury's pages: my auditions, one audition (dossier, material, score sheet, conflict, the chair's part) and
 * the running order. The jury room decides what a juror may see and do (another panel's audition is 404, a
 * recused juror keeps the time but not the dossier, scores are blind); these handlers render what it answers.
 */
@PageController()
export class JuryPages {
  constructor(
    private readonly jury: JuryService,
    private readonly auditions: AuditionsService,
    private readonly materials: MaterialsService,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
  ) {}

  /** The page's context with track names (codes are unique across programmes) in the reader's language. */
  private async ctx(page: PageContext) {
    const tracks = (await this.catalogue.listProgrammes()).flatMap((p) => p.tracks);
    const trackName = (code: string) => {
      const track = tracks.find((x) => x.code === code);
      return track ? (page.locale === 'en' ? track.nameEn : track.name) : code;
    };
    return { ...page, trackName };
  }

  @Get('jury')
  @Page('juror')
  async list(@Ctx() page: PageContext) {
    const list = await this.jury.myAuditions(signedIn(page));
    render(
      page,
      <JuryListPage page={await this.ctx(page)} list={list} today={copenhagenDate(this.clock.now())} />,
    );
  }

  @Get('jury/auditions/:id')
  @Page('juror')
  async show(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const notice = NOTICES.find((n) => n === done);
    await this.answer(page, id, { notice: notice ? page.t.jury.notices[notice] : undefined });
  }

  /** The score sheet: every `criteria.<key>`, `grade`, `comment`; the room checks the rubric and the blind rule. */
  @Post('jury/auditions/:id/score')
  @Page('juror')
  async score(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const user = signedIn(page);
    const sheet = await this.jury.auditionSheet(user, id);
    const dto = plainToInstance(
      ScoreDto,
      readScoreForm(
        body,
        sheet.criteria.map((c) => c.key),
      ),
    );
    // The room checks the criteria and the grade against the rubric, all at once; here only what it does not.
    const refused = flattenValidationErrors(await validate(dto))
      .map((p) => p.field)
      .filter((f) => f !== 'grade' && !f.startsWith('criteria'));
    const again = (fields: string[], message?: string, status = 400) =>
      this.answer(page, id, { forms: { score: this.scoreForm(page, sheet, body, fields) }, message }, status);
    if (refused.length) return again(refused);
    try {
      await this.jury.submitScore(user, id, dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const fields = fieldsOf(error);
      return again(fields, fields.length ? undefined : this.refusal(page, error), error.status);
    }
    redirect(page, `/jury/auditions/${id}?done=scored`);
  }

  /**
   * The conflict declaration's confirm step: the audition page's form (`kind`, `reason`) comes here by GET; the
   * page says what a declaration means and carries the values to the POST below. Refused input goes back to the
   * audition page next to its field.
   */
  @Get('jury/auditions/:id/conflict')
  @Page('juror')
  async confirmConflict(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query() query: FormBody) {
    const sheet = await this.jury.auditionSheet(signedIn(page), id);
    if (query.kind === undefined && query.reason === undefined) {
      return redirect(page, `/jury/auditions/${id}#conflict`);
    }
    const e = page.t.jury.errors;
    const blocked = sheet.result ? e.locked : sheet.recused ? e.already : undefined;
    if (blocked) return this.answer(page, id, { message: blocked }, 409);
    const values = { kind: one(query.kind) || undefined, reason: one(query.reason) };
    const refused = flattenValidationErrors(await validate(plainToInstance(ConflictDto, values))).map(
      (p) => p.field,
    );
    if (refused.length) {
      return this.answer(page, id, { forms: { conflict: this.form(page, query, refused) } }, 400);
    }
    render(
      page,
      <ConfirmPage
        page={await this.ctx(page)}
        sheet={sheet}
        action={{ kind: 'conflict', conflictKind: values.kind ?? 'other', reason: values.reason }}
      />,
    );
  }

  @Post('jury/auditions/:id/conflict')
  @Page('juror')
  async conflict(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const user = signedIn(page);
    const values = { kind: one(body.kind) || undefined, reason: one(body.reason) };
    const dto = plainToInstance(ConflictDto, values);
    const refused = flattenValidationErrors(await validate(dto)).map((p) => p.field);
    const again = (fields: string[], message?: string, status = 400) =>
      this.answer(page, id, { forms: { conflict: this.form(page, body, fields) }, message }, status);
    if (refused.length) return again(refused);
    try {
      await this.jury.declareConflict(user, id, dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      return again(fieldsOf(error), this.refusal(page, error), error.status);
    }
    redirect(page, `/jury/auditions/${id}?done=declared`);
  }

  @Post('jury/auditions/:id/check-in')
  @Page('juror')
  async checkIn(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    await this.attendance(page, id, 'checked_in');
  }

  @Post('jury/auditions/:id/no-show')
  @Page('juror')
  async noShow(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    await this.attendance(page, id, 'no_show');
  }

  /**
   * The chair's result's confirm step: the audition page's form (`grade`, `passed`, `note`) comes here by GET; the
   * page says that the result locks the audition for the panel and carries the values to the POST below.
   */
  @Get('jury/auditions/:id/result')
  @Page('juror')
  async confirmResult(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query() query: FormBody) {
    const sheet = await this.jury.auditionSheet(signedIn(page), id);
    if (query.grade === undefined && query.passed === undefined && query.note === undefined) {
      return redirect(page, `/jury/auditions/${id}#chair`);
    }
    const e = page.t.jury.errors;
    if (sheet.panelRole !== 'chair' || sheet.recused) {
      return this.answer(page, id, { message: sheet.recused ? e.recused : e.notChair }, 403);
    }
    if (sheet.result) return this.answer(page, id, { message: e.locked }, 409);
    if (sheet.attendance === 'no_show') return this.answer(page, id, { message: e.noShow }, 409);
    const values = readResultForm(query);
    const refused = flattenValidationErrors(await validate(plainToInstance(ResultDto, values))).map(
      (p) => p.field,
    );
    if (refused.length) return this.resultAgain(page, id, query, refused);
    render(
      page,
      <ConfirmPage
        page={await this.ctx(page)}
        sheet={sheet}
        action={{ kind: 'result', grade: values.grade as number, passed: values.passed!, note: values.note }}
      />,
    );
  }

  /** The chair's result (`grade`, `passed`, `note`): locks the audition for the whole panel. */
  @Post('jury/auditions/:id/result')
  @Page('juror')
  async result(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const user = signedIn(page);
    const dto = plainToInstance(ResultDto, readResultForm(body));
    const refused = flattenValidationErrors(await validate(dto)).map((p) => p.field);
    const again = (fields: string[], message?: string, status = 400) =>
      this.resultAgain(page, id, body, fields, message, status);
    if (refused.length) return again(refused);
    try {
      await this.jury.recordResult(user, id, dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      return again([], this.refusal(page, error), error.status);
    }
    redirect(page, `/jury/auditions/${id}?done=result`);
  }

  /**
   * The audition's material for the page's players: PDF, images, audio and video shown inline, seekable
   * (`Range` → 206), `nosniff` kept; 404 unless the juror judges this audition (not recused, still readable).
   */
  @Get('jury/auditions/:id/materials/:materialId')
  @Page('juror')
  async material(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('materialId', uuid) materialId: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
  ) {
    const user = signedIn(page);
    const { audition, panelRole } = await this.auditions.seatOf(id, user.id);
    if (!panelRole) throw notFound('audition', id);
    const download = await this.materials.download(user, audition.applicationId, materialId, {
      range,
      ifRange,
    });
    sendMaterial(page.res, download);
  }

  @Get('jury/rounds/:id/running-order')
  @Page('juror')
  async runningOrder(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const { round, items } = await this.roundOf(page, id);
    render(
      page,
      <RunningOrderPage page={await this.ctx(page)} roundId={id} roundName={round.name} items={items} />,
    );
  }

  /** The juror's own day in the round (`?day=YYYY-MM-DD`, else every day) as a calendar file. */
  @Get('jury/rounds/:id/running-order.ics')
  @Page('juror')
  async calendar(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('day') day?: string) {
    const user = signedIn(page);
    const { round, items } = await this.roundOf(page, id);
    const r = page.t.jury.runningOrder;
    const events = items
      .filter((i) => i.startsAt && i.endsAt && !i.recused)
      .filter((i) => !day || copenhagenDate(new Date(i.startsAt!)) === day)
      .map((i) => ({
        auditionId: i.id,
        startsAt: new Date(i.startsAt!),
        endsAt: new Date(i.endsAt!),
        summary: r.eventSummary(round.name, i.room ?? r.noRoom),
        location: [i.room, i.venue].filter(Boolean).join(', '),
        description: i.panelName,
      }));
    page.res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="koereplan-${day ?? 'alle-dage'}.ics"`)
      .setHeader('Cache-Control', 'no-store')
      .send(jurorDayCalendar(user.id, events, this.clock.now()));
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The caller's auditions in this round; 404 when they judge none of it. */
  private async roundOf(page: PageContext, roundId: string) {
    const list = await this.jury.myAuditions(signedIn(page));
    const items = list.items.filter((i) => i.roundId === roundId);
    if (!items.length) throw notFound('round', roundId);
    return { round: await this.auditions.getRound(roundId), items };
  }

  private async attendance(page: PageContext, id: string, attendance: 'checked_in' | 'no_show') {
    const user = signedIn(page);
    await this.jury.auditionSheet(user, id);
    try {
      await this.auditions.attendance(user, id, attendance);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      return this.answer(page, id, { message: this.refusal(page, error) }, error.status);
    }
    redirect(page, `/jury/auditions/${id}?done=${attendance === 'checked_in' ? 'checkedIn' : 'noShow'}`);
  }

  /** The audition page with the chair's result form refused: the grade's radio group is `resultGrade`. */
  private resultAgain(
    page: PageContext,
    id: string,
    body: FormBody,
    fields: string[],
    message?: string,
    status = 400,
  ) {
    const form = this.form(
      page,
      body,
      fields.map((f) => (f === 'grade' ? 'resultGrade' : f)),
    );
    form.values.resultGrade = one(body.grade);
    return this.answer(page, id, { forms: { result: form }, message }, status);
  }

  private async answer(
    page: PageContext,
    id: string,
    extra: { forms?: SheetForms; message?: string; notice?: string },
    status = 200,
  ) {
    const user = signedIn(page);
    const sheet = await this.jury.auditionSheet(user, id);
    render(
      page,
      <AuditionPage page={await this.ctx(page)} sheet={sheet} userId={user.id} {...extra} />,
      status,
    );
  }

  /** The score sheet's refused fields, each with the sentence that says what to type. */
  private scoreForm(page: PageContext, sheet: AuditionSheet, body: FormBody, fields: string[]): FormState {
    const e = page.t.jury.fieldErrors;
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const key = field.startsWith('criteria.') ? field.slice('criteria.'.length) : null;
      const c = key ? sheet.criteria.find((x) => x.key === key) : undefined;
      if (c) {
        errors[field] = e.criterion(page.locale === 'en' ? (c.labelEn ?? c.label) : c.label, c.min, c.max);
      } else if (field === 'grade' || field === 'comment') {
        errors[field] = e[field];
      }
    }
    // A field the sheet does not show (a key the rubric lacks): the sheet as a whole is what to check.
    if (fields.length && !Object.keys(errors).length) errors.grade = e.grade;
    return { values: keptValues(body), errors };
  }

  private form(page: PageContext, body: FormBody, fields: string[]): FormState {
    const e = page.t.jury.fieldErrors as unknown as Record<string, string>;
    return {
      values: keptValues(body),
      errors: Object.fromEntries(
        fields.map((f) => [f, f === 'resultGrade' ? page.t.jury.fieldErrors.grade : (e[f] ?? f)]),
      ),
    };
  }

  /** A refusal by the rooms in the reader's words. */
  private refusal(page: PageContext, error: DomainError): string {
    const e = page.t.jury.errors;
    switch (error.code) {
      case ErrorCode.ScoreFinal:
        return e.final;
      case ErrorCode.Locked:
        return e.locked;
      case ErrorCode.AlreadyExists:
        return e.already;
      case ErrorCode.InvalidState:
        return /show/i.test(error.message) ? e.noShow : error.message;
      case ErrorCode.Forbidden:
        return error.message.includes('recused') ? e.recused : e.notChair;
      default:
        return page.locale === 'en'
          ? error.message
          : ((page.t.errorCodes as Record<string, string>)[error.code] ?? error.message);
    }
  }
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

/** The fields a domain error names in its details. */
function fieldsOf(error: DomainError): string[] {
  return (error.details ?? []).flatMap((d) => {
    const field = (d as { field?: unknown }).field;
    return typeof field === 'string' ? [field] : [];
  });
}
