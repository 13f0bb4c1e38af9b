import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { ComponentChildren } from 'preact';
import { DomainError, ErrorCode } from '../../common/errors.js';
import { SEVEN_POINT_GRADES } from '../../common/grades.js';
import { AnnualExamDto, FinalExamDto, LeaveDto, OutcomeDto } from '../../students/dto/students.dto.js';
import { StudentsService } from '../../students/students.service.js';
import { ErrorSummary, Field, Form, RadioGroup, type FormState } from '../components/form.js';
import { Alert, Button, SummaryList, Table } from '../components/ui.js';
import { date } from '../format.js';
import { formFromError, validateForm, type FormBody } from '../form.js';
import type { Dictionary } from '../i18n/index.js';
import { Layout } from '../layout/layout.js';
import { Ctx, Page, PageController, redirect, render, signedIn, type PageContext } from '../page.js';
import { inPeopleWords, offsetOf, oneOf, Pager, PeopleNav, Select, textOf } from './people.components.js';

type StudentView = Awaited<ReturnType<StudentsService['get']>>;

const uuid = new ParseUUIDPipe({ version: undefined });
const LIMIT = 50;
const PROGRAMMES = ['MGK', 'BGK', 'TGK'] as const;
const STATUSES = ['active', 'completed', 'left'] as const;
/** Rows the annual exam form offers (works without scripts; empty rows are ignored). */
const SUBJECT_ROWS = 4;

/** A grade as a transcript shows it: 02 and 00 with their zero. */
const gradeText = (g: number) => (g === 2 ? '02' : g === 0 ? '00' : String(g));
const GRADE_OPTIONS = SEVEN_POINT_GRADES.map((g) => ({ value: String(g), label: gradeText(g) }));

interface StudentFilter {
  programme?: (typeof PROGRAMMES)[number];
  cohort?: number;
  year?: number;
  status?: (typeof STATUSES)[number];
  offset: number;
}

function StudentsPage(props: {
  page: PageContext;
  filter: StudentFilter;
  items: StudentView[];
  total: number;
}) {
  const { page, filter } = props;
  const { t } = page;
  const s = t.staffPeople;
  const x = s.students;
  return (
    <Layout page={page} title={x.title}>
      <PeopleNav t={t} current="students" />
      <h1>{x.title}</h1>
      <p class="academy-wide">{x.intro}</p>
      <form method="get" action="/staff/students" class="academy-filters" role="search">
        <Select
          name="programme"
          label={x.programme}
          value={filter.programme ?? ''}
          options={[{ value: '', label: x.anyProgramme }, ...PROGRAMMES.map((p) => ({ value: p, label: p }))]}
        />
        <Field
          name="cohort"
          label={x.cohort}
          hint={x.cohortHint}
          inputMode="numeric"
          form={{ values: { cohort: filter.cohort ? String(filter.cohort) : '' }, errors: {} }}
          t={t}
        />
        <Select
          name="year"
          label={x.year}
          value={filter.year ? String(filter.year) : ''}
          options={[
            { value: '', label: x.anyYear },
            ...[1, 2, 3].map((y) => ({ value: String(y), label: x.yearValue(y) })),
          ]}
        />
        <Select
          name="status"
          label={x.status}
          value={filter.status ?? ''}
          options={[
            { value: '', label: x.anyStatus },
            ...STATUSES.map((st) => ({ value: st, label: x.statuses[st] })),
          ]}
        />
        <Button variant="secondary">{s.filter}</Button>
      </form>
      <Table
        caption={x.list}
        head={[x.name, x.programme, x.mainSubject, x.cohort, x.year, x.status]}
        rowHeader
        empty={x.none}
        rows={props.items.map((v) => [
          <a href={`/staff/students/${v.id}`}>{v.name}</a>,
          v.programme,
          v.mainSubject,
          String(v.cohort),
          x.yearValue(v.year),
          v.status === 'left' && v.leftKind
            ? `${x.statuses.left} (${x.leftKinds[v.leftKind].toLowerCase()})`
            : x.statuses[v.status],
        ])}
      />
      <Pager
        t={t}
        path="/staff/students"
        query={{
          programme: filter.programme,
          cohort: filter.cohort ? String(filter.cohort) : undefined,
          year: filter.year ? String(filter.year) : undefined,
          status: filter.status,
        }}
        offset={filter.offset}
        limit={LIMIT}
        shown={props.items.length}
        total={props.total}
      />
    </Layout>
  );
}

function finalExamText(t: Dictionary, v: StudentView): string {
  const x = t.staffPeople.students;
  const f = v.finalExam;
  if (!f) return x.noFinalExam;
  if (f.waived) return x.finalWaived(f.conservatory);
  return x.finalResult(
    f.result === 'passed' ? x.finalPassed : x.finalFailed,
    f.grade === null ? null : gradeText(f.grade),
    f.examiner,
  );
}

function StudentPage(props: {
  page: PageContext;
  view: StudentView;
  notice?: string;
  outcome?: FormState;
  message?: string;
}) {
  const { page, view: v } = props;
  const { t, locale } = page;
  const x = t.staffPeople.students;
  const outcomeForm: FormState = props.outcome ?? {
    values: {
      kind: v.outcome?.kind ?? '',
      institution: v.outcome?.institution ?? '',
      note: v.outcome?.note ?? '',
    },
    errors: {},
  };
  const rows: Array<[string, ComponentChildren]> = [
    [x.programme, v.programme],
    [x.track, x.tracks[v.track] ?? v.track],
    [x.mainSubject, v.mainSubject],
    [x.cohort, String(v.cohort)],
    [x.year, x.yearValue(v.year)],
    [x.status, x.statuses[v.status]],
    [x.startsOn, date(v.startsOn, locale)],
  ];
  if (v.advancesOn) rows.push([x.year, x.advancesOn(date(v.advancesOn, locale))]);
  if (v.status === 'left' && v.leftOn) {
    rows.push([x.leftOn, `${date(v.leftOn, locale)}${v.leftKind ? ` – ${x.leftKinds[v.leftKind]}` : ''}`]);
    if (v.leftReason && v.leftKind === 'own_wish') rows.push([x.leftReason, v.leftReason]);
  }
  if (v.completedOn) rows.push([x.completedOn, date(v.completedOn, locale)]);
  return (
    <Layout page={page} title={v.name ?? x.title}>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorSummary form={props.outcome} t={t} message={props.message} />
      <PeopleNav t={t} current="students" />
      <h1>{v.name}</h1>
      <SummaryList rows={rows} />
      {v.status === 'active' ? (
        <>
          <h2>{x.actions}</h2>
          <ul>
            {v.year <= 2 && !(v.annualExams ?? []).some((e) => e.year === v.year) ? (
              <li>
                <a href={`/staff/students/${v.id}/annual-exam`}>{x.recordExam(v.year)}</a>
              </li>
            ) : null}
            {v.year === 3 ? (
              <li>
                <a href={`/staff/students/${v.id}/final-exam`}>{x.recordFinal}</a>
              </li>
            ) : null}
            <li>
              <a href={`/staff/students/${v.id}/leave`}>{x.leave}</a>
            </li>
          </ul>
        </>
      ) : null}
      <h2>{x.exams}</h2>
      <Table
        caption={x.exams}
        head={[x.examYear, x.examSubjects, x.examResult]}
        rowHeader
        empty={x.noExams}
        rows={(v.annualExams ?? []).map((e) => [
          x.yearValue(e.year),
          e.subjects.map((sg) => `${sg.subject}: ${gradeText(sg.grade)}`).join(', '),
          `${e.passed ? x.passed : x.failed} (${date(e.heldOn, locale)})`,
        ])}
      />
      <h2>{x.finalExam}</h2>
      <p>{finalExamText(t, v)}</p>
      <h2>{x.outcome}</h2>
      {v.status === 'active' ? (
        <p>{x.outcomeAfter}</p>
      ) : (
        <Form csrf={page.csrfToken} action={`/staff/students/${v.id}/outcome`}>
          <RadioGroup
            name="kind"
            legend={x.outcomeKind}
            options={[
              { value: 'conservatory', label: x.outcomeKinds.conservatory },
              { value: 'other', label: x.outcomeKinds.other },
            ]}
            form={outcomeForm}
            t={t}
          />
          <Field
            name="institution"
            label={x.institution}
            optional={t.form.optional}
            form={outcomeForm}
            t={t}
          />
          <Field
            name="note"
            label={x.note}
            optional={t.form.optional}
            multiline
            rows={3}
            form={outcomeForm}
            t={t}
          />
          <Button>{x.saveOutcome}</Button>
        </Form>
      )}
      <p>
        <a href="/staff/students">{t.staffPeople.nav.students}</a>
      </p>
    </Layout>
  );
}

/** One of the student's confirm steps: a heading, what will happen, one form. */
function ActionPage(props: {
  page: PageContext;
  view: StudentView;
  title: string;
  intro: string;
  action: string;
  form?: FormState;
  message?: string;
  children: ComponentChildren;
}) {
  const { page, view } = props;
  return (
    <Layout page={page} title={props.title}>
      <ErrorSummary form={props.form} t={page.t} message={props.message} />
      <PeopleNav t={page.t} current="students" />
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <Form csrf={page.csrfToken} action={`/staff/students/${view.id}/${props.action}`}>
        {props.children}
      </Form>
      <p>
        <a href={`/staff/students/${view.id}`}>{page.t.staffPeople.back}</a>
      </p>
    </Layout>
  );
}

function AnnualExamPage(props: { page: PageContext; view: StudentView; form?: FormState; message?: string }) {
  const { page, view, form } = props;
  const { t } = page;
  const x = t.staffPeople.students;
  return (
    <ActionPage
      page={page}
      view={view}
      title={x.examTitle(view.name ?? '', view.year)}
      intro={x.examIntro}
      action="annual-exam"
      form={form}
      message={props.message}
    >
      {Array.from({ length: SUBJECT_ROWS }, (_, i) => (
        <fieldset class="academy-subject-row">
          <legend class="sr-only">{x.subject(i + 1)}</legend>
          <Field name={`subjects[${i}].subject`} label={x.subject(i + 1)} form={form} t={t} />
          <Select
            name={`subjects[${i}].grade`}
            label={x.grade(i + 1)}
            options={[{ value: '', label: '–' }, ...GRADE_OPTIONS]}
            form={form}
          />
        </fieldset>
      ))}
      <RadioGroup
        name="passed"
        legend={x.decision}
        options={[
          { value: 'true', label: x.passedOption },
          { value: 'false', label: x.failedOption },
        ]}
        form={form}
        t={t}
      />
      <Button>{x.saveExam}</Button>
    </ActionPage>
  );
}

function FinalExamPage(props: { page: PageContext; view: StudentView; form?: FormState; message?: string }) {
  const { page, view, form } = props;
  const { t } = page;
  const x = t.staffPeople.students;
  return (
    <ActionPage
      page={page}
      view={view}
      title={x.finalTitle(view.name ?? '')}
      intro={x.finalIntro}
      action="final-exam"
      form={form}
      message={props.message}
    >
      <RadioGroup
        name="result"
        legend={x.finalHow}
        options={[
          { value: 'passed', label: x.finalPassed },
          { value: 'failed', label: x.finalFailed },
          { value: 'waived', label: x.finalWaivedOption },
        ]}
        form={form}
        t={t}
      />
      <Select
        name="grade"
        label={x.finalGrade}
        options={[{ value: '', label: '–' }, ...GRADE_OPTIONS]}
        form={form}
      />
      <Field name="examiner" label={x.examiner} form={form} t={t} />
      <Field name="conservatory" label={x.conservatory} hint={x.conservatoryHint} form={form} t={t} />
      <Button>{x.saveFinal}</Button>
    </ActionPage>
  );
}

function LeavePage(props: { page: PageContext; view: StudentView; form?: FormState; message?: string }) {
  const { page, view, form } = props;
  const { t } = page;
  const x = t.staffPeople.students;
  return (
    <ActionPage
      page={page}
      view={view}
      title={x.leaveTitle(view.name ?? '')}
      intro={x.leaveIntro}
      action="leave"
      form={form}
      message={props.message}
    >
      <Field name="leftOn" label={x.leftOnField} hint={x.leftOnHint} type="date" form={form} t={t} />
      <Field name="reason" label={x.reason} multiline rows={4} maxLength={2000} form={form} t={t} />
      <Button variant="warning">{x.confirmLeave}</Button>
    </ActionPage>
  );
}

type Action = 'annual-exam' | 'final-exam' | 'leave';

/** Staff's student pages: the list by programme, cohort and year, one student, and their recorded steps. */
@PageController()
export class StaffStudentPages {
  constructor(private readonly students: StudentsService) {}

  @Get('staff/students')
  @Page('staff')
  async list(@Ctx() page: PageContext, @Query() query: Record<string, unknown>) {
    const cohortText = textOf(query.cohort, 4);
    const cohort = cohortText && /^\d{4}$/.test(cohortText) ? Number(cohortText) : undefined;
    const year = oneOf(query.year, ['1', '2', '3'] as const);
    const filter: StudentFilter = {
      programme: oneOf(query.programme, PROGRAMMES),
      cohort: cohort && cohort >= 2000 && cohort <= 2200 ? cohort : undefined,
      year: year ? Number(year) : undefined,
      status: oneOf(query.status, STATUSES),
      offset: offsetOf(query.offset),
    };
    const { items, total } = await this.students.list(signedIn(page), { ...filter, limit: LIMIT });
    render(page, <StudentsPage page={page} filter={filter} items={items} total={total} />);
  }

  @Get('staff/students/:id')
  @Page('staff')
  async show(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Query('done') done?: string) {
    const x = page.t.staffPeople.students;
    const notices: Record<string, string> = {
      exam: x.examSaved,
      final: x.finalSaved,
      left: x.leftDone,
      outcome: x.outcomeSaved,
    };
    const view = await this.students.get(signedIn(page), id);
    render(page, <StudentPage page={page} view={view} notice={done ? notices[done] : undefined} />);
  }

  /** Where the student went after the course: `kind`, `institution`, `note`. */
  @Post('staff/students/:id/outcome')
  @Page('staff')
  async outcome(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    const user = signedIn(page);
    const refuse = async (form: FormState, message: string | undefined, status: number) =>
      render(
        page,
        <StudentPage page={page} view={await this.students.get(user, id)} outcome={form} message={message} />,
        status,
      );
    const checked = await validateForm(OutcomeDto, body, page.t);
    if (!checked.ok) return refuse(inPeopleWords(page.t, checked.form), undefined, 400);
    try {
      await this.students.setOutcome(user, id, checked.dto);
      redirect(page, `/staff/students/${id}?done=outcome`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      await refuse(
        inPeopleWords(page.t, shown.form),
        this.sentence(page, error, shown.message),
        error.status,
      );
    }
  }

  @Get('staff/students/:id/annual-exam')
  @Page('staff')
  async annualExamPage(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const view = await this.students.get(signedIn(page), id);
    // The course is over: nothing more to record, so the student's page instead.
    if (view.status !== 'active') return redirect(page, `/staff/students/${id}`);
    this.renderAction(page, 'annual-exam', view);
  }

  /** An annual exam: `subjects[i].subject`, `subjects[i].grade`, `passed` (failed ends the course). */
  @Post('staff/students/:id/annual-exam')
  @Page('staff')
  async annualExam(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    await this.act(page, id, 'annual-exam', body);
  }

  @Get('staff/students/:id/final-exam')
  @Page('staff')
  async finalExamPage(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const view = await this.students.get(signedIn(page), id);
    // The course is over: nothing more to record, so the student's page instead.
    if (view.status !== 'active') return redirect(page, `/staff/students/${id}`);
    this.renderAction(page, 'final-exam', view);
  }

  /** The final exam: `result` (passed, failed, waived), `grade`, `examiner`, `conservatory`. */
  @Post('staff/students/:id/final-exam')
  @Page('staff')
  async finalExam(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    await this.act(page, id, 'final-exam', body);
  }

  @Get('staff/students/:id/leave')
  @Page('staff')
  async leavePage(@Ctx() page: PageContext, @Param('id', uuid) id: string) {
    const view = await this.students.get(signedIn(page), id);
    // The course is over: nothing more to record, so the student's page instead.
    if (view.status !== 'active') return redirect(page, `/staff/students/${id}`);
    this.renderAction(page, 'leave', view);
  }

  /** Leaving on the student's own wish: `leftOn`, `reason`. */
  @Post('staff/students/:id/leave')
  @Page('staff')
  async leave(@Ctx() page: PageContext, @Param('id', uuid) id: string, @Body() body: FormBody) {
    await this.act(page, id, 'leave', body);
  }

  private async act(page: PageContext, id: string, action: Action, body: FormBody) {
    const user = signedIn(page);
    const view = await this.activeStudent(page, id);
    const checked = await this.check(page, action, view, body);
    if (!checked.ok) {
      return this.renderAction(page, action, view, inPeopleWords(page.t, checked.form), 400);
    }
    try {
      const dto = checked.dto;
      if (dto instanceof AnnualExamDto) await this.students.recordAnnualExam(user, id, dto);
      else if (dto instanceof FinalExamDto) await this.students.recordFinalExam(user, id, dto);
      else await this.students.leave(user, id, dto);
      const done = { 'annual-exam': 'exam', 'final-exam': 'final', leave: 'left' }[action];
      redirect(page, `/staff/students/${id}?done=${done}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === ErrorCode.NotFound) throw error;
      const shown = formFromError(page.t, error, body);
      const form = inPeopleWords(page.t, shown.form);
      this.renderAction(page, action, view, form, error.status, this.sentence(page, error, shown.message));
    }
  }

  /** The student, while the course still runs (afterwards nothing more is recorded: 409 saying so). */
  private async activeStudent(page: PageContext, id: string): Promise<StudentView> {
    const view = await this.students.get(signedIn(page), id);
    if (view.status !== 'active') {
      throw new DomainError(ErrorCode.InvalidState, page.t.staffPeople.students.notActive);
    }
    return view;
  }

  private async check(page: PageContext, action: Action, view: StudentView, body: FormBody) {
    const { t } = page;
    if (action === 'leave') return validateForm(LeaveDto, body, t);
    if (action === 'final-exam') {
      const result = body.result;
      const grade = typeof body.grade === 'string' && body.grade !== '' ? Number(body.grade) : undefined;
      return validateForm(FinalExamDto, body, t, {
        result:
          result === 'passed' || result === 'failed' ? result : result === 'waived' ? undefined : result,
        waived: result === 'waived' ? true : undefined,
        grade,
      });
    }
    // Empty rows are left out; a refused row's sentence goes back to the row it was typed in.
    const subjects: Array<{ subject?: string; grade?: number }> = [];
    const rowOf: number[] = [];
    for (let i = 0; i < SUBJECT_ROWS; i++) {
      const subject = String(body[`subjects[${i}].subject`] ?? '').trim();
      const grade = String(body[`subjects[${i}].grade`] ?? '');
      if (!subject && !grade) continue;
      subjects.push({ subject: subject || undefined, grade: grade === '' ? undefined : Number(grade) });
      rowOf.push(i);
    }
    const passed = body.passed === 'true' ? true : body.passed === 'false' ? false : undefined;
    const checked = await validateForm(AnnualExamDto, body, t, { year: view.year, subjects, passed });
    if (checked.ok) return checked;
    const errors = Object.fromEntries(
      Object.entries(checked.form.errors).map(([field, sentence]) => [
        field === 'subjects'
          ? 'subjects[0].subject'
          : field.replace(/^subjects\.(\d+)/, (_, k: string) => `subjects[${rowOf[Number(k)]}]`),
        sentence,
      ]),
    );
    return { ok: false as const, form: { ...checked.form, errors } };
  }

  private renderAction(
    page: PageContext,
    action: Action,
    view: StudentView,
    form?: FormState,
    status = 200,
    message?: string,
  ) {
    const props = { page, view, form, message };
    const node =
      action === 'annual-exam' ? (
        <AnnualExamPage {...props} />
      ) : action === 'final-exam' ? (
        <FinalExamPage {...props} />
      ) : (
        <LeavePage {...props} />
      );
    render(page, node, status);
  }

  private sentence(page: PageContext, error: DomainError, shown?: string): string | undefined {
    if (page.locale === 'en' || !shown) return shown;
    return error.code === ErrorCode.InvalidState ? page.t.staffPeople.students.notActive : shown;
  }
}
