import type { ComponentChildren } from 'preact';
import type { AdmissionsService } from '../../admissions/admissions.service.js';
import type { ApplicationsService } from '../../applications/applications.service.js';
import type { AuditView } from '../../audit/audit.mapper.js';
import type { AuditionsService } from '../../auditions/auditions.service.js';
import type { CatalogueService } from '../../catalogue/catalogue.service.js';
import type { JuryService } from '../../jury/jury.service.js';
import { gradeLabel } from '../../common/grades.js';
import { ErrorSummary, Field, Form, RadioGroup, fieldId, type FormState } from '../components/form.js';
import { Alert, Button, SummaryList, Table } from '../components/ui.js';
import { date, dateTime, time, weekdayDate } from '../format.js';
import type { Dictionary } from '../i18n/index.js';
import { Layout } from '../layout/layout.js';
import type { PageContext } from '../page.js';
import type { Funnel } from './desk.js';
import { StaffNav } from './staff-nav.js';

type Intake = Awaited<ReturnType<CatalogueService['showIntake']>>;
type Rubric = Awaited<ReturnType<CatalogueService['showRubric']>>;
type Round = Awaited<ReturnType<AuditionsService['listRounds']>>[number];
type Panel = Awaited<ReturnType<AuditionsService['listPanels']>>[number];
type Slot = Awaited<ReturnType<AuditionsService['listSlots']>>[number];
type Audition = Awaited<ReturnType<AuditionsService['listAuditions']>>['items'][number];
type ApplicationList = Awaited<ReturnType<ApplicationsService['list']>>;
type Application = Awaited<ReturnType<ApplicationsService['get']>>;
type Ranking = Awaited<ReturnType<JuryService['rankingView']>>;
type Decision = Awaited<ReturnType<AdmissionsService['listDecisions']>>['items'][number];
type Offer = Awaited<ReturnType<AdmissionsService['listOffers']>>[number];

export interface Person {
  id: string;
  name: string;
}

/** A staff page's frame: the layout, the staff navigation, then the page. */
function StaffLayout(props: { page: PageContext; title: string; children: ComponentChildren }) {
  return (
    <Layout page={props.page} title={props.title}>
      <div class="academy-wide">
        <StaffNav t={props.page.t} path={props.page.path} />
        {props.children}
      </div>
    </Layout>
  );
}

/** A DKFDS select with its label (and error), the options' values as the API's. */
export function Select(props: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  form?: FormState;
  selected?: string;
  t: Dictionary;
  id?: string;
}) {
  const id = props.id ?? fieldId(props.name);
  const error = props.form?.errors[props.name];
  const selected = props.form?.values[props.name] ?? props.selected ?? '';
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={id}>
        {props.label}
      </label>
      {error ? (
        <span class="form-error-message" id={`${id}-error`}>
          <span class="sr-only">{props.t.form.errorPrefix} </span>
          {error}
        </span>
      ) : null}
      <select
        class="form-select"
        id={id}
        name={props.name}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const Hidden = (props: { name: string; value: string }) => (
  <input type="hidden" name={props.name} value={props.value} />
);

// ---- the desk --------------------------------------------------------------------------------------

export interface DeskIntake {
  intake: Intake;
  funnel: Funnel;
  attention: Array<{ text: string; href: string }>;
}

export function DeskPage(props: {
  page: PageContext;
  intakes: DeskIntake[];
  general: Array<{ text: string; href: string }>;
  notice?: string;
}) {
  const { page } = props;
  const d = page.t.staff.desk;
  return (
    <StaffLayout page={page} title={d.title}>
      <h1>{d.title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>{d.intro}</p>
      {props.general.length ? (
        <ul class="academy-compact-list">
          {props.general.map((a) => (
            <li>{a.href ? <a href={a.href}>{a.text}</a> : a.text}</li>
          ))}
        </ul>
      ) : null}
      {props.intakes.length === 0 ? <p>{d.noIntakes}</p> : null}
      {props.intakes.map(({ intake, funnel, attention }) => (
        <section aria-labelledby={`intake-${intake.id}`}>
          <h2 id={`intake-${intake.id}`}>
            <a href={`/staff/intakes/${intake.id}`}>{d.intake(intake.programme, intake.year)}</a>
          </h2>
          <h3>{d.funnel}</h3>
          <ol class="academy-funnel">
            {(Object.keys(d.funnelSteps) as Array<keyof Funnel>).map((step) => (
              <li>
                <strong>{funnel[step]}</strong> {d.funnelSteps[step]}
              </li>
            ))}
          </ol>
          <h3>{d.attention}</h3>
          {attention.length ? (
            <ul>
              {attention.map((a) => (
                <li>
                  <a href={a.href}>{a.text}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{d.nothing}</p>
          )}
        </section>
      ))}
      <p>
        <Button href="/staff/intakes/new" variant="secondary">
          {d.newIntake}
        </Button>
      </p>
    </StaffLayout>
  );
}

/** An intake's dates and the days to answer an offer: the same fields when it is made and when it is changed. */
function IntakeScheduleFields(props: { t: Dictionary; form?: FormState }) {
  const { t, form } = props;
  const f = t.staff.intakeForm;
  return (
    <>
      <Field name="opensAt" label={f.opensAt} form={form} t={t} />
      <Field name="closesAt" label={f.closesAt} form={form} t={t} />
      <Field name="auditionsFrom" label={f.auditionsFrom} form={form} t={t} />
      <Field name="auditionsTo" label={f.auditionsTo} form={form} t={t} />
      <Field name="resultsAt" label={f.resultsAt} form={form} t={t} />
      <Field
        name="offerResponseDays"
        label={f.offerResponseDays}
        type="number"
        inputMode="numeric"
        form={form}
        t={t}
      />
    </>
  );
}

export function NewIntakePage(props: {
  page: PageContext;
  programmes: Array<{ code: string; name: string; tracks: Array<{ code: string; name: string }> }>;
  form?: FormState;
  message?: string;
}) {
  const { page, form } = props;
  const { t } = page;
  const f = t.staff.intakeForm;
  const tracks = props.programmes.flatMap((p) => p.tracks.map((tr) => ({ ...tr, programme: p.code })));
  return (
    <StaffLayout page={page} title={f.title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{f.title}</h1>
      <p>{f.intro}</p>
      <Form csrf={page.csrfToken}>
        <RadioGroup
          name="programme"
          legend={f.programme}
          options={props.programmes.map((p) => ({ value: p.code, label: `${p.code} – ${p.name}` }))}
          form={form}
          t={t}
        />
        <Field name="year" label={f.year} type="number" inputMode="numeric" form={form} t={t} />
        <IntakeScheduleFields t={t} form={form} />
        <fieldset>
          <legend class="form-label">{f.seats}</legend>
          {tracks.map((tr) => (
            <Field
              name={`seats.${tr.code}`}
              label={`${tr.programme}: ${tr.name}`}
              type="number"
              inputMode="numeric"
              form={form}
              t={t}
            />
          ))}
        </fieldset>
        <Button>{f.submit}</Button>
      </Form>
      <p>
        <a href="/staff">{f.back}</a>
      </p>
    </StaffLayout>
  );
}

// ---- an intake ----------------------------------------------------------------------------------------

export interface ApplicationFilters {
  q: string;
  track: string;
  status: string;
  mainSubject: string;
  offset: number;
  limit: number;
}

export function IntakePage(props: {
  page: PageContext;
  intake: Intake;
  trackNames: Map<string, string>;
  rubrics: Rubric[];
  /** The settings form's values (stored, or posted and refused) and its refusals. */
  settings: FormState;
  quotaRows: number;
  settingsPosted?: boolean;
  rounds: Round[];
  applications: ApplicationList;
  filters: ApplicationFilters;
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, intake, filters, form } = props;
  const { t, locale } = page;
  const s = t.staff.intake;
  const title = t.staff.desk.intake(intake.programme, intake.year);
  const trackName = (code: string) => props.trackNames.get(code) ?? code;
  const query = (offset: number) => {
    const q = new URLSearchParams();
    for (const key of ['q', 'track', 'status', 'mainSubject'] as const)
      if (filters[key]) q.set(key, filters[key]);
    if (offset) q.set('offset', String(offset));
    const text = q.toString();
    return `/staff/intakes/${intake.id}${text ? `?${text}` : ''}#applications`;
  };
  const { items, total } = props.applications;
  const tracks = Object.keys(intake.seats);
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${intake.id}/decisions`}>{s.decisions}</a> ·{' '}
        <a href={`/staff/intakes/${intake.id}/offers`}>{s.offers}</a>
      </p>
      <h2>{s.settings}</h2>
      <SummaryList
        rows={[
          [s.window, `${dateTime(intake.opensAt, locale)} – ${dateTime(intake.closesAt, locale)}`],
          [s.auditions, `${date(intake.auditionsFrom, locale)} – ${date(intake.auditionsTo, locale)}`],
          [s.results, dateTime(intake.resultsAt, locale)],
          [s.responseDays, s.days(intake.offerResponseDays)],
        ]}
      />
      <Table
        caption={s.seats}
        head={[s.track, s.seatsCol, s.quotas]}
        rowHeader
        rows={tracks.map((track) => {
          const quotas = intake.quotas.filter((q) => q.track === track);
          return [
            trackName(track),
            intake.seats[track],
            quotas.length ? quotas.map((q) => s.quota(q.mainSubject, q.max)).join(', ') : s.noQuotas,
          ];
        })}
      />
      <IntakeSettingsForm
        page={page}
        intake={intake}
        form={props.settings}
        quotaRows={props.quotaRows}
        trackName={trackName}
      />
      <h2>{s.rubrics}</h2>
      {props.rubrics.map((rubric) => (
        <>
          <Table
            caption={`${s.rubrics}: ${trackName(rubric.track)}`}
            head={[s.criterion, s.weight, s.scale]}
            rowHeader
            rows={rubric.criteria.map((c) => [c.label, c.weight, `${c.min}–${c.max}`])}
          />
          <p>
            <a href={`/staff/intakes/${intake.id}/rubrics/${encodeURIComponent(rubric.track)}`}>
              {rubric.lockedAt
                ? s.showRubric(trackName(rubric.track))
                : s.editRubric(trackName(rubric.track))}
            </a>
          </p>
        </>
      ))}
      <h2>{s.rounds}</h2>
      <Table
        caption={s.rounds}
        head={[s.round, s.track, s.kind, s.order]}
        rowHeader
        empty={s.noRounds}
        rows={props.rounds.map((r) => [
          <a href={`/staff/rounds/${r.id}`}>{r.name}</a>,
          trackName(r.track),
          t.staff.kinds[r.kind] ?? r.kind,
          r.order,
        ])}
      />
      <h3>{s.newRound}</h3>
      <Form csrf={page.csrfToken} action={`/staff/intakes/${intake.id}/rounds`}>
        <div class="academy-form-row">
          <Select
            name="track"
            label={s.track}
            options={tracks.map((tr) => ({ value: tr, label: trackName(tr) }))}
            form={form}
            t={t}
          />
          <Select
            name="kind"
            label={s.kind}
            options={Object.entries(t.staff.kinds).map(([value, label]) => ({ value, label }))}
            form={form}
            selected="audition"
            t={t}
          />
          <Field name="order" label={s.order} type="number" inputMode="numeric" form={form} t={t} />
          <Field name="name" label={s.name} form={form} t={t} />
        </div>
        <Button variant="secondary">{s.create}</Button>
      </Form>
      <h2 id="applications">{s.applications}</h2>
      <form method="get" action={`/staff/intakes/${intake.id}#applications`} role="search">
        <div class="academy-form-row">
          <div class="form-group">
            <label class="form-label" for="field-q">
              {s.search}
            </label>
            <input class="form-input" id="field-q" name="q" type="search" value={filters.q} />
          </div>
          <Select
            name="track"
            id="filter-track"
            label={s.track}
            options={[
              { value: '', label: s.all },
              ...tracks.map((tr) => ({ value: tr, label: trackName(tr) })),
            ]}
            selected={filters.track}
            t={t}
          />
          <Select
            name="status"
            id="filter-status"
            label={s.status}
            options={[
              { value: '', label: s.all },
              ...Object.entries(t.staff.statuses).map(([value, label]) => ({ value, label })),
            ]}
            selected={filters.status}
            t={t}
          />
          <div class="form-group">
            <label class="form-label" for="filter-mainSubject">
              {s.mainSubject}
            </label>
            <input
              class="form-input"
              id="filter-mainSubject"
              name="mainSubject"
              value={filters.mainSubject}
            />
          </div>
        </div>
        <Button variant="secondary">{s.filter}</Button>
      </form>
      <Table
        caption={s.applications}
        head={[s.applicant, s.email, s.track, s.mainSubject, s.status, s.submittedAt]}
        rowHeader
        empty={s.noApplications}
        rows={items.map((a) => {
          const row = a as typeof a & { applicantName?: string; applicantEmail?: string };
          return [
            <a href={`/staff/applications/${a.id}`}>{row.applicantName || a.id}</a>,
            row.applicantEmail ?? '',
            trackName(a.track),
            a.mainSubject,
            t.staff.statuses[a.status] ?? a.status,
            a.submittedAt ? date(a.submittedAt, locale) : '',
          ];
        })}
      />
      {total > 0 ? <p>{s.showing(filters.offset + 1, filters.offset + items.length, total)}</p> : null}
      <p>
        {filters.offset > 0 ? (
          <a href={query(Math.max(0, filters.offset - filters.limit))}>{s.previous}</a>
        ) : null}{' '}
        {filters.offset + items.length < total ? (
          <a href={query(filters.offset + filters.limit)}>{s.next}</a>
        ) : null}
      </p>
      <p>
        <a href={`/staff/intakes/${intake.id}/applications.csv`} download>
          {s.exportApplications}
        </a>
      </p>
    </StaffLayout>
  );
}

/**
 * The intake's settings as one form (`PATCH /api/intakes/:id`): the five dates, offer response days, seats per
 * track and quota rows (the stored ones and two empty, which are ignored when left empty).
 */
function IntakeSettingsForm(props: {
  page: PageContext;
  intake: Intake;
  form: FormState;
  quotaRows: number;
  trackName: (code: string) => string;
}) {
  const { page, intake, form, trackName } = props;
  const { t } = page;
  const s = t.staff.intake;
  const f = t.staff.intakeForm;
  const tracks = Object.keys(intake.seats);
  return (
    <details open={Object.keys(form.errors).length > 0 ? true : undefined}>
      <summary>{s.editSettings}</summary>
      <Form csrf={page.csrfToken} action={`/staff/intakes/${intake.id}/settings`}>
        <p class="form-hint">{s.settingsHint}</p>
        <IntakeScheduleFields t={t} form={form} />
        <fieldset>
          <legend class="form-label">{f.seats}</legend>
          {tracks.map((track) => (
            <Field
              name={`seats.${track}`}
              label={trackName(track)}
              type="number"
              inputMode="numeric"
              form={form}
              t={t}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend class="form-label">{s.quotas}</legend>
          <p class="form-hint">{s.quotasHint}</p>
          {Array.from({ length: props.quotaRows }, (_, i) => (
            <div class="academy-form-row">
              <Select
                name={`quotas[${i}].track`}
                label={s.quotaTrack(i + 1)}
                options={[
                  { value: '', label: s.noTrack },
                  ...tracks.map((track) => ({ value: track, label: trackName(track) })),
                ]}
                form={form}
                t={t}
              />
              <Field name={`quotas[${i}].mainSubject`} label={s.quotaSubject(i + 1)} form={form} t={t} />
              <Field
                name={`quotas[${i}].max`}
                label={s.quotaMax(i + 1)}
                type="number"
                inputMode="numeric"
                form={form}
                t={t}
              />
            </div>
          ))}
        </fieldset>
        <Button variant="secondary">{s.saveSettings}</Button>
      </Form>
    </details>
  );
}

// ---- a rubric -----------------------------------------------------------------------------------------------

/** One track's rubric: its criteria as a form (two spare rows), or read-only with the reason once locked. */
export function RubricPage(props: {
  page: PageContext;
  intake: Intake;
  rubric: Rubric;
  trackName: string;
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, intake, rubric, form } = props;
  const { t, locale } = page;
  const s = t.staff.rubric;
  const title = s.title(props.trackName, t.staff.desk.intake(intake.programme, intake.year));
  const values: Record<string, string> = form?.values ?? {};
  if (!form) {
    rubric.criteria.forEach((c, i) => {
      values[`criteria[${i}].key`] = c.key;
      values[`criteria[${i}].label`] = c.label;
      values[`criteria[${i}].labelEn`] = c.labelEn ?? '';
      values[`criteria[${i}].weight`] = String(c.weight);
      values[`criteria[${i}].min`] = String(c.min);
      values[`criteria[${i}].max`] = String(c.max);
    });
  }
  const shown: FormState = { values, errors: form?.errors ?? {} };
  const posted = Object.keys(values)
    .map((k) => /^criteria\[(\d+)\]/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]) + 1);
  const rows = Math.min(Math.max(rubric.criteria.length, ...posted) + 2, 30);
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${intake.id}`}>{s.back}</a>
      </p>
      {rubric.lockedAt ? (
        <>
          <Alert kind="info">{s.locked(dateTime(rubric.lockedAt, locale))}</Alert>
          <Table
            caption={s.criteria}
            head={[s.key, s.label, s.labelEn, s.weight, s.scale]}
            rowHeader
            rows={rubric.criteria.map((c) => [
              c.key,
              c.label,
              c.labelEn ?? '',
              c.weight,
              `${c.min}–${c.max}`,
            ])}
          />
        </>
      ) : (
        <Form csrf={page.csrfToken}>
          <p>{s.intro}</p>
          {Array.from({ length: rows }, (_, i) => (
            <fieldset>
              <legend class="form-label">{s.row(i + 1)}</legend>
              <div class="academy-form-row">
                <Field name={`criteria[${i}].key`} label={s.key} form={shown} t={t} />
                <Field name={`criteria[${i}].label`} label={s.label} form={shown} t={t} />
                <Field name={`criteria[${i}].labelEn`} label={s.labelEn} form={shown} t={t} />
              </div>
              <div class="academy-form-row">
                <Field
                  name={`criteria[${i}].weight`}
                  label={s.weight}
                  inputMode="decimal"
                  form={shown}
                  t={t}
                />
                <Field name={`criteria[${i}].min`} label={s.min} inputMode="decimal" form={shown} t={t} />
                <Field name={`criteria[${i}].max`} label={s.max} inputMode="decimal" form={shown} t={t} />
              </div>
            </fieldset>
          ))}
          <Button>{s.save}</Button>
        </Form>
      )}
    </StaffLayout>
  );
}

// ---- one application -------------------------------------------------------------------------------------

type ScoreSheet = Awaited<ReturnType<JuryService['listScores']>>;

/** One round's scores of an application: every juror's score and the panel's agreed result. */
export interface RoundScores {
  round: string;
  order: number;
  scores: ScoreSheet['scores'];
  result: ScoreSheet['result'];
}

export function ApplicationPage(props: {
  page: PageContext;
  application: Application;
  person: { name: string; email: string };
  trackName: string;
  decision: Decision | null;
  offer: Offer | null;
  scores: RoundScores[];
  messages: Array<{ id: string; type: string; to: string; status: string; sentAt?: string | null }>;
  audit: AuditView[];
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, application: a, form } = props;
  const { t, locale } = page;
  const s = t.staff.application;
  const auditions = ((a as Record<string, unknown>).auditions ?? []) as Array<{
    round: string;
    startsAt: string | null;
    venue: string | null;
    room: string | null;
    attendance: string;
  }>;
  const repertoire = (a.repertoire ?? []) as Array<{ title: string; composer?: string }>;
  const title = s.title(props.person.name);
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${a.intakeId}`}>{s.back}</a>
      </p>
      <h2>{s.about}</h2>
      <SummaryList
        rows={[
          [s.applicant, props.person.name],
          [s.email, props.person.email],
          [s.track, `${props.trackName} · ${a.mainSubject}`],
          [s.status, t.staff.statuses[a.status] ?? a.status],
          [s.submittedAt, a.submittedAt ? dateTime(a.submittedAt, locale) : s.notSubmitted],
          [s.motivation, a.motivation ?? ''],
          [s.repertoire, repertoire.map((r) => [r.title, r.composer].filter(Boolean).join(', ')).join('; ')],
        ]}
      />
      <h2>{s.materials}</h2>
      {a.materials.length ? (
        <ul>
          {a.materials.map((m) => (
            <li>
              {m.url ? (
                <a href={m.url}>{m.url}</a>
              ) : (
                <a href={`/staff/applications/${a.id}/materials/${m.id}`}>{m.filename ?? m.kind}</a>
              )}{' '}
              ({m.kind})
            </li>
          ))}
        </ul>
      ) : (
        <p>{s.noMaterials}</p>
      )}
      <h2>{s.dispensation}</h2>
      <p>{s.dispensationStates[a.dispensation.status] ?? a.dispensation.status}</p>
      {a.dispensation.reason ? <p>{s.dispensationAsked(a.dispensation.reason)}</p> : null}
      {a.dispensation.note ? <p>{a.dispensation.note}</p> : null}
      {a.dispensation.status === 'requested' ? (
        <Form csrf={page.csrfToken} action={`/staff/applications/${a.id}/dispensation`}>
          <Field name="note" label={s.note} form={form} t={t} multiline rows={3} />
          <Button name="granted" value="true">
            {s.grant}
          </Button>{' '}
          <Button name="granted" value="false" variant="secondary">
            {s.refuse}
          </Button>
        </Form>
      ) : null}
      <h2>{s.auditions}</h2>
      <Table
        caption={s.auditions}
        head={[t.staff.intake.round, s.when, s.where, s.attendance]}
        rowHeader
        empty={s.noAuditions}
        rows={auditions.map((x) => [
          x.round,
          x.startsAt ? dateTime(x.startsAt, locale) : '',
          [x.venue, x.room].filter(Boolean).join(', '),
          t.staff.attendance[x.attendance] ?? x.attendance,
        ])}
      />
      <h2>{s.scores}</h2>
      {props.scores.length ? null : <p>{s.noScores}</p>}
      {props.scores.map((r) => (
        <>
          <Table
            caption={s.scoresIn(r.round)}
            head={[s.juror, s.grade, s.criteria, s.comment, s.counts]}
            rowHeader
            empty={s.noScores}
            rows={r.scores.map((x) => [
              x.jurorName || x.jurorId,
              gradeLabel(x.grade),
              Object.entries(x.criteria ?? {})
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(', '),
              x.comment ?? '',
              x.counts ? s.yes : s.recused,
            ])}
          />
          <p>
            {r.result
              ? s.result(
                  r.result.grade === null ? '' : gradeLabel(r.result.grade),
                  Boolean(r.result.passed),
                  r.result.note ?? '',
                )
              : s.noResult}
          </p>
        </>
      ))}
      <h2>{s.decision}</h2>
      {props.decision ? (
        <SummaryList
          rows={[
            [
              s.proposed,
              props.decision.proposedOutcome ? t.staff.outcomes[props.decision.proposedOutcome] : '',
            ],
            [s.outcome, t.staff.outcomes[props.decision.outcome]],
            [s.overrideReason, props.decision.overrideReason ?? ''],
          ]}
        />
      ) : (
        <p>{s.noDecision}</p>
      )}
      {props.offer ? (
        <>
          <h2>{s.offer}</h2>
          <SummaryList
            rows={[
              [s.status, t.staff.offerStatuses[props.offer.status]],
              [s.respondBy, dateTime(props.offer.respondBy, locale)],
            ]}
          />
        </>
      ) : null}
      <h2>{s.messages}</h2>
      <Table
        caption={s.messages}
        head={[s.type, s.to, s.status, s.sent]}
        rowHeader
        empty={s.noMessages}
        rows={props.messages.map((m) => [
          m.type,
          m.to,
          s.messageStates[m.status] ?? m.status,
          m.sentAt ? dateTime(m.sentAt, locale) : '',
        ])}
      />
      <h2>{s.audit}</h2>
      <Table
        caption={s.audit}
        head={[s.at, s.action, s.reason]}
        rowHeader
        empty={s.noAudit}
        rows={props.audit.map((r) => [dateTime(r.at, locale), r.action, r.reason ?? ''])}
      />
    </StaffLayout>
  );
}

// ---- a round ------------------------------------------------------------------------------------------------

export function RoundPage(props: {
  page: PageContext;
  round: Round;
  trackName: string;
  panels: Panel[];
  slots: Slot[];
  schedule: Audition[];
  jurors: Person[];
  ranking: Ranking | null;
  normalize: 'none' | 'zscore';
  unplaced?: Array<{ applicationId: string; reason: string; name: string }>;
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, round, form } = props;
  const { t, locale } = page;
  const s = t.staff.round;
  const name = new Map(props.jurors.map((j) => [j.id, j.name]));
  const jurorOptions = [
    { value: '', label: s.none },
    ...props.jurors.map((j) => ({ value: j.id, label: j.name })),
  ];
  const title = s.title(round.name, props.trackName);
  const used = new Set(props.schedule.map((a) => a.slotId));
  const days = new Map<string, Audition[]>();
  for (const a of props.schedule) {
    const key = a.startsAt ? `${a.startsAt.slice(0, 10)} ${a.venue ?? ''} ${a.room ?? ''}` : '';
    days.set(key, [...(days.get(key) ?? []), a]);
  }
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${round.intakeId}`}>{s.back}</a>
      </p>

      <h2>{s.panels}</h2>
      <Table
        caption={s.panels}
        head={[s.panel, s.members]}
        rowHeader
        empty={s.noPanels}
        rows={props.panels.map((p) => [
          p.name,
          p.members.map((m) => `${name.get(m.userId) ?? m.userId} (${t.staff.roles[m.role]})`).join(', '),
        ])}
      />
      <h3>{s.newPanel}</h3>
      <Form csrf={page.csrfToken} action={`/staff/rounds/${round.id}/panels`}>
        <Field name="name" label={s.panelName} form={form} t={t} />
        <div class="academy-form-row">
          {(['chair', 'subject_examiner', 'external_examiner'] as const).map((role) => (
            <Select name={role} label={t.staff.roles[role]} options={jurorOptions} form={form} t={t} />
          ))}
        </div>
        <Button variant="secondary">{s.createPanel}</Button>
      </Form>
      {props.panels.length ? (
        <>
          <h3>{s.replace}</h3>
          <Form csrf={page.csrfToken} action={`/staff/rounds/${round.id}/panels/replace`}>
            <div class="academy-form-row">
              <Select
                name="leavingUserId"
                label={s.leaving}
                options={props.panels.flatMap((p) =>
                  p.members.map((m) => ({
                    value: `${p.id}:${m.userId}`,
                    label: `${p.name}: ${name.get(m.userId) ?? m.userId} (${t.staff.roles[m.role]})`,
                  })),
                )}
                form={form}
                t={t}
              />
              <Select name="userId" label={s.joining} options={jurorOptions} form={form} t={t} />
            </div>
            <Button variant="secondary">{s.replaceButton}</Button>
          </Form>
        </>
      ) : null}

      {round.kind !== 'prescreen' ? (
        <>
          <h2>{s.slots}</h2>
          <p>{s.slotsSummary(props.slots.length, props.slots.filter((x) => !used.has(x.id)).length)}</p>
          {props.panels.length ? (
            <>
              <h3>{s.generate}</h3>
              <Form csrf={page.csrfToken} action={`/staff/rounds/${round.id}/slots`}>
                <div class="academy-form-row">
                  <Select
                    name="panelId"
                    label={s.panel}
                    options={props.panels.map((p) => ({ value: p.id, label: p.name }))}
                    form={form}
                    t={t}
                  />
                  <Field name="venue" label={s.venue} form={form} t={t} />
                  <Field name="room" label={s.room} form={form} t={t} />
                </div>
                <div class="academy-form-row">
                  <Field name="day" label={s.day} form={form} t={t} />
                  <Field name="startTime" label={s.startTime} form={form} t={t} />
                  <Field
                    name="durationMinutes"
                    label={s.durationMinutes}
                    type="number"
                    inputMode="numeric"
                    form={form}
                    t={t}
                  />
                  <Field name="count" label={s.count} type="number" inputMode="numeric" form={form} t={t} />
                </div>
                <Button variant="secondary">{s.generateButton}</Button>
              </Form>
            </>
          ) : null}
        </>
      ) : null}

      <h2>{s.schedule}</h2>
      <Form csrf={page.csrfToken} action={`/staff/rounds/${round.id}/schedule`}>
        <Button>{s.runSchedule}</Button>
      </Form>
      {props.unplaced?.length ? (
        <Table
          caption={s.unplaced}
          head={[s.applicant, s.unplacedReason]}
          rowHeader
          rows={props.unplaced.map((u) => [
            <a href={`/staff/applications/${u.applicationId}`}>{u.name}</a>,
            s.reasons[u.reason] ?? u.reason,
          ])}
        />
      ) : null}
      {props.schedule.length === 0 ? <p>{s.noSchedule}</p> : null}
      {[...days.entries()].map(([key, list]) => {
        const first = list[0];
        const caption = first.startsAt
          ? `${weekdayDate(first.startsAt, locale)}, ${[first.venue, first.room].filter(Boolean).join(', ')}`
          : s.schedule;
        return (
          <Table
            caption={caption}
            head={[s.time, s.applicant, s.mainSubject, s.panel, s.attendance]}
            rowHeader
            rows={list.map((a) => [
              a.startsAt ? time(a.startsAt, locale) : '–',
              <a href={`/staff/applications/${a.applicationId}`}>{a.applicantName}</a>,
              a.mainSubject,
              a.panelName,
              t.staff.attendance[a.attendance] ?? a.attendance,
            ])}
            key={key}
          />
        );
      })}
      {props.schedule.length ? (
        <p>
          <a href={`/staff/rounds/${round.id}/schedule.csv`} download>
            {s.exportSchedule}
          </a>
        </p>
      ) : null}

      <h2>{s.ranking}</h2>
      <form method="get" action={`/staff/rounds/${round.id}`}>
        <div class="academy-form-row">
          <Select
            name="normalize"
            label={s.normalize}
            options={Object.entries(s.methods).map(([value, label]) => ({ value, label }))}
            selected={props.normalize}
            t={t}
          />
          <Button variant="secondary">{s.show}</Button>
        </div>
      </form>
      {props.ranking && props.ranking.flaggedJurors.length ? (
        <Alert kind="warning" heading={s.flags}>
          <ul>
            {props.ranking.flaggedJurors.map((f) => (
              <li>{s.flagged(name.get(f.jurorId) ?? f.jurorId, f.reason)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {props.ranking && props.ranking.ranking.length ? (
        <Form csrf={page.csrfToken} action={`/staff/rounds/${round.id}/advance`}>
          <Table
            caption={`${s.ranking} (${s.methods[props.normalize]})`}
            head={[s.rank, s.applicant, s.score, s.grade, s.passed, s.flags, s.advance]}
            rows={props.ranking.ranking.map((r) => [
              r.tied ? <span class="academy-tie">{`${r.rank} (${s.tie})`}</span> : r.rank,
              <a href={`/staff/applications/${r.applicationId}`}>{r.applicantName}</a>,
              r.score.toFixed(2),
              r.grade === null ? '' : gradeLabel(r.grade),
              r.passed === null ? '' : r.passed ? s.yes : s.no,
              r.needsAttention ? s.panelTooSmall : '',
              <>
                <input
                  type="checkbox"
                  class="form-checkbox"
                  id={`advance-${r.applicationId}`}
                  name="applicationIds"
                  value={r.applicationId}
                />
                <label for={`advance-${r.applicationId}`}>
                  <span class="sr-only">{s.pick(r.applicantName)}</span>
                </label>
              </>,
            ])}
          />
          <p>{s.advanceHint}</p>
          <Button variant="secondary">{s.advanceButton}</Button>
        </Form>
      ) : (
        <p>{s.noRanking}</p>
      )}
      {props.ranking && props.ranking.notRanked.length ? (
        <Table
          caption={s.notRanked}
          head={[s.applicant, s.unplacedReason]}
          rowHeader
          rows={props.ranking.notRanked.map((r) => [
            r.applicantName,
            s.notRankedReasons[r.reason] ?? r.reason,
          ])}
        />
      ) : null}
    </StaffLayout>
  );
}

// ---- decisions and results day ----------------------------------------------------------------------------

export interface DecisionRow extends Decision {
  applicantName: string;
}

export function DecisionsPage(props: {
  page: PageContext;
  intake: Intake;
  trackNames: Map<string, string>;
  decisions: DecisionRow[];
  publishedAt: string | null;
  form?: FormState;
  message?: string;
  notice?: string;
  refused?: string;
}) {
  const { page, intake, form } = props;
  const { t, locale } = page;
  const s = t.staff.decisions;
  const title = s.title(t.staff.desk.intake(intake.programme, intake.year));
  const tracks = Object.keys(intake.seats);
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${intake.id}`}>{s.back}</a>
      </p>
      <p>{s.intro}</p>
      {props.publishedAt ? (
        <Alert kind="info">{s.published(dateTime(props.publishedAt, locale))}</Alert>
      ) : (
        <>
          <Form csrf={page.csrfToken} action={`/staff/intakes/${intake.id}/decisions/propose`}>
            <Button variant="secondary">{s.makeProposal}</Button>
          </Form>
          <p>
            <a href={`/staff/intakes/${intake.id}/decisions/adopt`}>{s.adopt}</a>
          </p>
        </>
      )}
      {props.decisions.length === 0 ? <p>{s.none}</p> : null}
      {tracks.map((track) => {
        const rows = props.decisions.filter((d) => d.track === track);
        if (!rows.length) return null;
        const quotas = intake.quotas.filter((q) => q.track === track);
        return (
          <section aria-labelledby={`track-${track}`}>
            <h2 id={`track-${track}`}>
              {s.track(props.trackNames.get(track) ?? track, intake.seats[track])}
            </h2>
            {quotas.length ? (
              <p>
                {s.quotas}: {quotas.map((q) => t.staff.intake.quota(q.mainSubject, q.max)).join(', ')}
              </p>
            ) : null}
            <Table
              caption={s.track(props.trackNames.get(track) ?? track, intake.seats[track])}
              head={[s.rank, s.applicant, s.mainSubject, s.grade, s.proposal, s.outcome]}
              rows={rows.map((d) => [
                d.rank ?? '',
                <a href={`/staff/applications/${d.applicationId}`}>{d.applicantName}</a>,
                d.mainSubject,
                d.grade === null ? '' : gradeLabel(d.grade),
                d.proposedOutcome ? t.staff.outcomes[d.proposedOutcome] : '',
                props.publishedAt ? (
                  <>
                    {t.staff.outcomes[d.outcome]}
                    {d.overrideReason ? ` (${d.overrideReason})` : ''}
                  </>
                ) : (
                  <OverrideForm page={page} intakeId={intake.id} decision={d} form={form} />
                ),
              ])}
            />
          </section>
        );
      })}
      {!props.publishedAt && props.decisions.length ? (
        <>
          <h2>{s.publish}</h2>
          <p>{s.notBefore(dateTime(intake.resultsAt, locale))}</p>
          <Button href={`/staff/intakes/${intake.id}/publish`}>{s.publish}</Button>
        </>
      ) : null}
      <p>
        <a href={`/staff/intakes/${intake.id}/decisions.csv`} download>
          {s.exportDecisions}
        </a>
      </p>
    </StaffLayout>
  );
}

/** One row's override: its own form with the application's id, the outcome and the reason. */
function OverrideForm(props: {
  page: PageContext;
  intakeId: string;
  decision: DecisionRow;
  form?: FormState;
}) {
  const { page, decision: d } = props;
  const { t } = page;
  const s = t.staff.decisions;
  const mine = props.form?.values.applicationId === d.applicationId ? props.form : undefined;
  const id = d.applicationId.slice(0, 8);
  return (
    <Form
      csrf={page.csrfToken}
      action={`/staff/intakes/${props.intakeId}/decisions`}
      class="academy-inline-form"
    >
      <Hidden name="applicationId" value={d.applicationId} />
      <Select
        name="outcome"
        id={`outcome-${id}`}
        label={`${s.outcome}: ${d.applicantName}`}
        options={Object.entries(t.staff.outcomes).map(([value, label]) => ({ value, label }))}
        selected={mine?.values.outcome ?? d.outcome}
        form={mine}
        t={t}
      />
      <div class={`form-group${mine?.errors.reason ? ' form-error' : ''}`}>
        <label class="form-label" for={`reason-${id}`}>
          {s.reason}
        </label>
        {mine?.errors.reason ? (
          <span class="form-error-message" id={`reason-${id}-error`}>
            {mine.errors.reason}
          </span>
        ) : null}
        <input
          class="form-input"
          id={`reason-${id}`}
          name="reason"
          value={mine?.values.reason ?? d.overrideReason ?? ''}
          aria-describedby={mine?.errors.reason ? `reason-${id}-error` : undefined}
        />
      </div>
      <Button variant="secondary">{s.change}</Button>
    </Form>
  );
}

/** The confirm step of adopting the proposal: how many applications it decides, that overrides stand. */
export function AdoptPage(props: {
  page: PageContext;
  intake: Intake;
  scope: { undecided: number; overridden: number };
  published: boolean;
  message?: string;
}) {
  const { page, intake, scope } = props;
  const { t } = page;
  const s = t.staff.adopt;
  return (
    <StaffLayout page={page} title={s.title}>
      {props.message ? <ErrorSummary t={t} message={props.message} /> : null}
      <h1>{s.title}</h1>
      <p>{t.staff.desk.intake(intake.programme, intake.year)}</p>
      {props.published && !props.message ? <Alert kind="warning">{s.published}</Alert> : null}
      <p>{s.body(scope.undecided)}</p>
      <p>{s.overrides(scope.overridden)}</p>
      <Form csrf={page.csrfToken}>
        <Button>{s.confirm}</Button>
      </Form>
      <p>
        <a href={`/staff/intakes/${intake.id}/decisions`}>{s.cancel}</a>
      </p>
    </StaffLayout>
  );
}

export function PublishPage(props: {
  page: PageContext;
  intake: Intake;
  counts: { admitted: number; waitlisted: number; rejected: number };
  tooEarly: boolean;
  message?: string;
}) {
  const { page, intake, counts } = props;
  const { t, locale } = page;
  const s = t.staff.publish;
  const mails = counts.admitted + counts.waitlisted + counts.rejected;
  return (
    <StaffLayout page={page} title={s.title}>
      {props.message ? <ErrorSummary t={t} message={props.message} /> : null}
      <h1>{s.title}</h1>
      <p>{t.staff.desk.intake(intake.programme, intake.year)}</p>
      {props.tooEarly && !props.message ? (
        <Alert kind="warning">{s.tooEarly(dateTime(intake.resultsAt, locale))}</Alert>
      ) : null}
      <p>{s.body(mails, counts.admitted, counts.waitlisted, counts.rejected)}</p>
      <Form csrf={page.csrfToken}>
        <Button>{s.confirm}</Button>
      </Form>
      <p>
        <a href={`/staff/intakes/${intake.id}/decisions`}>{s.cancel}</a>
      </p>
    </StaffLayout>
  );
}

// ---- offers and the waiting list ------------------------------------------------------------------------------

export interface OfferRow extends Offer {
  applicantName: string;
  mainSubject: string;
  recorded: { channel: string; answeredBy: string } | null;
}

export function OffersPage(props: {
  page: PageContext;
  intake: Intake;
  trackNames: Map<string, string>;
  offers: OfferRow[];
  waitlist: DecisionRow[];
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, intake, form } = props;
  const { t, locale } = page;
  const s = t.staff.offers;
  const title = s.title(t.staff.desk.intake(intake.programme, intake.year));
  const open = props.offers.filter((o) => o.status === 'open');
  const openOptions = open.map((o) => ({
    value: o.id,
    label: `${o.applicantName} (${props.trackNames.get(o.track) ?? o.track}, ${date(o.respondBy, locale)})`,
  }));
  return (
    <StaffLayout page={page} title={title}>
      <ErrorSummary form={form} t={t} message={props.message} />
      <h1>{title}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>
        <a href={`/staff/intakes/${intake.id}`}>{s.back}</a>
      </p>
      <Table
        caption={s.offers}
        head={[s.applicant, s.track, s.mainSubject, s.status, s.respondBy]}
        rowHeader
        empty={s.none}
        rows={props.offers.map((o) => [
          <a href={`/staff/applications/${o.applicationId}`}>{o.applicantName}</a>,
          props.trackNames.get(o.track) ?? o.track,
          o.mainSubject,
          <>
            {t.staff.offerStatuses[o.status]}
            {o.fromWaitlist ? ` · ${s.fromWaitlist}` : ''}
            {o.recorded ? (
              <>
                <br />
                {s.recorded(
                  t.staff.channels[o.recorded.channel] ?? o.recorded.channel,
                  o.recorded.answeredBy,
                )}
              </>
            ) : null}
          </>,
          dateTime(o.respondBy, locale),
        ])}
      />
      <Table
        caption={s.waitlist}
        head={[s.rank, s.applicant, s.track, s.mainSubject]}
        empty={s.noWaitlist}
        rows={props.waitlist.map((d, i) => [
          i + 1,
          <a href={`/staff/applications/${d.applicationId}`}>{d.applicantName}</a>,
          props.trackNames.get(d.track) ?? d.track,
          d.mainSubject,
        ])}
      />
      {open.length ? (
        <>
          <h2>{s.answerTitle}</h2>
          <p>{s.answerIntro}</p>
          <Form csrf={page.csrfToken} action={`/staff/intakes/${intake.id}/offers/answer`}>
            <Select name="offerId" label={s.offer} options={openOptions} form={form} t={t} />
            <RadioGroup
              name="answer"
              legend={s.answer}
              options={Object.entries(s.answers).map(([value, label]) => ({ value, label }))}
              form={form}
              t={t}
            />
            <RadioGroup
              name="channel"
              legend={s.channel}
              options={Object.entries(t.staff.channels).map(([value, label]) => ({ value, label }))}
              form={form}
              t={t}
            />
            <Field name="answeredBy" label={s.answeredBy} form={form} t={t} />
            <Field
              name="note"
              label={s.note}
              form={form}
              t={t}
              multiline
              rows={3}
              optional={t.form.optional}
            />
            <Button>{s.record}</Button>
          </Form>
          <h2>{s.extendTitle}</h2>
          <Form csrf={page.csrfToken} action={`/staff/intakes/${intake.id}/offers/extend`}>
            <Select
              name="offerId"
              id="extend-offerId"
              label={s.extendOffer}
              options={openOptions}
              form={form}
              t={t}
            />
            <Field name="deadline" label={s.deadline} form={form} t={t} />
            <Field name="reason" label={s.reason} form={form} t={t} />
            <Button variant="secondary">{s.extend}</Button>
          </Form>
        </>
      ) : null}
    </StaffLayout>
  );
}
