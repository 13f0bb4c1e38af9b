import type { ComponentChildren } from 'preact';
import type { Locale } from '../../common/locale.js';
import type { Presentation, ProjectEvent, ProjectView } from '../../projects/projects.mapper.js';
import type { StudentView } from '../../students/students.mapper.js';
import { ErrorSummary, Field, Form, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button, SummaryList, Table } from '../components/ui.js';
import { date, dateTime } from '../format.js';
import type { Dictionary } from '../i18n/index.js';
import { Layout, type LayoutContext } from '../layout/layout.js';

/*
 * The third-year project's pages as pure components of what the projects and students rooms answered: the
 * student's page, the proposal form, the project, the supervisor's list, staff's list and the calendar.
 */

type Ctx = LayoutContext & { csrfToken: string };

/** Field errors in the project pages' own words (what to write), over the generic fallback. */
export function inProjectWords(t: Dictionary, form: FormState): FormState {
  const own = t.projects.fieldErrors as Record<string, string>;
  return {
    values: form.values,
    errors: Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, own[k] ?? v])),
  };
}

function Risk(props: { t: Dictionary; locale: Locale; view: ProjectView }) {
  const { t, view, locale } = props;
  if (!view.atRisk) return null;
  return (
    <Alert kind="warning" heading={t.projects.project.atRiskHeading}>
      <ul>
        {view.riskReasons.map((r) => (
          <li>{t.projects.risk(r)}</li>
        ))}
      </ul>
      {view.atRiskSince ? <p>{t.projects.project.atRiskSince(date(view.atRiskSince, locale))}</p> : null}
    </Alert>
  );
}

/** The reasons a project is at risk, short, for a table cell. */
function RiskCell(props: { t: Dictionary; locale: Locale; view: ProjectView }) {
  const { t, view, locale } = props;
  if (!view.atRisk) return <>{t.projects.teacher.noRisk}</>;
  return (
    <>
      <strong>{t.projects.project.atRiskSince(date(view.atRiskSince!, locale))}</strong>
      <ul class="academy-compact-list">
        {view.riskReasons.map((r) => (
          <li>{t.projects.risk(r)}</li>
        ))}
      </ul>
    </>
  );
}

function ProposalFields(props: { t: Dictionary; form?: FormState }) {
  const { t, form } = props;
  const p = t.projects;
  return (
    <>
      <Field name="title" label={p.fields.title} form={form} t={t} maxLength={200} />
      <Field name="goal" label={p.fields.goal} hint={p.hints.goal} form={form} t={t} multiline rows={3} />
      <Field name="description" label={p.fields.description} form={form} t={t} multiline rows={6} />
      <RadioGroup
        name="format"
        legend={p.fields.format}
        options={(['concert', 'exhibition', 'performance', 'production'] as const).map((f) => ({
          value: f,
          label: p.formats[f],
        }))}
        form={form}
        t={t}
      />
      <Field
        name="presentationDate"
        label={p.fields.presentationDate}
        hint={p.hints.presentationDate}
        type="date"
        form={form}
        t={t}
      />
    </>
  );
}

export function StudentPage(props: {
  page: Ctx;
  student: StudentView;
  project: ProjectView | null;
  mayPropose: boolean;
}) {
  const { page, student, project } = props;
  const { t, locale } = page;
  const s = t.projects.student;
  const exams = (student.annualExams ?? []).map((x) => [
    s.yearValue(x.year),
    x.subjects.map((sub) => `${sub.subject}: ${sub.grade}`).join(', '),
    x.passed ? s.passed : s.failed,
  ]);
  return (
    <Layout page={page} title={s.title}>
      <h1>{s.title}</h1>
      <SummaryList
        rows={[
          [s.programme, student.programme],
          [s.track, student.track],
          [s.mainSubject, student.mainSubject],
          [s.year, s.yearValue(student.year)],
          [s.status, t.projects.enrolmentStatuses[student.status]],
          [s.cohort, String(student.cohort)],
        ]}
      />
      <h2>{s.exams}</h2>
      <Table
        caption={s.exams}
        head={[s.examYear, s.examSubjects, s.examResult]}
        rows={exams}
        rowHeader
        empty={s.noExams}
      />
      <h2>{s.finalExam}</h2>
      <p>
        {student.finalExam
          ? (student.finalExam as { result?: string; grade?: number }).result === 'waived'
            ? s.finalExamWaived
            : `${(student.finalExam as { result?: string }).result === 'passed' ? s.passed : s.failed}${
                (student.finalExam as { grade?: number }).grade !== undefined
                  ? ` (${(student.finalExam as { grade?: number }).grade})`
                  : ''
              }`
          : s.finalExamNone}
      </p>
      <h2>{s.project}</h2>
      {project ? (
        <>
          <Risk t={t} locale={locale} view={project} />
          <SummaryList
            rows={[
              [t.projects.fields.title, project.title],
              [t.projects.project.status, t.projects.statuses[project.status]],
              [t.projects.fields.presentationDate, date(project.presentationDate, locale)],
            ]}
          />
          <p>
            <Button href={`/projects/${project.id}`}>{s.seeProject}</Button>
          </p>
        </>
      ) : props.mayPropose ? (
        <>
          <p>{s.proposeIntro}</p>
          <p>
            <Button href="/projects/new">{s.propose}</Button>
          </p>
        </>
      ) : (
        <p>{s.noProjectYet}</p>
      )}
    </Layout>
  );
}

export function ProposePage(props: { page: Ctx; form?: FormState; message?: string }) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t.projects.propose.title}>
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{t.projects.propose.title}</h1>
      <p>{t.projects.propose.intro}</p>
      <Form csrf={page.csrfToken} action="/projects/new">
        <ProposalFields t={t} form={props.form} />
        <Button>{t.projects.propose.submit}</Button>
      </Form>
    </Layout>
  );
}

export function ProjectPage(props: {
  page: Ctx;
  view: ProjectView;
  history: ProjectEvent[];
  /** The signed-in person is the project's student (may resubmit a returned proposal). */
  isStudent: boolean;
  form?: FormState;
  message?: string;
  notice?: string;
}) {
  const { page, view, history } = props;
  const { t, locale } = page;
  const p = t.projects.project;
  const milestoneRows = view.milestones.map((m) => [
    m.title,
    date(m.dueDate, locale),
    m.completed
      ? p.done
      : view.riskReasons.some((r) => r.code === 'milestone_overdue' && r.milestoneId === m.id)
        ? p.overdue
        : p.open,
  ]);
  const proposalValues: FormState = props.form ?? {
    values: {
      title: view.title,
      goal: view.goal,
      description: view.description,
      format: view.format,
      presentationDate: view.presentationDate,
    },
    errors: {},
  };
  return (
    <Layout page={page} title={view.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary form={props.form} t={t} message={props.message} />
      <h1>{view.title}</h1>
      <p class="academy-lead">
        {view.studentName} · {t.projects.statuses[view.status]}
      </p>
      <Risk t={t} locale={locale} view={view} />
      <h2>{p.proposal}</h2>
      <SummaryList
        rows={[
          [p.status, t.projects.statuses[view.status]],
          [t.projects.fields.format, t.projects.formats[view.format]],
          [t.projects.fields.presentationDate, date(view.presentationDate, locale)],
          [p.supervisor, view.supervisor?.name ?? p.noSupervisor],
          [t.projects.fields.goal, view.goal],
          [t.projects.fields.description, view.description],
        ]}
      />
      {view.status === 'returned' && view.returnComment ? (
        <Alert kind="info" heading={p.returnComment}>
          <p>{view.returnComment}</p>
        </Alert>
      ) : null}
      {view.status === 'returned' && props.isStudent ? (
        <>
          <h2>{p.resubmitTitle}</h2>
          <Form csrf={page.csrfToken} action={`/projects/${view.id}/resubmit`}>
            <ProposalFields t={t} form={proposalValues} />
            <Button>{p.resubmit}</Button>
          </Form>
        </>
      ) : null}
      <h2>{p.milestones}</h2>
      <Table caption={p.milestones} head={[p.milestone, p.dueDate, p.state]} rows={milestoneRows} rowHeader />
      <h2>{p.checkIns}</h2>
      {view.checkIns.length ? (
        <ul class="academy-entries">
          {view.checkIns.map((c) => (
            <li>
              <strong>
                {dateTime(c.at, locale)} · {c.onTrack ? p.onTrack : p.notOnTrack}
              </strong>
              <p>{c.note}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{p.noCheckIns}</p>
      )}
      {view.assessment ? (
        <>
          <h2>{p.assessment}</h2>
          <SummaryList
            rows={[
              [p.grade, String(view.assessment.grade)],
              [p.examiner, view.assessment.examiner],
            ]}
          />
        </>
      ) : null}
      <h2>{p.history}</h2>
      <ol class="academy-entries">
        {history.map((e) => (
          <li>
            <strong>{p.events[e.event]}</strong> · {dateTime(e.at, locale)}
            {e.by ? ` · ${p.by(e.by.name)}` : ''}
            {e.milestone ? (
              <p>
                {p.moved(e.milestone.title, date(e.milestone.from, locale), date(e.milestone.to, locale))}
              </p>
            ) : null}
            {e.comment ? <p>{e.comment}</p> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

/** A check-in form of one row of the supervisor's list: its own ids, the project's id in a hidden field. */
function CheckInForm(props: { t: Dictionary; csrf: string; view: ProjectView; form?: FormState }) {
  const { t, view, form } = props;
  const id = (name: string) => `${name}-${view.id}`;
  const error = (name: string) => form?.errors[name];
  const p = t.projects;
  const described = (name: string) => (error(name) ? `${id(name)}-error` : undefined);
  const ErrorText = (e: { name: string }) =>
    error(e.name) ? (
      <span class="form-error-message" id={`${id(e.name)}-error`}>
        <span class="sr-only">{t.form.errorPrefix} </span>
        {error(e.name)}
      </span>
    ) : null;
  return (
    <section class="academy-row-form" aria-labelledby={id('heading')}>
      <h3 id={id('heading')}>{p.teacher.writeCheckIn(view.studentName)}</h3>
      <Form csrf={props.csrf} action="/teacher">
        <input type="hidden" name="projectId" value={view.id} />
        <div class={`form-group${error('note') ? ' form-error' : ''}`}>
          <label class="form-label" for={id('note')}>
            {p.fields.note}
          </label>
          <span class="form-hint" id={id('note-hint')}>
            {p.hints.note}
          </span>
          <ErrorText name="note" />
          <textarea
            id={id('note')}
            name="note"
            rows={3}
            class="form-input"
            aria-describedby={[id('note-hint'), described('note')].filter(Boolean).join(' ')}
          >
            {form?.values.note ?? ''}
          </textarea>
        </div>
        <div class={`form-group${error('onTrack') ? ' form-error' : ''}`}>
          <fieldset aria-describedby={described('onTrack')}>
            <legend class="form-label">{p.fields.onTrack}</legend>
            <ErrorText name="onTrack" />
            <ul class="nobullet-list">
              {(['true', 'false'] as const).map((value) => (
                <li>
                  <input
                    id={id(`onTrack-${value}`)}
                    type="radio"
                    name="onTrack"
                    value={value}
                    class="form-radio radio-large"
                    checked={form?.values.onTrack === value}
                  />
                  <label for={id(`onTrack-${value}`)}>{value === 'true' ? p.yes : p.no}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        </div>
        <Button>{p.teacher.save}</Button>
      </Form>
    </section>
  );
}

export function TeacherPage(props: {
  page: Ctx;
  projects: ProjectView[];
  /** The row whose form was refused, with the person's input and a sentence per field. */
  refused?: { projectId: string; form: FormState; message?: string };
  notice?: string;
}) {
  const { page, projects, refused } = props;
  const { t, locale } = page;
  const p = t.projects;
  const underWay = projects.filter((v) => v.status === 'approved' || v.status === 'in_progress');
  const summaryForm: FormState | undefined = refused
    ? {
        values: refused.form.values,
        errors: Object.fromEntries(
          Object.entries(refused.form.errors).map(([k, v]) => [`${k}-${refused.projectId}`, v]),
        ),
      }
    : undefined;
  return (
    <Layout page={page} title={p.teacher.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      {refused ? <RowErrorSummary t={t} form={summaryForm} message={refused.message} /> : null}
      <h1>{p.teacher.title}</h1>
      <p class="academy-wide">{p.teacher.intro}</p>
      <Table
        caption={p.teacher.title}
        head={[p.teacher.student, p.teacher.project, p.teacher.lastCheckIn, p.teacher.risk]}
        rowHeader
        empty={p.teacher.none}
        rows={projects.map((v) => [
          v.studentName,
          <a href={`/projects/${v.id}`}>{v.title}</a>,
          v.lastCheckInAt ? date(v.lastCheckInAt, locale) : p.teacher.never,
          <RiskCell t={t} locale={locale} view={v} />,
        ])}
      />
      <p>
        <a href="/presentations">{p.teacher.calendar}</a>
      </p>
      {underWay.map((v) => (
        <CheckInForm
          t={t}
          csrf={page.csrfToken}
          view={v}
          form={refused?.projectId === v.id ? refused.form : undefined}
        />
      ))}
    </Layout>
  );
}

/** The error summary for a row's form: links go to that row's fields (`<field>-<projectId>`). */
function RowErrorSummary(props: { t: Dictionary; form?: FormState; message?: string }): ComponentChildren {
  const entries = Object.entries(props.form?.errors ?? {});
  return (
    <div class="alert alert-error" role="alert" aria-atomic="true">
      <div class="alert-body">
        <p class="alert-heading">{props.t.form.errorSummaryTitle}</p>
        {props.message ? <p class="alert-text">{props.message}</p> : null}
        <ul class="alert-text nobullet-list">
          {entries.map(([id, message]) => (
            <li>
              <a
                class="function-link"
                href={`#${id.startsWith('onTrack') ? id.replace('onTrack', 'onTrack-true') : id}`}
              >
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function StaffProjectsPage(props: { page: Ctx; projects: ProjectView[] }) {
  const { page, projects } = props;
  const { t, locale } = page;
  const p = t.projects;
  return (
    <Layout page={page} title={p.staffList.title}>
      <h1>{p.staffList.title}</h1>
      <p class="academy-wide">{p.staffList.intro}</p>
      <Table
        caption={p.staffList.title}
        head={[
          p.teacher.student,
          p.teacher.project,
          p.project.status,
          p.staffList.presentationDate,
          p.project.supervisor,
          p.teacher.risk,
        ]}
        rowHeader
        empty={p.staffList.none}
        rows={projects.map((v) => [
          v.studentName,
          <a href={`/projects/${v.id}`}>{v.title}</a>,
          p.statuses[v.status],
          date(v.presentationDate, locale),
          v.supervisor?.name ?? p.project.noSupervisor,
          <RiskCell t={t} locale={locale} view={v} />,
        ])}
      />
      <p>
        <a href="/presentations">{p.teacher.calendar}</a>
      </p>
    </Layout>
  );
}

export function CalendarPage(props: { page: Ctx; schoolYear: number; presentations: Presentation[] }) {
  const { page, schoolYear, presentations } = props;
  const { t, locale } = page;
  const c = t.projects.calendar;
  return (
    <Layout page={page} title={c.title(schoolYear)}>
      <h1>{c.title(schoolYear)}</h1>
      <p class="academy-wide">{c.intro}</p>
      <Table
        caption={c.title(schoolYear)}
        head={[c.date, c.what, c.programme, t.projects.project.supervisor]}
        rowHeader
        empty={c.none}
        rows={presentations.map((x) => [
          date(x.date, locale),
          <a href={`/projects/${x.projectId}`}>
            {c.eventTitle(t.projects.formats[x.format], x.studentName, x.title)}
          </a>,
          x.programme ?? '',
          x.supervisorName ?? t.projects.project.noSupervisor,
        ])}
      />
      <p>
        <a href={`/presentations.ics?year=${schoolYear}`} download>
          {c.download}
        </a>
      </p>
      <p>
        <a href={`/presentations?year=${schoolYear - 1}`}>{c.previous}</a> ·{' '}
        <a href={`/presentations?year=${schoolYear + 1}`}>{c.next}</a>
      </p>
    </Layout>
  );
}
