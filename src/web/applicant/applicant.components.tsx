import type { ComponentChildren } from 'preact';
import type { Locale } from '../../common/locale.js';
import { ErrorSummary, Field, fieldId, Form, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button, StepList, SummaryList, Table, type Step } from '../components/ui.js';
import { date, dateTime, time, weekdayDate } from '../format.js';
import type { Dictionary } from '../i18n/index.js';
import { Layout, type LayoutContext } from '../layout/layout.js';
import { asksForNamedPieces, asksForRepertoire } from './application-form.js';
import { currentAudition, type ApplicantApplication, type ApplicantAudition } from './view.js';

/** Names of programmes and tracks in the reader's language. */
export interface Names {
  programme: (code: string) => string;
  track: (programme: string, code: string) => string;
}

/** An open intake as the front page lists it. */
export interface IntakeCard {
  id: string;
  programme: string;
  year: number;
  closesAt: string;
  tracks: string[];
  /** The visitor's own application to it, if any. */
  applicationId?: string;
}

const UPLOAD_KINDS = ['work', 'recording', 'score', 'cv', 'portfolio', 'other'] as const;

// ---- small parts ---------------------------------------------------------------------------------

/** A DKFDS select with its label and error. */
function Select(props: {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  form?: FormState;
  t: Dictionary;
}) {
  const id = fieldId(props.name);
  const error = props.form?.errors[props.name];
  const selected = props.form?.values[props.name];
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
          <option value={o.value} selected={selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An input the shared Field does not offer (date and time, file), with the same label/hint/error pattern. */
function PlainInput(props: {
  name: string;
  label: string;
  type: 'datetime-local' | 'file';
  form?: FormState;
  hint?: string;
  accept?: string;
  t: Dictionary;
}) {
  const id = fieldId(props.name);
  const error = props.form?.errors[props.name];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <span class="form-hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="form-error-message" id={errorId}>
          <span class="sr-only">{props.t.form.errorPrefix} </span>
          {error}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type}
        class={props.type === 'file' ? 'form-file-input' : `form-input${error ? ' form-input--error' : ''}`}
        value={props.type === 'file' ? undefined : (props.form?.values[props.name] ?? '')}
        accept={props.accept}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** The status as a DKFDS badge. */
function StatusTag(props: { status: string; t: Dictionary }) {
  const label = (props.t.applicant.status as Record<string, string>)[props.status] ?? props.status;
  return <span class={`badge academy-status academy-status--${props.status}`}>{label}</span>;
}

const bytes = (n: number | null, locale: Locale) =>
  n === null
    ? ''
    : n < 1024 * 1024
      ? `${Math.max(1, Math.round(n / 1024))} kB`
      : `${(n / 1024 / 1024).toFixed(1).replace('.', locale === 'da' ? ',' : '.')} MB`;

// ---- the front page ------------------------------------------------------------------------------

export function HomePage(props: {
  page: LayoutContext;
  intakes: IntakeCard[];
  names: Names;
  signedIn: boolean;
}) {
  const { t, locale } = props.page;
  const a = t.applicant.home;
  const byProgramme = ['MGK', 'BGK', 'TGK']
    .map((code) => ({ code, intakes: props.intakes.filter((i) => i.programme === code) }))
    .filter((p) => p.intakes.length);
  return (
    <Layout page={props.page} title={a.title}>
      <h1>{a.title}</h1>
      <p class="font-lead">{a.intro}</p>
      {props.signedIn ? (
        <p>
          <a href="/applications">{a.myApplications}</a>
        </p>
      ) : (
        <>
          <p>{a.createFirst}</p>
          <p class="button-row">
            <Button href="/register">{t.site.register}</Button>{' '}
            <Button href="/login" variant="secondary">
              {t.site.signIn}
            </Button>
          </p>
        </>
      )}
      <h2>{a.open}</h2>
      {byProgramme.length === 0 ? <p>{a.noneOpen}</p> : null}
      <ul class="nobullet-list academy-cards">
        {byProgramme.flatMap((p) =>
          p.intakes.map((intake) => (
            <li class="academy-card">
              <h3 class="h4">
                {props.names.programme(intake.programme)} ({intake.programme}) {intake.year}
              </h3>
              <p>{a.programmes[intake.programme]}</p>
              <SummaryList
                rows={[
                  [a.deadline, dateTime(intake.closesAt, locale)],
                  [a.tracks, intake.tracks.map((tr) => props.names.track(intake.programme, tr)).join(', ')],
                ]}
              />
              <p>
                {intake.applicationId ? (
                  <Button href={`/applications/${intake.applicationId}`} variant="secondary">
                    {a.continue}
                  </Button>
                ) : (
                  <Button href={`/apply/${intake.id}`}>{a.apply(intake.programme)}</Button>
                )}
              </p>
            </li>
          )),
        )}
      </ul>
    </Layout>
  );
}

// ---- my applications -----------------------------------------------------------------------------

export function ApplicationsPage(props: {
  page: LayoutContext;
  rows: Array<{
    id: string;
    programme: string;
    year: number;
    track: string;
    status: string;
    closesAt: string;
  }>;
  names: Names;
}) {
  const { t, locale } = props.page;
  const l = t.applicant.list;
  return (
    <Layout page={props.page} title={l.title}>
      <h1>{l.title}</h1>
      {props.rows.length === 0 ? (
        <>
          <p>{l.none}</p>
          <p>
            <Button href="/">{l.findIntake}</Button>
          </p>
        </>
      ) : (
        <Table
          caption={l.caption}
          head={l.head}
          rowHeader
          rows={props.rows.map((r) => [
            <a href={`/applications/${r.id}`}>
              {r.programme} {r.year}
            </a>,
            props.names.track(r.programme, r.track),
            <StatusTag status={r.status} t={t} />,
            date(r.closesAt, locale),
          ])}
        />
      )}
    </Layout>
  );
}

// ---- start an application ------------------------------------------------------------------------

export function ApplyPage(props: {
  page: LayoutContext;
  intake: { id: string; programme: string; year: number; closesAt: string; tracks: string[]; open: boolean };
  names: Names;
  form: FormState;
  message?: string;
  existingId?: string;
}) {
  const { t, locale } = props.page;
  const a = t.applicant.apply;
  const title = a.title(props.intake.programme, props.intake.year);
  return (
    <Layout page={props.page} title={title}>
      <h1>{title}</h1>
      <p>{t.applicant.application.deadline(dateTime(props.intake.closesAt, locale))}</p>
      {props.existingId ? (
        <Alert kind="info" heading={a.already}>
          <a href={`/applications/${props.existingId}`}>{a.seeIt}</a>
        </Alert>
      ) : !props.intake.open ? (
        <Alert kind="warning">{a.closed}</Alert>
      ) : (
        <>
          <p>{a.intro}</p>
          <ErrorSummary form={props.form} t={t} message={props.message} />
          <Form csrf={props.page.csrfToken}>
            {props.intake.tracks.length > 1 ? (
              <RadioGroup
                name="track"
                legend={a.track}
                options={props.intake.tracks.map((tr) => ({
                  value: tr,
                  label: props.names.track(props.intake.programme, tr),
                }))}
                form={props.form}
                t={t}
              />
            ) : (
              <input type="hidden" name="track" value={props.intake.tracks[0]} />
            )}
            <Field
              name="mainSubject"
              label={a.mainSubject}
              hint={a.mainSubjectHint}
              form={props.form}
              t={t}
            />
            <Button>{a.submit}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

// ---- the application -----------------------------------------------------------------------------

export interface ApplicationForms {
  application: FormState;
  upload?: FormState;
  video?: FormState;
  reschedule?: FormState;
}

export interface ApplicationPageProps {
  page: LayoutContext;
  application: ApplicantApplication;
  names: Names;
  emailVerified: boolean;
  forms: ApplicationForms;
  rows: { repertoire: number; unavailable: number };
  /** A sentence for the error summary (no field named). */
  message?: string;
  notice?: string;
}

export function ApplicationPage(props: ApplicationPageProps) {
  const { t } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const title = a.title(app.programme, props.names.track(app.programme, app.track));
  const draft = app.status === 'draft';
  const formsWithErrors = [
    props.forms.application,
    props.forms.upload,
    props.forms.video,
    props.forms.reschedule,
  ];
  return (
    <Layout page={props.page} title={title}>
      <h1>{title}</h1>
      <p>
        {a.statusLabel}: <StatusTag status={app.status} t={t} />
      </p>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      {props.message || formsWithErrors.some((f) => f && Object.keys(f.errors).length) ? (
        <ErrorSummary
          form={{ values: {}, errors: Object.assign({}, ...formsWithErrors.map((f) => f?.errors ?? {})) }}
          t={t}
          message={props.message}
        />
      ) : null}
      {draft ? <DraftParts {...props} /> : <SubmittedParts {...props} />}
      <p class="academy-background-link">
        <a href={`/applications/${app.id}/background`}>{t.reports.background.link}</a>
        <br />
        <span class="form-hint">{t.reports.background.linkHint}</span>
      </p>
    </Layout>
  );
}

function DraftParts(props: ApplicationPageProps) {
  const { t, locale } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const missing = app.completeness.missing;
  const ready = missing.length === 0 && app.eligibility.eligible && props.emailVerified;
  return (
    <>
      <p>{a.deadline(dateTime(app.deadline, locale))}</p>
      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{a.checklistTitle}</h2>
        {ready ? (
          <p>{a.checklistDone}</p>
        ) : (
          <>
            <p>{a.checklistIntro}</p>
            <ul class="academy-checklist">
              {missing.map((m) => (
                <li>
                  <a href={`#${anchorOf(m.item)}`}>{t.applicant.missing[m.rule](m.params ?? {})}</a>
                </li>
              ))}
              {app.eligibility.eligible ? null : <li>{t.applicant.errors.age}</li>}
              {props.emailVerified ? null : <li>{a.verifyEmail}</li>}
            </ul>
            {props.emailVerified ? null : (
              <Form csrf={props.page.csrfToken} action="/me/verification-email">
                <Button variant="secondary">{a.resendLink}</Button>
              </Form>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="form-title">
        <h2 id="form-title">{a.formTitle}</h2>
        <ApplicationFormPart {...props} />
      </section>

      <section aria-labelledby="materials-title" id="materials">
        <h2 id="materials-title">{a.materialsTitle}</h2>
        <p>{a.materialsIntro}</p>
        <MaterialsTable {...props} editable />
        <Form
          csrf={props.page.csrfToken}
          action={`/applications/${app.id}/materials`}
          multipart
          class="academy-upload"
        >
          <Select
            name="kind"
            label={a.kind}
            options={UPLOAD_KINDS.map((k) => ({ value: k, label: t.applicant.kinds[k] }))}
            form={props.forms.upload}
            t={t}
          />
          <PlainInput
            name="file"
            label={a.file}
            type="file"
            hint={a.fileHint}
            form={props.forms.upload}
            t={t}
          />
          <p class="academy-progress" hidden data-uploading={a.uploading(0)} aria-live="polite" />
          <Button variant="secondary">{a.upload}</Button>
        </Form>
        <h3 class="h4">{a.videoTitle}</h3>
        <Form csrf={props.page.csrfToken} action={`/applications/${app.id}/materials`} multipart>
          <input type="hidden" name="kind" value="video" />
          <Field name="url" label={a.url} type="url" form={props.forms.video} t={t} />
          <Button variant="secondary">{a.addVideo}</Button>
        </Form>
      </section>

      <section aria-labelledby="submit-title">
        <h2 id="submit-title">{a.submitTitle}</h2>
        <p>{a.submitIntro}</p>
        <p>
          <Button href={`/applications/${app.id}/submit`}>{a.submitButton}</Button>
        </p>
      </section>
    </>
  );
}

/** Where a missing item's link leads: its field, or the section it is about. */
function anchorOf(item: string): string {
  if (item === 'repertoire') return 'repertoire';
  if (item.startsWith('uploads.')) return 'materials';
  const piece = /^repertoire\.(\d+)\.(\w+)$/.exec(item);
  if (piece) return fieldId(`repertoire[${piece[1]}].${piece[2]}`);
  return fieldId(item);
}

function ApplicationFormPart(props: ApplicationPageProps) {
  const { t } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const form = props.forms.application;
  const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
  return (
    <Form csrf={props.page.csrfToken} action={`/applications/${app.id}`}>
      <Field name="mainSubject" label={a.mainSubject} form={form} t={t} />
      <Field
        name="motivation"
        label={a.motivation}
        hint={a.motivationHint}
        multiline
        rows={8}
        form={form}
        t={t}
      />
      {asksForRepertoire(app.programme) || app.repertoire.length ? (
        <fieldset id="repertoire" class="academy-rows">
          <legend class="h3">{a.repertoireTitle}</legend>
          <p class="form-hint">{a.repertoireHint}</p>
          {rows(props.rows.repertoire).map((i) => (
            <fieldset class="academy-row">
              <legend class="h5">{a.piece(i + 1)}</legend>
              <Field name={`repertoire[${i}].title`} label={a.pieceTitle} form={form} t={t} />
              <Field name={`repertoire[${i}].composer`} label={a.composer} form={form} t={t} />
              <Field
                name={`repertoire[${i}].durationMinutes`}
                label={a.duration}
                inputMode="decimal"
                form={form}
                t={t}
              />
              <Button variant="tertiary" name="action" value={`remove-row:${i}`}>
                {a.removeRow(i + 1)}
              </Button>
            </fieldset>
          ))}
          <Button variant="secondary" name="action" value="add-row">
            {a.addRow}
          </Button>
        </fieldset>
      ) : null}
      {asksForNamedPieces(app.programme) ? (
        <fieldset class="academy-rows">
          <legend class="h3">{a.namedPiecesTitle}</legend>
          <Field name="namedPieces.monologue" label={a.monologue} form={form} t={t} />
          <Field name="namedPieces.song" label={a.song} form={form} t={t} />
        </fieldset>
      ) : null}
      <fieldset id="unavailable" class="academy-rows">
        <legend class="h3">{a.unavailableTitle}</legend>
        <p class="form-hint">{a.unavailableHint}</p>
        {rows(props.rows.unavailable).map((i) => (
          <fieldset class="academy-row">
            <legend class="h5">{a.period(i + 1)}</legend>
            <PlainInput
              name={`unavailable[${i}].from`}
              label={a.from}
              type="datetime-local"
              form={form}
              t={t}
            />
            <PlainInput name={`unavailable[${i}].to`} label={a.to} type="datetime-local" form={form} t={t} />
            <Button variant="tertiary" name="action" value={`remove-period:${i}`}>
              {a.removePeriod(i + 1)}
            </Button>
          </fieldset>
        ))}
        <Button variant="secondary" name="action" value="add-period">
          {a.addPeriod}
        </Button>
      </fieldset>
      <p>
        <Button name="action" value="save">
          {a.save}
        </Button>
      </p>
    </Form>
  );
}

function MaterialsTable(props: ApplicationPageProps & { editable?: boolean }) {
  const { t, locale } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  if (!app.materials.length) return <p>{a.noMaterials}</p>;
  return (
    <Table
      caption={a.materialsCaption}
      head={props.editable ? a.materialsHead : a.materialsHead.slice(0, 3)}
      rows={app.materials.map((m) => {
        const name = m.filename ?? m.url ?? '';
        return [
          t.applicant.kinds[m.kind] ?? m.kind,
          <span class="academy-filename">{name}</span>,
          bytes(m.size, locale),
          ...(props.editable
            ? [
                <Form csrf={props.page.csrfToken} action={`/applications/${app.id}/materials/remove`}>
                  <input type="hidden" name="materialId" value={m.id} />
                  <button type="submit" class="button button-tertiary academy-small-button">
                    {a.remove(name)}
                  </button>
                </Form>,
              ]
            : []),
        ];
      })}
    />
  );
}

/** After submission: where the application is, what was sent, the audition, the result and the offer. */
function SubmittedParts(props: ApplicationPageProps) {
  const { t, locale } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const audition = currentAudition(app);
  return (
    <>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{a.timelineTitle}</h2>
        <StepList
          label={a.timelineLabel}
          steps={timeline(app, t, locale)}
          doneText={a.done}
          todoText={a.todo}
        />
      </section>
      {app.decision ? <ResultPart {...props} /> : null}
      {app.auditions?.length ? <AuditionPart {...props} audition={audition} /> : null}
      <section aria-labelledby="sent-title">
        <h2 id="sent-title">{a.sentTitle}</h2>
        <SummaryList
          rows={[
            [a.mainSubject, app.mainSubject],
            ...(app.repertoire.length
              ? ([
                  [
                    a.repertoireTitle,
                    <ul class="academy-plain-list">
                      {app.repertoire.map((p) => (
                        <li>
                          {p.title}
                          {p.composer ? ` (${p.composer})` : ''}
                          {p.durationMinutes
                            ? `, ${String(p.durationMinutes).replace('.', locale === 'da' ? ',' : '.')} min.`
                            : ''}
                        </li>
                      ))}
                    </ul>,
                  ],
                ] as Array<[string, ComponentChildren]>)
              : []),
            [a.motivation, <span class="academy-pre">{app.motivation}</span>],
          ]}
        />
        <MaterialsTable {...props} />
      </section>
    </>
  );
}

/** The steps of an application, from what the service says happened. */
export function timeline(app: ApplicantApplication, t: Dictionary, locale: Locale): Step[] {
  const s = t.applicant.application.steps;
  const on = t.applicant.application.on;
  const audition = currentAudition(app);
  const answered = app.offer && app.offer.status !== 'open';
  const steps: Array<{ label: string; done: boolean }> = [
    { label: `${s.created} ${on(date(app.createdAt, locale))}`, done: true },
    {
      label: app.submittedAt ? `${s.submitted} ${on(dateTime(app.submittedAt, locale))}` : s.submitted,
      done: Boolean(app.submittedAt),
    },
    {
      label: audition?.startsAt ? `${s.audition} ${on(dateTime(audition.startsAt, locale))}` : s.audition,
      done: Boolean(app.decision) || audition?.attendance === 'checked_in',
    },
    {
      label: app.decision ? `${s.result} ${on(date(app.decision.publishedAt, locale))}` : s.result,
      done: Boolean(app.decision),
    },
    ...(app.offer ? [{ label: s.answer, done: Boolean(answered) }] : []),
  ];
  const current = steps.findIndex((step) => !step.done);
  return steps.map((step, i) => ({
    label: step.label,
    state: step.done ? 'done' : i === current ? 'current' : 'todo',
  }));
}

function AuditionPart(props: ApplicationPageProps & { audition?: ApplicantAudition }) {
  const { t, locale } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const audition = props.audition;
  const latest = app.auditions![app.auditions!.length - 1];
  const request = audition?.rescheduleRequest;
  return (
    <section aria-labelledby="audition-title" id="audition">
      <h2 id="audition-title">{a.auditionTitle}</h2>
      {!audition ? (
        <p>{latest.kind === 'prescreen' ? a.prescreen : a.noTimeYet}</p>
      ) : (
        <>
          <SummaryList
            rows={[
              [a.auditionRound, audition.round],
              [
                a.auditionWhen,
                `${weekdayDate(audition.startsAt!, locale)} ${time(audition.startsAt!, locale)}–${time(audition.endsAt!, locale).replace(/^kl\. /, '')}`,
              ],
              [a.auditionWhere, [audition.venue, audition.room].filter(Boolean).join(', ')],
              ...(audition.bring[locale]
                ? ([[a.auditionBring, audition.bring[locale]]] as Array<[string, string]>)
                : []),
            ]}
          />
          {a.attendance[audition.attendance] ? <p>{a.attendance[audition.attendance]}</p> : null}
          <p>
            <a href={`/applications/${app.id}/audition.ics`} download="optagelsesproeve.ics">
              {a.calendar}
            </a>
          </p>
          {audition.attendance === 'scheduled' && !app.decision ? (
            <>
              <h3 class="h4">{a.rescheduleTitle}</h3>
              {request && request.status === 'requested' ? (
                <p>{a.rescheduleStatus.requested}</p>
              ) : (
                <>
                  {request ? <p>{a.rescheduleStatus[request.status]}</p> : null}
                  <p>{a.rescheduleIntro}</p>
                  <Form csrf={props.page.csrfToken} action={`/applications/${app.id}/reschedule`}>
                    <input type="hidden" name="auditionId" value={audition.auditionId} />
                    <Field
                      name="reason"
                      label={a.reason}
                      multiline
                      rows={3}
                      form={props.forms.reschedule}
                      t={t}
                    />
                    <Button variant="secondary">{a.rescheduleButton}</Button>
                  </Form>
                </>
              )}
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function ResultPart(props: ApplicationPageProps) {
  const { t, locale } = props.page;
  const a = t.applicant.application;
  const app = props.application;
  const offer = app.offer;
  return (
    <section aria-labelledby="result-title" id="result">
      <h2 id="result-title">{a.resultTitle}</h2>
      <p class="font-lead">{a.outcome[app.decision!.outcome] ?? ''}</p>
      {offer ? (
        <>
          <h3 class="h4">{a.offerTitle}</h3>
          {offer.status === 'open' ? (
            <>
              <p>
                <strong>{a.offerDeadline(dateTime(offer.respondBy, locale))}</strong>
              </p>
              <p class="button-row">
                <Button href={`/applications/${app.id}/offer/accept`}>{a.accept}</Button>{' '}
                <Button href={`/applications/${app.id}/offer/decline`} variant="secondary">
                  {a.decline}
                </Button>
              </p>
            </>
          ) : (
            <p>{a.offerStatus[offer.status]}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

// ---- confirm steps -------------------------------------------------------------------------------

/** One page, one question, one form: what will happen, yes or go back. */
export function ConfirmPage(props: {
  page: LayoutContext;
  title: string;
  text: string;
  button: string;
  back: string;
  hidden?: Record<string, string>;
  /** When the action cannot be done now: said instead of the form. */
  blocked?: string;
  message?: string;
  warning?: boolean;
  extra?: ComponentChildren;
}) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      {props.message ? <ErrorSummary t={t} message={props.message} /> : null}
      {props.blocked ? (
        <Alert kind="warning">{props.blocked}</Alert>
      ) : (
        <>
          <p>{props.text}</p>
          {props.extra}
          <Form csrf={props.page.csrfToken}>
            {Object.entries(props.hidden ?? {}).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <Button variant={props.warning ? 'warning' : 'primary'}>{props.button}</Button>
          </Form>
        </>
      )}
      <p>
        <a href={props.back}>{t.applicant.confirm.cancel}</a>
      </p>
    </Layout>
  );
}
