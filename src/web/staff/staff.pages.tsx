import { Body, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AccountsService } from '../../accounts/accounts.service.js';
import { AdmissionsService } from '../../admissions/admissions.service.js';
import { ExtendOfferDto, RecordOfferAnswerDto, SetDecisionDto } from '../../admissions/dto/admissions.dto.js';
import { APPLICATION_STATUSES } from '../../applications/application-status.js';
import { ApplicationsService } from '../../applications/applications.service.js';
import { MaterialsService } from '../../applications/materials.service.js';
import { DispensationDecisionDto } from '../../applications/dto/application.dto.js';
import { AuditService } from '../../audit/audit.service.js';
import { AuditionsService } from '../../auditions/auditions.service.js';
import { CreatePanelDto, CreateRoundDto, CreateSlotsDto } from '../../auditions/dto/auditions.dto.js';
import { CatalogueService } from '../../catalogue/catalogue.service.js';
import { CreateIntakeDto, RubricDto, UpdateIntakeDto } from '../../catalogue/dto/catalogue.dto.js';
import { Clock } from '../../common/clock.js';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { ACADEMY_ZONE } from '../../common/time.js';
import { JuryService } from '../../jury/jury.service.js';
import { NotificationsService } from '../../notifications/notifications.service.js';
import { ProjectsService } from '../../projects/projects.service.js';
import type { FormState } from '../components/form.js';
import { dateTime } from '../format.js';
import { formFromError, keptValues, validateForm, type FormBody } from '../form.js';
import type { Dictionary } from '../i18n/index.js';
import { sendMaterial } from '../material-response.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { dateInput, INTAKE_DATES } from './intake-dates.js';
import { numberOrUndefined, readRows, rowField } from './list-form.js';
import { deskYears, draftsNeedAttention, expiringOffers, funnelOf, onTheDesk } from './desk.js';
import {
  AdoptPage,
  ApplicationPage,
  DecisionsPage,
  DeskPage,
  IntakePage,
  NewIntakePage,
  OffersPage,
  PublishPage,
  RoundPage,
  RubricPage,
  type ApplicationFilters,
  type DecisionRow,
  type DeskIntake,
  type OfferRow,
  type RoundScores,
} from './staff.components.js';

const uuid = new ParseUUIDPipe({ version: undefined });
const PAGE_SIZE = 25;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A list form's refusals under its inputs' names (`criteria[2].weight`), in the staff pages' words. */
function inListWords(t: Dictionary, form: FormState, list: string, index: number[]): FormState {
  const errors: Record<string, string> = {};
  for (const [field, sentence] of Object.entries(form.errors)) {
    const { name, generic } = rowField(field, list, index);
    errors[name] ??= t.staff.fieldErrors[name] ?? t.staff.fieldErrors[generic] ?? sentence;
  }
  return { values: form.values, errors };
}

/** A form's refusals in the staff pages' words (the dictionary's sentence per field, else the general one). */
function inStaffWords(t: Dictionary, form: FormState): FormState {
  const errors: Record<string, string> = {};
  for (const [field, sentence] of Object.entries(form.errors)) {
    const root = field.split('.')[0];
    errors[root === 'members' ? 'chair' : field] ??=
      t.staff.fieldErrors[field] ?? t.staff.fieldErrors[root] ?? sentence;
  }
  return { values: form.values, errors };
}

type Shown = { form?: FormState; message?: string; notice?: string };

/**
 * The staff desk: the admission year from creating an intake to the waiting list. Each handler asks the rooms'
 * services (which check who may) and renders one page; the rules live in the rooms and in ./desk.ts.
 */
@PageController()
export class StaffPages {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly applications: ApplicationsService,
    private readonly materials: MaterialsService,
    private readonly auditions: AuditionsService,
    private readonly jury: JuryService,
    private readonly admissions: AdmissionsService,
    private readonly notifications: NotificationsService,
    private readonly projects: ProjectsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- the desk -----------------------------------------------------------------------------------------

  @Get('staff')
  @Page('staff')
  async desk(@Ctx() page: PageContext, @Query('done') done?: string) {
    const { t, locale } = page;
    const d = t.staff.desk;
    const now = this.clock.now();
    const items = [];
    for (const year of deskYears(now)) {
      items.push(...(await this.catalogue.listIntakes({ year, limit: 10, offset: 0 } as never)).items);
    }
    const intakes: DeskIntake[] = [];
    const requests = await this.auditions.listRequests('requested');
    for (const intake of items.filter((i) => onTheDesk(i, now))) {
      const counts = await this.applications.counts(intake.id);
      const attention: DeskIntake['attention'] = [];
      const href = `/staff/intakes/${intake.id}`;
      const drafts = counts.filter((c) => c.status === 'draft').reduce((n, c) => n + c.count, 0);
      if (drafts && draftsNeedAttention(intake, now)) {
        attention.push({
          text: d.drafts(drafts, dateTime(intake.closesAt, locale)),
          href: `${href}?status=draft#applications`,
        });
      }
      const dispensations = await this.applications.dispensationRequests(intake.id);
      if (dispensations)
        attention.push({ text: d.dispensations(dispensations), href: `${href}#applications` });
      const rounds = await this.auditions.listRounds(intake.id);
      if (Date.parse(intake.auditionsFrom) <= now.getTime()) {
        for (const round of rounds) {
          const ranking = await this.jury.rankingView(round.id);
          const unscored = ranking.notRanked.filter((r) => r.reason === 'not scored').length;
          if (unscored)
            attention.push({ text: d.unscored(unscored, round.name), href: `/staff/rounds/${round.id}` });
        }
      }
      const expiring = expiringOffers(await this.admissions.listOffers(intake.id), now);
      if (expiring.length) attention.push({ text: d.expiring(expiring.length), href: `${href}/offers` });
      intakes.push({ intake, funnel: funnelOf(counts), attention });
    }
    const general: DeskIntake['attention'] = [];
    if (requests.length) general.push({ text: d.reschedules(requests.length), href: '' });
    const failed = await this.notifications.list({ status: 'failed', limit: 1, offset: 0 });
    if (failed.total)
      general.push({ text: d.failed(failed.total), href: '/staff/notifications?status=failed' });
    const atRisk = await this.projects.list(signedIn(page), { atRisk: true, limit: 1, offset: 0 } as never);
    if (atRisk.total) general.push({ text: d.atRisk(atRisk.total), href: '/staff/projects' });
    render(
      page,
      <DeskPage
        page={page}
        intakes={intakes}
        general={general}
        notice={done === 'created' ? d.created : undefined}
      />,
    );
  }

  @Get('staff/intakes/new')
  @Page('staff')
  async newIntake(@Ctx() page: PageContext) {
    render(page, <NewIntakePage page={page} programmes={await this.catalogue.listProgrammes()} />);
  }

  @Post('staff/intakes/new')
  @Page('staff')
  async createIntake(@Ctx() page: PageContext, @Body() body: FormBody) {
    const programmes = await this.catalogue.listProgrammes();
    const programme = programmes.find((p) => p.code === body.programme);
    // Seats come as text per track; only the chosen programme's tracks with a number count.
    const seats: Record<string, number> = {};
    for (const track of programme?.tracks ?? []) {
      const value = str(body[`seats.${track.code}`]).trim();
      if (value !== '') seats[track.code] = Number(value);
    }
    const numberOf = (v: unknown) => (str(v).trim() === '' ? undefined : Number(v));
    const extra = { year: numberOf(body.year), offerResponseDays: numberOf(body.offerResponseDays), seats };
    const fields = Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('seats.')));
    const refuse = (shown: Shown, status: number) =>
      render(page, <NewIntakePage page={page} programmes={programmes} {...shown} />, status);
    const checked = await validateForm(CreateIntakeDto, fields, page.t, extra);
    if (!checked.ok)
      return refuse({ form: inStaffWords(page.t, { ...checked.form, values: keptValues(body) }) }, 400);
    try {
      const intake = await this.catalogue.createIntake(signedIn(page), checked.dto);
      redirect(page, `/staff/intakes/${intake.id}?done=created`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const shown = formFromError(page.t, error, body);
      refuse({ form: inStaffWords(page.t, shown.form), message: shown.message }, error.status);
    }
  }

  // ---- an intake and its applications -------------------------------------------------------------------------

  @Get('staff/intakes/:id')
  @Page('staff')
  async intake(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Query() query: Record<string, unknown>,
  ) {
    const notice =
      query.done === 'created'
        ? page.t.staff.desk.created
        : query.done === 'round'
          ? page.t.staff.intake.roundCreated
          : query.done === 'settings'
            ? page.t.staff.intake.settingsSaved
            : undefined;
    await this.showIntake(page, id, query, { notice });
  }

  @Post('staff/intakes/:id/rounds')
  @Page('staff')
  async createRound(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const checked = await validateForm(CreateRoundDto, body, page.t, {
      order: str(body.order).trim() === '' ? undefined : Number(body.order),
    });
    if (!checked.ok) return this.showIntake(page, id, {}, { form: inStaffWords(page.t, checked.form) }, 400);
    try {
      const round = await this.auditions.createRound(signedIn(page), id, checked.dto);
      redirect(page, `/staff/rounds/${round.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      await this.showIntake(
        page,
        id,
        {},
        { form: inStaffWords(page.t, shown.form), message: shown.message },
        error.status,
      );
    }
  }

  /**
   * The intake's settings (`PATCH /api/intakes/:id`): dates, offer response days, seats per track and quotas. The
   * catalogue decides what may still change (after opening only dates, only later); its refusal shows next to the
   * field, the input kept.
   */
  @Post('staff/intakes/:id/settings')
  @Page('staff')
  async updateIntake(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const intake = await this.catalogue.showIntake(id);
    const seats: Record<string, number> = {};
    for (const track of Object.keys(intake.seats)) {
      const value = str(body[`seats.${track}`]).trim();
      if (value !== '') seats[track] = Number(value);
    }
    const quotaRows = readRows(body, 'quotas', ['track', 'mainSubject', 'max']);
    const quotas = quotaRows.rows.map((q) => ({
      track: q.track,
      mainSubject: q.mainSubject,
      max: numberOrUndefined(q.max),
    }));
    const dates = Object.fromEntries(INTAKE_DATES.map((f) => [f, body[f]]));
    const extra = { offerResponseDays: numberOrUndefined(str(body.offerResponseDays)), seats, quotas };
    const refuse = (form: FormState, message: string | undefined, status: number) =>
      this.showIntake(page, id, {}, { form, message, settingsPosted: true }, status);
    const checked = await validateForm(UpdateIntakeDto, dates, page.t, extra);
    if (!checked.ok) {
      const form = inListWords(
        page.t,
        { ...checked.form, values: keptValues(body) },
        'quotas',
        quotaRows.index,
      );
      return refuse(form, undefined, 400);
    }
    try {
      await this.catalogue.updateIntake(signedIn(page), id, checked.dto);
      redirect(page, `/staff/intakes/${id}?done=settings`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      const form = inListWords(page.t, shown.form, 'quotas', quotaRows.index);
      // Applications have opened: the field named is one that may no longer change (or only move later).
      if (error.code === ErrorCode.InvalidState)
        for (const field of Object.keys(form.errors)) form.errors[field] = page.t.staff.intake.afterOpening;
      await refuse(form, shown.message, error.status);
    }
  }

  /** One track's rubric (`PUT /api/intakes/:id/rubrics/:track`); read-only with the reason once scored with. */
  @Get('staff/intakes/:id/rubrics/:track')
  @Page('staff')
  async rubric(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('track') track: string,
    @Query('done') done?: string,
  ) {
    await this.showRubric(page, id, track, {
      notice: done === 'saved' ? page.t.staff.rubric.saved : undefined,
    });
  }

  @Post('staff/intakes/:id/rubrics/:track')
  @Page('staff')
  async updateRubric(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('track') track: string,
    @Body() body: FormBody,
  ) {
    const posted = readRows(body, 'criteria', ['key', 'label', 'labelEn', 'weight', 'min', 'max']);
    const criteria = posted.rows.map((c) => ({
      key: c.key,
      label: c.label,
      ...(c.labelEn ? { labelEn: c.labelEn } : {}),
      weight: numberOrUndefined(c.weight),
      min: numberOrUndefined(c.min),
      max: numberOrUndefined(c.max),
    }));
    const checked = await validateForm(RubricDto, {}, page.t, { criteria });
    if (!checked.ok) {
      const form = inListWords(
        page.t,
        { ...checked.form, values: keptValues(body) },
        'criteria',
        posted.index,
      );
      return this.showRubric(page, id, track, { form }, 400);
    }
    try {
      await this.catalogue.updateRubric(signedIn(page), id, track, checked.dto);
      redirect(page, `/staff/intakes/${id}/rubrics/${encodeURIComponent(track)}?done=saved`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body, {
        [ErrorCode.Locked]: page.t.staff.rubric.lockedRefusal,
      });
      const form = inListWords(page.t, shown.form, 'criteria', posted.index);
      await this.showRubric(page, id, track, { form, message: shown.message }, error.status);
    }
  }

  private async showRubric(page: PageContext, id: string, track: string, shown: Shown, status = 200) {
    const intake = await this.catalogue.showIntake(id);
    const rubric = await this.catalogue.showRubric(id, track);
    render(
      page,
      <RubricPage
        page={page}
        intake={intake}
        rubric={rubric}
        trackName={(await this.trackNames(intake.programme)).get(track) ?? track}
        {...shown}
      />,
      status,
    );
  }

  @Get('staff/intakes/:id/applications.csv')
  @Page('staff')
  async applicationsCsv(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    this.csv(page, 'ansoegninger.csv', await this.applications.intakeCsv(id));
  }

  private async showIntake(
    page: PageContext,
    id: string,
    query: Record<string, unknown>,
    shown: Shown & { settingsPosted?: boolean },
    status = 200,
  ) {
    const user = signedIn(page);
    const intake = await this.catalogue.showIntake(id);
    // The settings form shows what is stored, or what was posted when it was refused.
    const stored: Record<string, string> = {
      ...Object.fromEntries(INTAKE_DATES.map((f) => [f, dateInput(f, intake[f])])),
      offerResponseDays: String(intake.offerResponseDays),
      ...Object.fromEntries(Object.entries(intake.seats).map(([k, v]) => [`seats.${k}`, String(v)])),
      ...Object.fromEntries(
        intake.quotas.flatMap((q, i) => [
          [`quotas[${i}].track`, q.track],
          [`quotas[${i}].mainSubject`, q.mainSubject],
          [`quotas[${i}].max`, String(q.max)],
        ]),
      ),
    };
    const settings: FormState = shown.settingsPosted
      ? { values: shown.form?.values ?? {}, errors: shown.form?.errors ?? {} }
      : { values: stored, errors: {} };
    const tracks = Object.keys(intake.seats);
    const offset = Math.max(0, Math.floor(Number(query.offset) || 0));
    const filters: ApplicationFilters = {
      q: str(query.q).trim().slice(0, 200),
      track: tracks.includes(str(query.track)) ? str(query.track) : '',
      status: (APPLICATION_STATUSES as readonly string[]).includes(str(query.status))
        ? str(query.status)
        : '',
      mainSubject: str(query.mainSubject).trim().slice(0, 100),
      offset: Math.min(offset, Number.MAX_SAFE_INTEGER),
      limit: PAGE_SIZE,
    };
    const applications = await this.applications.list(user, {
      intakeId: id,
      q: filters.q || undefined,
      track: filters.track || undefined,
      status: (filters.status || undefined) as never,
      mainSubject: filters.mainSubject || undefined,
      limit: PAGE_SIZE,
      offset: filters.offset,
    });
    const rubrics = await Promise.all(tracks.map((track) => this.catalogue.showRubric(id, track)));
    render(
      page,
      <IntakePage
        page={page}
        intake={intake}
        trackNames={await this.trackNames(intake.programme)}
        rubrics={rubrics}
        settings={settings}
        quotaRows={
          Math.max(
            intake.quotas.length,
            ...readRows(shown.form?.values, 'quotas', ['track', 'mainSubject', 'max']).index.map(
              (i) => i + 1,
            ),
          ) + 2
        }
        rounds={await this.auditions.listRounds(id)}
        applications={applications}
        filters={filters}
        {...shown}
      />,
      status,
    );
  }

  // ---- one application ----------------------------------------------------------------------------------------------

  @Get('staff/applications/:id')
  @Page('staff')
  async application(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    await this.showApplication(page, id, {
      notice: done === 'dispensation' ? page.t.staff.application.decided : undefined,
    });
  }

  @Post('staff/applications/:id/dispensation')
  @Page('staff')
  async dispensation(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const granted = body.granted === 'true' ? true : body.granted === 'false' ? false : undefined;
    const checked = await validateForm(DispensationDecisionDto, body, page.t, { granted });
    if (!checked.ok) return this.showApplication(page, id, { form: inStaffWords(page.t, checked.form) }, 400);
    try {
      await this.applications.decideDispensation(signedIn(page), id, checked.dto);
      redirect(page, `/staff/applications/${id}?done=dispensation`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      await this.showApplication(
        page,
        id,
        { form: inStaffWords(page.t, shown.form), message: shown.message },
        error.status,
      );
    }
  }

  /**
   * One of the application's materials under the session cookie (the /api download wants a bearer token): the
   * jury's answer (inline PDF, images, audio and video; `Range` → 206; `nosniff`). The applications room checks
   * that the reader may read it (staff may); another application's material is 404.
   */
  @Get('staff/applications/:id/materials/:materialId')
  @Page('staff')
  async material(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Param('materialId', uuid) materialId: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
  ) {
    const download = await this.materials.download(signedIn(page), id, materialId, { range, ifRange });
    sendMaterial(page.res, download);
  }

  private async showApplication(page: PageContext, id: string, shown: Shown, status = 200) {
    const application = await this.applications.get(signedIn(page), id);
    const person = (await this.accounts.peopleOf([application.applicantId])).get(application.applicantId) ?? {
      name: '',
      email: '',
    };
    const decision =
      (await this.admissions.listDecisions(application.intakeId)).items.find((d) => d.applicationId === id) ??
      null;
    const offer =
      (await this.admissions.listOffers(application.intakeId)).find((o) => o.applicationId === id) ?? null;
    // The scores per round: each audition's panel, as the jury room shows staff (every score, recusals marked).
    const rounds: RoundScores[] = [];
    for (const auditionId of await this.auditions.auditionIdsOf([id])) {
      const audition = await this.auditions.getAudition(auditionId);
      const round = await this.auditions.getRound(audition.roundId);
      const sheet = await this.jury.listScores(signedIn(page), auditionId);
      rounds.push({ round: round.name, order: round.order, scores: sheet.scores, result: sheet.result });
    }
    rounds.sort((a, b) => a.order - b.order);
    const messages = await this.notifications.list({ applicationId: id, limit: 200, offset: 0 });
    const trail = [
      ...(await this.audit.list({ entity: 'application', entityId: id, limit: 200, offset: 0 })).items,
      ...(offer
        ? (await this.audit.list({ entity: 'offer', entityId: offer.id, limit: 200, offset: 0 })).items
        : []),
    ].sort((a, b) => b.at.localeCompare(a.at));
    render(
      page,
      <ApplicationPage
        page={page}
        application={application}
        person={person}
        trackName={(await this.trackNames(application.programme)).get(application.track) ?? application.track}
        decision={decision}
        offer={offer}
        scores={rounds}
        messages={messages.items}
        audit={trail}
        {...shown}
      />,
      status,
    );
  }

  // ---- a round: panels, slots, the schedule, the ranking -------------------------------------------------------------

  @Get('staff/rounds/:id')
  @Page('staff')
  async round(
    @Ctx() page: PageContext,
    @Param('id', uuid) id: string,
    @Query('done') done?: string,
    @Query('n') n?: string,
    @Query('normalize') normalize?: string,
  ) {
    const s = page.t.staff.round;
    const count = Number(n) || 0;
    const notice =
      done === 'panel'
        ? s.panelCreated
        : done === 'replaced'
          ? s.replaced
          : done === 'slots'
            ? s.slotsCreated(count)
            : done === 'advanced'
              ? s.advanced(count)
              : undefined;
    await this.showRound(page, id, { notice }, 200, normalize === 'zscore' ? 'zscore' : 'none');
  }

  @Post('staff/rounds/:id/panels')
  @Page('staff')
  async createPanel(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const members = (['chair', 'subject_examiner', 'external_examiner'] as const)
      .filter((role) => str(body[role]) !== '')
      .map((role) => ({ userId: str(body[role]), role }));
    const checked = await validateForm(CreatePanelDto, { name: body.name }, page.t, { members });
    if (!checked.ok) {
      return this.showRound(
        page,
        id,
        { form: inStaffWords(page.t, { ...checked.form, values: keptValues(body) }) },
        400,
      );
    }
    await this.act(
      page,
      id,
      body,
      () => this.auditions.createPanel(signedIn(page), id, checked.dto),
      'panel',
    );
  }

  @Post('staff/rounds/:id/panels/replace')
  @Page('staff')
  async replaceMember(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const [panelId, leaving] = str(body.leavingUserId).split(':');
    const joining = str(body.userId);
    const UUID = /^[0-9a-f-]{36}$/i;
    const errors: Record<string, string> = {};
    if (!UUID.test(panelId ?? '') || !UUID.test(leaving ?? ''))
      errors.leavingUserId = page.t.staff.fieldErrors.leavingUserId;
    if (!UUID.test(joining)) errors.userId = page.t.staff.fieldErrors.userId;
    if (Object.keys(errors).length)
      return this.showRound(page, id, { form: { values: keptValues(body), errors } }, 400);
    const panels = await this.auditions.listPanels(id);
    if (!panels.some((p) => p.id === panelId)) {
      return this.showRound(
        page,
        id,
        {
          form: {
            values: keptValues(body),
            errors: { leavingUserId: page.t.staff.fieldErrors.leavingUserId },
          },
        },
        400,
      );
    }
    await this.act(
      page,
      id,
      body,
      () => this.auditions.replacePanelMember(signedIn(page), panelId, leaving, joining),
      'replaced',
    );
  }

  @Post('staff/rounds/:id/slots')
  @Page('staff')
  async createSlots(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const day = str(body.day).trim();
    // 9:00, 09:00 and 9.00 all mean nine o'clock.
    const start = str(body.startTime).trim().replace('.', ':').padStart(5, '0');
    const at = DateTime.fromISO(`${day}T${start}`, { zone: ACADEMY_ZONE });
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid)
      errors.day = page.t.staff.fieldErrors.day;
    if (!/^\d{1,2}:\d{2}$/.test(start) || !at.isValid) errors.startTime = page.t.staff.fieldErrors.startTime;
    const num = (v: unknown) => (str(v).trim() === '' ? undefined : Number(v));
    const checked = await validateForm(
      CreateSlotsDto,
      { panelId: body.panelId, venue: body.venue, room: body.room },
      page.t,
      {
        startsAt: at.isValid ? at.toISO({ suppressMilliseconds: true }) : undefined,
        durationMinutes: num(body.durationMinutes),
        count: num(body.count),
      },
    );
    if (!checked.ok || Object.keys(errors).length) {
      const form = checked.ok ? { values: keptValues(body), errors: {} } : inStaffWords(page.t, checked.form);
      delete form.errors.startsAt;
      return this.showRound(
        page,
        id,
        { form: { values: keptValues(body), errors: { ...form.errors, ...errors } } },
        400,
      );
    }
    try {
      const slots = await this.auditions.createSlots(signedIn(page), id, checked.dto);
      redirect(page, `/staff/rounds/${id}?done=slots&n=${slots.length}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      const form = inStaffWords(page.t, shown.form);
      if (form.errors.startsAt) {
        form.errors.day = form.errors.startsAt;
        delete form.errors.startsAt;
      }
      await this.showRound(
        page,
        id,
        { form, message: shown.message ?? (page.locale === 'en' ? error.message : undefined) },
        error.status,
      );
    }
  }

  /**
   * Runs the scheduling and shows its outcome at once: who was placed and who was not, and why. Running it again
   * places only those still without a time, so a reload repeats nothing.
   */
  @Post('staff/rounds/:id/schedule')
  @Page('staff')
  async schedule(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const result = await this.auditions.schedule(signedIn(page), id);
    const summaries = await this.applications.summaries(result.unscheduled.map((u) => u.applicationId));
    const names = await this.accounts.namesOf(summaries.map((s) => s.applicantId));
    const nameOf = new Map(summaries.map((s) => [s.id, names.get(s.applicantId) ?? s.id]));
    await this.showRound(page, id, {
      notice: page.t.staff.round.scheduled(result.scheduled.length),
      unplaced: result.unscheduled.map((u) => ({
        ...u,
        name: nameOf.get(u.applicationId) ?? u.applicationId,
      })),
    });
  }

  @Post('staff/rounds/:id/advance')
  @Page('staff')
  async advance(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const ids = ([] as string[]).concat(body.applicationIds ?? []).filter((v) => typeof v === 'string');
    if (!ids.length) {
      return this.showRound(
        page,
        id,
        { form: { values: {}, errors: { applicationIds: page.t.staff.fieldErrors.applicationIds } } },
        400,
      );
    }
    await this.act(
      page,
      id,
      body,
      () => this.auditions.advance(signedIn(page), id, { applicationIds: ids }),
      `advanced&n=${ids.length}`,
    );
  }

  @Get('staff/rounds/:id/schedule.csv')
  @Page('staff')
  async scheduleCsv(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    this.csv(page, 'proeveplan.csv', await this.auditions.scheduleCsv(id));
  }

  /** A round's write: on success back to the round with a notice, on a refusal the round with the reason. */
  private async act(
    page: PageContext,
    id: string,
    body: FormBody,
    run: () => Promise<unknown>,
    done: string,
  ) {
    try {
      await run();
      redirect(page, `/staff/rounds/${id}?done=${done}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code === ErrorCode.NotFound && !('userId' in body)))
        throw error;
      const shown = formFromError(page.t, error, body);
      await this.showRound(
        page,
        id,
        {
          form: inStaffWords(page.t, shown.form),
          message: shown.message ?? (page.locale === 'en' ? error.message : undefined),
        },
        error.status,
      );
    }
  }

  private async showRound(
    page: PageContext,
    id: string,
    shown: Shown & { unplaced?: Array<{ applicationId: string; reason: string; name: string }> },
    status = 200,
    normalize: 'none' | 'zscore' = 'none',
  ) {
    const round = await this.auditions.getRound(id);
    const intake = await this.catalogue.showIntake(round.intakeId);
    const jurorIds = await this.accounts.idsWithRole('juror');
    const names = await this.accounts.namesOf(jurorIds);
    const jurors = jurorIds
      .map((j) => ({ id: j, name: names.get(j) ?? j }))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const panels = await this.auditions.listPanels(id);
    // Members no longer jurors (or renamed) still show by name.
    const memberNames = await this.accounts.namesOf(panels.flatMap((p) => p.members.map((m) => m.userId)));
    const everyone = [
      ...jurors,
      ...[...memberNames].filter(([k]) => !names.has(k)).map(([k, v]) => ({ id: k, name: v })),
    ];
    render(
      page,
      <RoundPage
        page={page}
        round={round}
        trackName={(await this.trackNames(intake.programme)).get(round.track) ?? round.track}
        panels={panels}
        slots={await this.auditions.listSlots(id)}
        schedule={(await this.auditions.listAuditions(id, { limit: 500, offset: 0 })).items}
        jurors={everyone}
        ranking={await this.jury.rankingView(id, normalize)}
        normalize={normalize}
        {...shown}
      />,
      status,
    );
  }

  // ---- decisions and results day -------------------------------------------------------------------------------------------

  @Get('staff/intakes/:id/decisions')
  @Page('staff')
  async decisions(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const s = page.t.staff.decisions;
    const notice =
      done === 'proposed'
        ? s.proposed
        : done === 'adopted'
          ? s.adopted
          : done === 'saved'
            ? s.saved
            : done === 'published'
              ? page.t.staff.publish.done(0)
              : undefined;
    await this.showDecisions(page, id, { notice });
  }

  @Post('staff/intakes/:id/decisions/propose')
  @Page('staff')
  async propose(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    try {
      await this.admissions.propose(signedIn(page), id);
      redirect(page, `/staff/intakes/${id}/decisions?done=proposed`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      await this.showDecisions(page, id, { message: formFromError(page.t, error, {}).message }, error.status);
    }
  }

  /**
   * The confirm step in front of adopting the proposal. In this system the proposal is written as the decision of
   * every application without a staff override (`AdmissionsService.propose`), so adopting is running it: the page
   * says how many applications that sets and how many overrides stand, and its one form does it.
   */
  @Get('staff/intakes/:id/decisions/adopt')
  @Page('staff')
  async adoptConfirm(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    await this.showAdopt(page, id);
  }

  @Post('staff/intakes/:id/decisions/adopt')
  @Page('staff')
  async adopt(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    try {
      await this.admissions.propose(signedIn(page), id);
      redirect(page, `/staff/intakes/${id}/decisions?done=adopted`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      await this.showAdopt(page, id, formFromError(page.t, error, {}).message, error.status);
    }
  }

  private async showAdopt(page: PageContext, id: string, message?: string, status = 200) {
    const intake = await this.catalogue.showIntake(id);
    const { publishedAt } = await this.admissions.listDecisions(id);
    render(
      page,
      <AdoptPage
        page={page}
        intake={intake}
        scope={await this.admissions.adoptionScope(id)}
        published={publishedAt !== null}
        message={message}
      />,
      status,
    );
  }

  @Post('staff/intakes/:id/decisions')
  @Page('staff')
  async decide(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const applicationId = str(body.applicationId);
    const decisions = (await this.admissions.listDecisions(id)).items;
    if (!decisions.some((d) => d.applicationId === applicationId)) {
      return this.showDecisions(page, id, { message: page.t.staff.fieldErrors.outcome }, 400);
    }
    const { applicationId: _, ...fields } = body;
    const checked = await validateForm(SetDecisionDto, fields, page.t);
    if (!checked.ok) {
      return this.showDecisions(
        page,
        id,
        { form: inStaffWords(page.t, { ...checked.form, values: keptValues(body) }) },
        400,
      );
    }
    try {
      await this.admissions.setDecision(signedIn(page), applicationId, checked.dto);
      redirect(page, `/staff/intakes/${id}/decisions?done=saved`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      await this.showDecisions(
        page,
        id,
        { form: inStaffWords(page.t, shown.form), message: shown.message },
        error.status,
      );
    }
  }

  @Get('staff/intakes/:id/decisions.csv')
  @Page('staff')
  async decisionsCsv(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    this.csv(page, 'afgoerelser.csv', await this.admissions.decisionsCsv(id));
  }

  /** The confirm step: what publishing will do (how many e-mails), and the one button that does it. */
  @Get('staff/intakes/:id/publish')
  @Page('staff')
  async publishConfirm(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    await this.showPublish(page, id);
  }

  @Post('staff/intakes/:id/publish')
  @Page('staff')
  async publish(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    try {
      await this.admissions.publish(signedIn(page), id);
      redirect(page, `/staff/intakes/${id}/offers?done=published`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const intake = await this.catalogue.showIntake(id);
      const message =
        error.code === ErrorCode.NotYet
          ? page.t.staff.publish.tooEarly(dateTime(intake.resultsAt, page.locale))
          : formFromError(page.t, error, {}).message;
      await this.showPublish(page, id, message, error.status);
    }
  }

  private async showPublish(page: PageContext, id: string, message?: string, status = 200) {
    const intake = await this.catalogue.showIntake(id);
    const { items } = await this.admissions.listDecisions(id);
    const count = (o: string) => items.filter((d) => d.outcome === o).length;
    render(
      page,
      <PublishPage
        page={page}
        intake={intake}
        counts={{ admitted: count('admitted'), waitlisted: count('waitlisted'), rejected: count('rejected') }}
        tooEarly={this.clock.now().getTime() < Date.parse(intake.resultsAt)}
        message={message}
      />,
      status,
    );
  }

  private async showDecisions(page: PageContext, id: string, shown: Shown, status = 200) {
    const intake = await this.catalogue.showIntake(id);
    const { items, publishedAt } = await this.admissions.listDecisions(id);
    render(
      page,
      <DecisionsPage
        page={page}
        intake={intake}
        trackNames={await this.trackNames(intake.programme)}
        decisions={await this.named(items)}
        publishedAt={publishedAt}
        {...shown}
      />,
      status,
    );
  }

  // ---- offers and the waiting list -----------------------------------------------------------------------------------------

  @Get('staff/intakes/:id/offers')
  @Page('staff')
  async offers(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const s = page.t.staff.offers;
    const notice = done === 'answered' ? s.answered : done === 'extended' ? s.extended : undefined;
    await this.showOffers(page, id, { notice }, 200, done === 'published');
  }

  @Post('staff/intakes/:id/offers/answer')
  @Page('staff')
  async answer(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    await this.offerAction(
      page,
      id,
      body,
      RecordOfferAnswerDto,
      (offerId, dto) => this.admissions.recordAnswer(signedIn(page), offerId, dto as RecordOfferAnswerDto),
      'answered',
    );
  }

  @Post('staff/intakes/:id/offers/extend')
  @Page('staff')
  async extend(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    await this.offerAction(
      page,
      id,
      body,
      ExtendOfferDto,
      (offerId, dto) => this.admissions.extendDeadline(signedIn(page), offerId, dto as ExtendOfferDto),
      'extended',
    );
  }

  private async offerAction(
    page: PageContext,
    id: string,
    body: FormBody,
    dto: new () => object,
    run: (offerId: string, dto: object) => Promise<unknown>,
    done: string,
  ) {
    const offerId = str(body.offerId);
    const offers = await this.admissions.listOffers(id);
    const { offerId: _, ...fields } = body;
    const checked = await validateForm(dto, fields, page.t);
    const errors: Record<string, string> = checked.ok ? {} : inStaffWords(page.t, checked.form).errors;
    if (!offers.some((o) => o.id === offerId && o.status === 'open'))
      errors.offerId = page.t.staff.fieldErrors.offerId;
    if (!checked.ok || Object.keys(errors).length) {
      return this.showOffers(page, id, { form: { values: keptValues(body), errors } }, 400);
    }
    try {
      await run(offerId, checked.dto);
      redirect(page, `/staff/intakes/${id}/offers?done=${done}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      await this.showOffers(
        page,
        id,
        { form: inStaffWords(page.t, shown.form), message: shown.message },
        error.status,
      );
    }
  }

  private async showOffers(page: PageContext, id: string, shown: Shown, status = 200, published = false) {
    const intake = await this.catalogue.showIntake(id);
    const offers = await this.admissions.listOffers(id);
    const { items } = await this.admissions.listDecisions(id);
    const summaries = new Map(
      (
        await this.applications.summaries(
          offers.map((o) => o.applicationId).concat(items.map((d) => d.applicationId)),
        )
      ).map((s) => [s.id, s]),
    );
    const names = await this.accounts.namesOf([...summaries.values()].map((s) => s.applicantId));
    const nameOf = (applicationId: string) =>
      names.get(summaries.get(applicationId)?.applicantId ?? '') ?? '';
    const recorded = new Map<string, { channel: string; answeredBy: string }>();
    for (const r of (
      await this.audit.list({ entity: 'offer', action: 'offer.answer_recorded', limit: 500, offset: 0 })
    ).items) {
      const after = r.after as { channel?: string; answeredBy?: string } | null;
      if (after?.channel && !recorded.has(r.entityId))
        recorded.set(r.entityId, { channel: after.channel, answeredBy: after.answeredBy ?? '' });
    }
    const rows: OfferRow[] = offers.map((o) => ({
      ...o,
      applicantName: nameOf(o.applicationId),
      mainSubject: summaries.get(o.applicationId)?.mainSubject ?? '',
      recorded: recorded.get(o.id) ?? null,
    }));
    // The waiting list: waitlisted decisions still waiting, in rank order per track.
    const waitlist = (await this.named(items)).filter(
      (d) => d.outcome === 'waitlisted' && summaries.get(d.applicationId)?.status === 'waitlisted',
    );
    const notice = published ? page.t.staff.publish.done(offers.length) : shown.notice;
    render(
      page,
      <OffersPage
        page={page}
        intake={intake}
        trackNames={await this.trackNames(intake.programme)}
        offers={rows}
        waitlist={waitlist}
        {...shown}
        notice={notice}
      />,
      status,
    );
  }

  // ---- helpers ---------------------------------------------------------------------------------------------------------------

  private async named<D extends { applicationId: string }>(
    decisions: D[],
  ): Promise<Array<D & { applicantName: string }>> {
    const summaries = await this.applications.summaries(decisions.map((d) => d.applicationId));
    const applicant = new Map(summaries.map((s) => [s.id, s.applicantId]));
    const names = await this.accounts.namesOf(summaries.map((s) => s.applicantId));
    return decisions.map((d) => ({
      ...d,
      applicantName: names.get(applicant.get(d.applicationId) ?? '') ?? '',
    }));
  }

  private async trackNames(programme: string): Promise<Map<string, string>> {
    const programmes = await this.catalogue.listProgrammes();
    return new Map((programmes.find((p) => p.code === programme)?.tracks ?? []).map((t) => [t.code, t.name]));
  }

  private csv(page: PageContext, filename: string, body: string) {
    page.res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .setHeader('Cache-Control', 'no-store')
      .send(body);
  }
}

export type { DecisionRow };
